"""Personal information (PIPL): a register kept complete by this test, masking of sensitive fields by role,
and a person's copy of their own data (art. 45)."""

import csv
import datetime
import io
import json

import pytest
from django.apps import apps
from django.urls import reverse

from lvxie.accounts.choices import SENSITIVE_READERS, Role
from lvxie.audit.models import AuditEvent
from lvxie.core.personal_data import NOT_PERSONAL_FIELDS, NOT_PERSONAL_MODELS, REGISTER
from tests.factories import make_user

MATRIX_URLS = ["accounts:my_data"]


def _fields(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete or (f.many_to_many and not f.auto_created)}


def _models():
    return [m for m in apps.get_models() if m.__module__.startswith("lvxie.")]


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label_lower)
def test_every_field_of_every_model_is_classed_in_the_register(model):
    label = model._meta.label_lower
    if label in NOT_PERSONAL_MODELS:
        assert label not in REGISTER
        return
    assert label in REGISTER, (
        f"{label}: add it to its app's personal_data.py (register or register_not_personal)"
    )
    personal, other = set(REGISTER[label]), NOT_PERSONAL_FIELDS.get(label, set())
    assert not personal & other, f"{label}: both personal and not: {personal & other}"
    missing = _fields(model) - personal - other
    assert not missing, f"{label}: class these fields in its app's personal_data.py: {sorted(missing)}"
    stale = (personal | other) - _fields(model)
    assert not stale, f"{label}: no such fields: {sorted(stale)}"


def test_register_names_no_model_that_does_not_exist():
    labels = {m._meta.label_lower for m in _models()}
    assert set(REGISTER) | set(NOT_PERSONAL_MODELS) | set(NOT_PERSONAL_FIELDS) <= labels


def test_every_entry_states_purpose_basis_retention():
    for label, fields in REGISTER.items():
        for name, entry in fields.items():
            assert entry.purpose and entry.basis and entry.retention, f"{label}.{name}"


def test_sensitive_fields_in_the_register_are_those_the_models_mask():
    for label, fields in REGISTER.items():
        model = apps.get_model(label)
        masked = set(getattr(model, "SENSITIVE_FIELDS", ()))
        if not masked:
            continue
        assert {n for n, e in fields.items() if e.sensitive} == masked
        for name in masked:
            assert fields[name].roles == SENSITIVE_READERS | {Role.LAWYER}


@pytest.mark.parametrize(
    ("user", "unmasked"),
    [("city", True), ("futian", True), ("lawyer", True), ("firm", False), ("nanshan", False)],
)
def test_id_numbers_and_phones_are_unmasked_only_for_the_roles_in_the_register(client, world, user, unmasked):
    lawyer = world["ft_lawyer"]
    client.force_login(world["users"][user])
    detail = client.get(reverse("registry:lawyer_detail", args=[lawyer.pk]))
    reveal = client.get(reverse("registry:lawyer_sensitive", args=[lawyer.pk]))
    assert lawyer.id_number not in detail.content.decode()
    assert reveal.status_code == (200 if unmasked else 404)
    if unmasked:
        assert lawyer.id_number in reveal.content.decode() and lawyer.phone in reveal.content.decode()


def test_a_lawyer_downloads_their_own_data_as_json(client, world):
    url = reverse("accounts:my_data", args=["json"])
    # Anonymous: sent to log in
    assert reverse("accounts:login") in client.get(url)["Location"]
    # The lawyer: their account, role and full record (unmasked: it is theirs)
    client.force_login(world["users"]["lawyer"])
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    lawyer = world["ft_lawyer"]
    assert data["account"][0]["username"] == "lawyer"
    assert data["lawyer"][0]["id_number"] == lawyer.id_number and data["lawyer"][0]["phone"] == lawyer.phone
    assert data["roles"][0]["role"] == Role.LAWYER
    assert "password" not in data["account"][0] and "totp_secret" not in data["account"][0]
    assert world["ns_lawyer"].id_number not in response.content.decode()
    assert AuditEvent.objects.filter(
        action="personal_data.export", actor_id=world["users"]["lawyer"].pk
    ).exists()


def test_a_lawyer_downloads_their_own_data_as_csv(client, world):
    client.force_login(world["users"]["lawyer"])
    response = client.get(reverse("accounts:my_data", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "row", "field", "value"]
    assert ["lawyer", "1", "id_number", world["ft_lawyer"].id_number] in rows


def test_data_download_of_another_user_holds_only_their_own(client, world):
    # A user who is not a lawyer gets their account only: nobody's registry record
    client.force_login(world["users"]["futian"])
    data = json.loads(client.get(reverse("accounts:my_data", args=["json"])).content)
    assert set(data) == {"account", "roles", "audit_log"}
    assert {row["actor"] for row in data["audit_log"]} == {str(world["users"]["futian"])}
    assert client.get(reverse("accounts:my_data", args=["xml"])).status_code == 404


def test_csv_cells_that_look_like_formulas_are_neutralised(client, db):
    make_user(username="x", password="pw-Test-12345").__class__.objects.filter(username="x").update(
        display_name="=HYPERLINK(1)"
    )
    client.login(username="x", password="pw-Test-12345")
    body = client.get(reverse("accounts:my_data", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def _person_links() -> set[tuple[str, str]]:
    """Every registered entry that links a row to a person (an account or a lawyer record)."""
    from lvxie.core.personal_data import PERSON_MODELS

    links = set()
    for label, fields in REGISTER.items():
        if label in PERSON_MODELS:
            continue  # the person's own rows (the account's link to its lawyer record is part of it)
        model = apps.get_model(label)
        for name in fields:
            field = model._meta.get_field(name)
            if field.is_relation and field.related_model._meta.label_lower in PERSON_MODELS:
                links.add((label, name))
    return links


def test_the_own_data_map_covers_every_link_to_a_person_in_the_register():
    from lvxie.core.personal_data import NOT_LINKED, OWN_DATA

    mapped = {(label, way.link) for label, ways in OWN_DATA.items() for way in ways if way.link}
    assert mapped == _person_links()
    assert set(REGISTER) == set(OWN_DATA) | set(NOT_LINKED)


@pytest.fixture
def everything(world):
    """A lawyer with a record of every kind the register links to a person: account, roles, token,
    password history, committee seat, Party membership, secretary of one organization and deputy of another
    (whose secretary is someone else), a trainee they supervise, a
    notice they wrote with an attachment and a reply file, a ledger they opened with an item they answer
    for, its change and evidence, a notification, an import, and their own audit events."""
    from lvxie.access.models import RoleGrantProposal
    from lvxie.accounts.models import PasswordHistory
    from lvxie.audit.services import audit_record
    from lvxie.dataio.models import ExportJob, ImportJob
    from lvxie.ledgers.models import Evidence, ItemEvent, Ledger, RectificationItem
    from lvxie.notices.models import Notice, NoticeAttachment, Receipt, ReplyFile
    from lvxie.notifications.models import Notification
    from lvxie.party.choices import TransferStatus
    from lvxie.party.models import MemberTransfer, PartyMembership, PartyOrg
    from lvxie.registry.models import CommitteeMembership
    from tests.api.conftest import make_token
    from tests.factories import CommitteeFactory, TraineeFactory, id_number
    from tests.party.world import build_party_world

    party = build_party_world(world)
    lawyer, deputy = party["lawyers"]["a"][:2]
    user = make_user(Role.LAWYER, lawyer=lawyer, username="everything")
    org = party["orgs"]["a"]
    PartyOrg.objects.filter(pk=org.pk).update(secretary=lawyer, deputy=deputy)
    PartyOrg.objects.filter(pk=party["orgs"]["joint"].pk).update(secretary=deputy, deputy=lawyer)
    make_token(user)
    PasswordHistory.objects.create(user=user, password="md5$old$hash")
    CommitteeMembership.objects.create(
        committee=CommitteeFactory(region=world["regions"]["city"]), lawyer=lawyer
    )
    trainee = TraineeFactory(
        firm=lawyer.firm, supervisor=lawyer, phone="13900139001", id_number=id_number(77)
    )
    notice = Notice.objects.create(
        title="通知", body="正文", sender_region=world["regions"]["futian"], created_by=user
    )
    file = {"file": "x/a.pdf", "content_type": "application/pdf", "size": 1, "uploaded_by": user}
    NoticeAttachment.objects.create(notice=notice, name="附件.pdf", **file)
    receipt = Receipt.objects.create(notice=notice, region=world["regions"]["futian"], firm=lawyer.firm)
    ReplyFile.objects.create(receipt=receipt, name="回复.pdf", **file)
    ledger = Ledger.objects.create(
        title="台账", year=2023, firm=lawyer.firm, region=lawyer.firm.region, created_by=user
    )
    item = RectificationItem.objects.create(
        ledger=ledger,
        seq=1,
        number="2023-001",
        problem="问题",
        goal="目标",
        measures="措施",
        responsible="本人",
        responsible_user=user,
        deadline="2030-01-01",
    )
    ItemEvent.objects.create(item=item, action="add", status="open", actor=user, actor_name=str(user))
    Evidence.objects.create(item=item, name="证据.pdf", **file)
    Notification.objects.create(recipient=user, title="提醒", body="内容")
    ImportJob.objects.create(kind="firms", filename="a.xlsx", content=b"", created_by=user)
    ExportJob.objects.create(what="lawyers", fmt="csv", language="zh-hans", created_by=user)
    # A role proposed for them by someone else, and one they proposed and decided for another account
    other = make_user(Role.LAWYER, lawyer=deputy, username="everything-other")
    RoleGrantProposal.objects.create(user=user, role=Role.LAWYER, proposed_by=other)
    RoleGrantProposal.objects.create(
        user=other,
        role=Role.LAWYER,
        proposed_by=user,
        decided_by=user,
        status=RoleGrantProposal.Status.REFUSED,
    )
    # A transfer of another member that they asked for and decided on (as a secretary)
    membership = (
        PartyMembership.objects.filter(lawyer=deputy).first()
        or PartyMembership.objects.exclude(lawyer=lawyer).first()
    )
    MemberTransfer.objects.create(
        member=membership,
        from_org=membership.org,
        to_org=party["orgs"]["joint"],
        on="2026-01-05",
        status=TransferStatus.REFUSED,
        reason="不予接收",
        requested_by=user,
        requested_by_name=str(user),
        decided_by=user,
        decided_by_name=str(user),
    )
    from django.utils import timezone

    from lvxie.workflow.models import Clock, ClockEvent, TransitionRecord, WorkdayOverride, WorkdayYear

    WorkdayOverride.objects.create(date="2027-02-20", kind="work", created_by=user)
    WorkdayYear.objects.create(year=2027, confirmed_by=user, confirmed_at=timezone.now())
    clock = Clock.objects.create(
        owner_key="t", budget_days=10, started_at=timezone.now(), responsible=user, purpose="受理"
    )
    ClockEvent.objects.create(clock=clock, action="start", at=timezone.now(), actor=user)
    from django.contrib.contenttypes.models import ContentType

    from lvxie.calls.models import (
        Call,
        CallReviewer,
        Score,
        ScoreRevision,
        Submission,
        SubmissionEvent,
        SubmissionFile,
    )
    from lvxie.workflow.models import PublicationWindow

    call = Call.objects.create(
        title="征集", kind="classic_cases", region=world["regions"]["city"], created_by=user
    )
    CallReviewer.objects.create(call=call, reviewer=user)
    submission = Submission.objects.create(call=call, lawyer=lawyer, region=world["regions"]["futian"])
    SubmissionFile.objects.create(submission=submission, name="材料.pdf", **file)
    SubmissionEvent.objects.create(submission=submission, action="save", status="draft", actor=user)
    score = Score.objects.create(
        submission=submission, reviewer=user, points={}, total=0, scored_at=timezone.now()
    )
    ScoreRevision.objects.create(score=score, points={}, total=0, reason="改", changed_by=user)
    PublicationWindow.objects.create(
        content_type=ContentType.objects.get_for_model(Call),
        object_id="1",
        kind="calls.results",
        title="公示",
        scope_path="86/",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(days=1),
        created_by=user,
    )
    TransitionRecord.objects.create(
        content_type=ContentType.objects.get_for_model(Clock),
        object_id=str(clock.pk),
        workflow="test",
        transition="go",
        from_state="a",
        to_state="b",
        actor=user,
        actor_name="律师",
    )
    from lvxie.orglife.models import Meeting, MeetingAttachment, MeetingCorrection, TaskList

    chaired = Meeting.objects.create(
        org=party["orgs"]["a"], kind="committee", date=datetime.date(2026, 3, 5), topic="支委会",
        chair=lawyer, created_by=user,
    )  # fmt: skip
    Meeting.objects.create(
        org=party["orgs"]["a"], kind="lecture", date=datetime.date(2026, 3, 6), topic="党课", recorder=lawyer
    )
    MeetingAttachment.objects.create(meeting=chaired, name="签到表.pdf", **file)
    MeetingCorrection.objects.create(meeting=chaired, reason="补记", by=user, by_name="律师")
    TaskList.objects.create(
        region=world["regions"]["futian"], month=datetime.date(2026, 3, 1), title="三月清单", created_by=user
    )
    from lvxie.recruitment.models import Recruit, RecruitEvent

    # How they came into the Party (发展党员), and a decision recorded on it
    recruit = Recruit.objects.create(
        org=org, person_kind="lawyer", lawyer=lawyer, name=lawyer.name, firm=lawyer.firm, stage="full",
        applied_on=datetime.date(2008, 3, 1), full_on=datetime.date(2010, 1, 1),
    )  # fmt: skip
    RecruitEvent.objects.create(
        recruit=recruit, step="apply", to_stage="applicant", decided_on=datetime.date(2008, 3, 1),
        body="applicant", actor=user, actor_name="律师",
    )  # fmt: skip
    from lvxie.discipline.models import Sanction

    Sanction.objects.create(
        lawyer=lawyer, region=world["regions"]["futian"], kind="warning",
        decided_on=datetime.date(2026, 1, 5),
        reasons="违规收费",
    )  # fmt: skip
    from lvxie.complaints.models import Complaint, ComplaintAccess, ComplaintFile, ConflictDeclaration

    complaint = Complaint.objects.create(
        number="TS2026TEST01", code_hash="0" * 64, received_on=datetime.date(2026, 2, 1), lawyer=lawyer,
        region=world["regions"]["futian"], conduct="fees", facts="收费后未出庭", complainant_name="投诉人",
        created_by=user,
    )  # fmt: skip
    ComplaintFile.objects.create(complaint=complaint, name="a.pdf", content_type="application/pdf", size=1,
                                 file="complaints/a.pdf", uploaded_by=user)  # fmt: skip
    ComplaintAccess.objects.create(complaint=complaint, user=user, kind="reader", named_by=user)
    ConflictDeclaration.objects.create(complaint=complaint, user=user, note="回避")
    from lvxie.discipline.models import CaseGrant, CaseStage, DisciplinaryCase

    case = DisciplinaryCase.objects.create(
        number="JC2026-9999", source="own_motion", lawyer=lawyer, region=world["regions"]["futian"],
        conduct="fees", summary="违规收费", facts="另行收费", officer=user, opened_by=user,
    )  # fmt: skip
    CaseStage.objects.create(case=case, state="investigating", entered_at=timezone.now(), actor=user)
    CaseGrant.objects.create(case=case, user=user, named_by=user)
    from lvxie.commendations.models import Honour, Nomination, Vote, VoteRevision
    from lvxie.workflow.models import Objection

    window = PublicationWindow.objects.get(kind="calls.results", title="公示")
    Objection.objects.create(window=window, text="异议", decision="dismissed", decided_by=user)
    nomination = Nomination.objects.create(
        call=call, submission=submission, category="outstanding_member", lawyer=lawyer, deeds="事迹"
    )
    vote = Vote.objects.create(nomination=nomination, reviewer=user, approve=True, voted_at=timezone.now())
    VoteRevision.objects.create(vote=vote, approve=False, reason="改", changed_by=user)
    Honour.objects.create(
        lawyer=lawyer, region=world["regions"]["futian"], call=call, title="优秀共产党员",
        awarded_on=datetime.date(2026, 1, 5), nomination=nomination,
    )  # fmt: skip
    audit_record(actor=user, action="auth.login", obj=user)
    return {"user": user, "lawyer": lawyer, "deputy": deputy, "trainee": trainee}


def test_the_download_holds_every_registered_entry_about_the_person(client, everything):
    from lvxie.core.personal_data import OWN_DATA

    people = {"accounts.user": everything["user"], "registry.lawyer": everything["lawyer"]}
    client.force_login(everything["user"])  # (itself an audit event of theirs)
    # Given: what the database holds about the person, entry by entry of the register
    expected = []
    for label, ways in OWN_DATA.items():
        model = apps.get_model(label)
        for way in ways:
            person = (
                people[model._meta.get_field(way.link).related_model._meta.label_lower] if way.link else None
            )
            rows = list(model.objects.filter(**{way.link: person})) if way.link else [people[label]]
            assert rows, f"the fixture has no {label} row for the person: add one"
            expected.append((label, way, person, rows))
    # When they download their data
    response = client.get(reverse("accounts:my_data", args=["json"]))
    data = json.loads(response.content)
    # Then every row is there, under its section, naming them
    for label, way, person, rows in expected:
        section = data.get(way.section, [])
        if way.describe:
            assert {str(row) for row in rows} <= {entry["record"] for entry in section}, (label, way)
        else:
            assert len(section) == len(rows), (label, way)
        if way.link:
            assert {entry[way.link] for entry in section if way.link in entry} == {str(person)}, (label, way)
    # The person's own Party membership, sensitive values and all
    membership = data["party_membership"][0]
    assert membership["org"] and membership["kind"] and membership["joined_party_on"] == "2010-01-01"
    # Another person's values in a shared row stay out: the trainee's ID number, the deputy secretary
    body = response.content.decode()
    assert everything["trainee"].id_number not in body and everything["trainee"].phone not in body
    offices = data["party_offices"]
    assert {e.get("secretary") for e in offices} == {str(everything["lawyer"]), None}
    assert str(everything["deputy"]) not in {e.get("secretary") or e.get("deputy") for e in offices}
    assert "password" not in data["password_history"][0] and "totp_secret" not in data["account"][0]


def test_reading_ones_own_membership_is_audited_as_the_export_not_as_a_party_read(client, everything):
    client.force_login(everything["user"])
    before = AuditEvent.objects.count()
    client.get(reverse("accounts:my_data", args=["json"]))
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.action for e in events] == ["personal_data.export"]
    assert "party_membership" in events[0].after["sections"]
