"""`validate`: full_clean's checks and messages, without looking up keys that hold saved objects, nor
constraints whose condition the object plainly fails."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from lvxie.core.services import _condition_holds, validate
from lvxie.notifications.models import Notification
from lvxie.party.choices import MemberStatus, OrgKind
from lvxie.party.models import OrgFirm, PartyMembership, PartyOrg
from lvxie.recruitment.choices import OPEN_STAGES, Stage
from lvxie.recruitment.models import Recruit
from lvxie.registry.models import CommitteeMembership, Lawyer
from tests.factories import CommitteeFactory, LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lawyer(regions) -> Lawyer:
    """A lawyer loaded as a service has it: firm and district as objects."""
    saved = LawyerFactory(firm=LawFirmFactory(region=regions["futian"]))
    return Lawyer.objects.select_related("firm", "region").get(pk=saved.pk)


def _queries(fn) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return [query["sql"] for query in captured.captured_queries]


def test_a_key_holding_a_saved_object_is_not_looked_up_again(lawyer):
    sql = _queries(lambda: validate(lawyer))
    assert not any('FROM "registry_lawfirm"' in q or 'FROM "registry_region"' in q for q in sql)
    assert any('FROM "registry_lawyer"' in q for q in sql)  # the licence number is still checked as unique


def test_a_bare_key_is_looked_up_and_refused_when_missing(lawyer):
    lawyer = Lawyer.objects.get(pk=lawyer.pk)  # firm_id only, no object
    lawyer.firm_id = 999_999
    with pytest.raises(ValidationError) as refused:
        validate(lawyer)
    assert "firm" in refused.value.message_dict


def test_uniqueness_over_saved_keys_keeps_its_message(lawyer, regions):
    committee = CommitteeFactory(region=regions["futian"])
    CommitteeMembership.objects.create(committee=committee, lawyer=lawyer)
    again = CommitteeMembership(committee=committee, lawyer=lawyer)
    with pytest.raises(ValidationError) as refused:
        validate(again)
    assert "already exists" in str(refused.value)


def test_fields_limits_the_checks_to_what_changed(lawyer):
    Lawyer.objects.filter(pk=lawyer.pk).update(licence_no="bad")  # legacy data in an unchanged field
    lawyer.licence_no = "bad"
    lawyer.phone = "13900000000"
    validate(lawyer, fields=("phone",))
    with pytest.raises(ValidationError) as refused:
        validate(lawyer)
    assert "licence_no" in refused.value.message_dict


def _constraint(model, name):
    return next(c for c in model._meta.constraints if c.name == name)


@pytest.mark.parametrize(
    ("obj", "name", "applies"),
    [
        (PartyMembership(status=MemberStatus.ACTIVE), "party_one_active_membership", True),
        (PartyMembership(status=MemberStatus.TRANSFERRED), "party_one_active_membership", False),
        (OrgFirm(until=None), "party_firm_one_org", True),
        (OrgFirm(until=date(2024, 1, 1)), "party_firm_one_org", False),
        (Recruit(stage=OPEN_STAGES[0]), "recruit_one_open_per_lawyer", True),
        (Recruit(stage=Stage.CANCELLED), "recruit_one_open_per_lawyer", False),
    ],
)
def test_a_conditional_unique_constraint_is_read_off_the_object(obj, name, applies):
    assert _condition_holds(_constraint(type(obj), name), obj) is applies


def test_a_condition_other_than_plain_tests_is_left_to_django():
    key_once = _constraint(Notification, "notification_key_once")  # condition ~Q(key="")
    assert _condition_holds(key_once, Notification(key="")) is None


def test_a_constraint_that_does_not_apply_costs_no_query_and_one_that_does_still_refuses(lawyer):
    org = PartyOrg.objects.create(
        name="党支部", kind=OrgKind.INDEPENDENT_BRANCH, region=lawyer.region, founded_on=date(2020, 1, 1)
    )
    joined = {"joined_party_on": date(2019, 7, 1), "joined_on": date(2020, 1, 1)}
    ended = PartyMembership(lawyer=lawyer, org=org, status=MemberStatus.TRANSFERRED, **joined)
    assert _queries(lambda: validate(ended)) == []
    PartyMembership.objects.create(lawyer=lawyer, org=org, status=MemberStatus.ACTIVE, **joined)
    second = PartyMembership(lawyer=lawyer, org=org, status=MemberStatus.ACTIVE, **joined)
    with pytest.raises(ValidationError) as refused:
        validate(second)
    assert "lawyer" in refused.value.message_dict or "__all__" in refused.value.message_dict
    # Looked up in one query, without the savepoint Django puts around its check (inside a transaction)
    with transaction.atomic(), CaptureQueriesContext(connection) as captured, pytest.raises(ValidationError):
        validate(second)
    sql = [query["sql"] for query in captured.captured_queries]
    assert not any("SAVEPOINT" in q for q in sql) and len(sql) == 1
    # A condition on a field that failed its own check is left to Django, which skips it
    second.status = "bogus"
    with pytest.raises(ValidationError) as refused:
        validate(second)
    assert set(refused.value.message_dict) == {"status"}


def test_every_lookup_of_a_row_is_one_query_and_each_refusal_is_full_clean_s(lawyer):
    """A membership transferred from another has two lookups (its source's uniqueness, the lawyer's
    one active membership): one round trip, and when they collide, the errors full_clean gives."""
    org = PartyOrg.objects.create(
        name="党支部", kind=OrgKind.INDEPENDENT_BRANCH, region=lawyer.region, founded_on=date(2020, 1, 1)
    )
    joined = {"joined_party_on": date(2019, 7, 1), "joined_on": date(2020, 1, 1)}
    source = PartyMembership.objects.create(lawyer=lawyer, org=org, status=MemberStatus.TRANSFERRED, **joined)
    fresh = PartyMembership(
        lawyer=lawyer, org=org, status=MemberStatus.ACTIVE, transferred_from=source, **joined
    )
    assert len(_queries(lambda: validate(fresh))) == 1
    PartyMembership.objects.create(
        lawyer=lawyer, org=org, status=MemberStatus.ACTIVE, transferred_from=source, **joined
    )
    with pytest.raises(ValidationError) as ours:
        validate(fresh)
    with pytest.raises(ValidationError) as django_s:
        fresh.full_clean()
    assert ours.value.message_dict == django_s.value.message_dict
    assert {"transferred_from"} <= set(ours.value.message_dict)
    # A lawyer's two unique numbers, both taken by another: both refused, under their own fields
    other = LawyerFactory(firm=lawyer.firm)
    copy = Lawyer.objects.select_related("firm", "region").get(pk=other.pk)
    copy.pk, copy._state.adding = None, True
    with pytest.raises(ValidationError) as ours:
        validate(copy)
    with pytest.raises(ValidationError) as django_s:
        copy.full_clean()
    assert ours.value.message_dict == django_s.value.message_dict and "licence_no" in ours.value.message_dict


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"id_number": "110101199003077777"},
        {"first_licensed_year": "1800"},
        {"gender": "x", "phone": "12"},
    ],
)
def test_remembered_field_checks_give_what_django_gives_every_time(lawyer, changes):
    from lvxie.core.services import clean_fields_remembered

    def outcome(check) -> dict:
        row = Lawyer.objects.get(pk=lawyer.pk)
        for name, value in changes.items():
            setattr(row, name, value)
        try:
            check(row)
        except ValidationError as error:
            return {"errors": error.message_dict}
        return {"values": {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}}

    expected = outcome(lambda row: row.clean_fields(exclude={"firm", "region"}))
    assert ("errors" in expected) == bool(changes)
    for _ in range(2):  # the second time from what the first remembered
        assert outcome(lambda row: clean_fields_remembered(row, exclude={"firm", "region"})) == expected


def test_a_lookup_compiled_once_refuses_and_accepts_with_new_values(lawyer, monkeypatch):
    """The uniqueness lookups are compiled once per shape (core.statements): later rows of the same shape
    run that SQL with their own values, so a taken number is still refused under its field, a free one
    accepted, and an update still leaves its own row out."""
    from django.db.models.sql.compiler import SQLCompiler

    validate(lawyer, unchanged=frozenset())  # an update: its own numbers are its own (compiles the shape)
    compiles = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiles.append(1) or original(self, *a, **k)
    )
    other = LawyerFactory(firm=lawyer.firm)
    loaded = Lawyer.objects.select_related("firm", "region").get(pk=other.pk)
    compiles.clear()
    validate(loaded, unchanged=frozenset())
    assert not compiles  # the same shape, new values: nothing compiled again
    loaded.licence_no = lawyer.licence_no
    with pytest.raises(ValidationError) as ours:
        validate(loaded, unchanged=frozenset())
    with pytest.raises(ValidationError) as django_s:
        loaded.full_clean()
    assert ours.value.message_dict == django_s.value.message_dict and "licence_no" in ours.value.message_dict


def test_a_lookup_of_a_date_or_a_value_like_would_escape_is_built_as_usual():
    """Only text and integers go into a compiled statement; any other value builds its queryset."""
    from lvxie.core.statements import Statements

    statements = Statements()
    by_day = lambda day: PartyMembership.objects.filter(joined_on=day)  # noqa: E731
    assert statements.exists_sql("day", by_day, date(2020, 1, 1)) is None
    by_note = lambda note: PartyMembership.objects.filter(note=note)  # noqa: E731
    assert statements.exists_sql("note", by_note, "a_b") is None
    sql, params = statements.exists_sql("note", by_note, "ab")
    assert "ab" in params and "LIMIT 1" in sql
    assert statements.exists_sql("note", by_note, "cd") == (sql, [("cd" if p == "ab" else p) for p in params])
