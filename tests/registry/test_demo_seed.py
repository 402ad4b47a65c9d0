"""The demo city (`lvxie seed demo`), at a small scale: deterministic, valid, complete, with demo accounts
whose scopes and passwords work; and the bulk services it writes through.

The city is seeded once for the module inside a transaction that is rolled back at its end; each test
runs in a savepoint within it, as usual."""

import json
import stat
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.audit.models import AuditEvent
from lvxie.core.chinese import to_simplified
from lvxie.registry.choices import FIRM_KINDS, CommitteeKind, CommitteePosition, FirmKind, Gender, LawyerKind
from lvxie.registry.demo.city import DemoCity
from lvxie.registry.demo.data import DEFAULT_SEED
from lvxie.registry.demo.logins import logins_path, read_logins
from lvxie.registry.models import (
    BarCommittee,
    CommitteeMembership,
    LawFirm,
    Lawyer,
    OverseasOffice,
    Region,
    Trainee,
)
from lvxie.registry.services import firms_bulk_register
from tests.factories import credit_code, firm_licence

SCALE = 0.02
USERNAMES = {
    "city_admin",
    "futian_admin",
    "nanshan_admin",
    "judicial",
    "discipline",
    "firm_admin",
    "lawyer",
    "sysadmin",
    "secadmin",
    "auditor",
    # lvxie.party's demo seeder
    "party_city",
    "party_futian",
    "secretary",
    # lvxie.calls' demo seeder
    "reviewer1",
    "reviewer2",
    # lvxie.complaints' demo seeder
    "handler1",
    "handler2",
    # lvxie.secretary_reports' demo seeder (the panel's second member)
    "report_panel",
    # lvxie.commendations' demo seeder (the panel)
    "panel1",
    "panel2",
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed command's output; the log-ins file goes to a directory of this module's own."""
    var_dir = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var_dir), transaction.atomic():
        out = StringIO()
        call_command("seed", "demo", "--scale", str(SCALE), stdout=out)
        yield out.getvalue(), var_dir
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db) -> str:
    return seeded[0]


@pytest.fixture
def var_dir(seeded, settings):
    settings.VAR_DIR = seeded[1]
    return seeded[1]


def _generate(seed: int) -> tuple[list, list]:
    city = DemoCity(scale=SCALE, seed=seed)
    city.regions()
    firms, lawyers = city.firms(), city.lawyers()
    return [(f.name, f.licence_no, f.credit_code) for f in firms], [lawyer.licence_no for lawyer in lawyers]


def test_same_seed_gives_the_same_city_and_another_seed_another():
    assert _generate(7) == _generate(7)
    assert _generate(7) != _generate(8)


def test_seeding_saves_the_generated_city_and_reports_progress(demo):
    firms, lawyers = _generate(DEFAULT_SEED)
    assert set(LawFirm.objects.values_list("name", "licence_no", "credit_code")) == set(firms)
    assert set(Lawyer.objects.values_list("licence_no", flat=True)) == set(lawyers)
    for step in ("regions", "law firms", "lawyers", "trainees", "bar committees", "demo accounts"):
        assert step in demo
    assert "Done in" in demo


def test_every_record_passes_validation(demo):
    for model in (Region, LawFirm, Lawyer, Trainee, BarCommittee, CommitteeMembership, OverseasOffice):
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            row.full_clean()  # validators, including uniqueness


def test_every_kind_of_firm_and_lawyer_is_there_and_consistent(demo):
    assert set(LawFirm.objects.values_list("kind", flat=True)) == set(FirmKind.values)
    assert set(Lawyer.objects.values_list("kind", flat=True)) == set(LawyerKind.values)
    assert Region.objects.filter(level="district", parent__code="4403").count() == 10
    outside = Lawyer.objects.exclude(kind__in=FIRM_KINDS)
    assert not outside.filter(Q(firm__isnull=False) | Q(employer="")).exists()
    assert set(outside.values_list("region__level", flat=True)) == {"district"}
    assert not Lawyer.objects.filter(kind__in=FIRM_KINDS, firm__isnull=True).exists()
    for lawyer in Lawyer.objects.all():
        assert int(lawyer.licence_no[4:8]) == lawyer.first_licensed_year
        assert lawyer.licence_no[9] == ("1" if lawyer.gender == Gender.MALE else "0")
        assert lawyer.practice_areas.startswith(",") and lawyer.practice_areas.endswith(",")
        assert 1 <= len(lawyer.practice_area_codes) <= 3
    assert Trainee.objects.exists()
    assert not Trainee.objects.exclude(supervisor__firm=F("firm")).exists()


def test_hk_macau_lawyers_have_traditional_names_and_permit_numbers(demo):
    hk_macau = Lawyer.objects.filter(kind=LawyerKind.HK_MACAU)
    rows = list(hk_macau.values_list("name", "name_simplified", "id_number"))
    assert rows
    for name, simplified, id_number in rows:
        assert to_simplified(name) != name  # OpenCC t2s changes a traditional name
        assert simplified == to_simplified(name)
        assert id_number == "" or id_number[:6] in {"810000", "820000"}


def test_committees_of_the_three_kinds_have_chairs_and_members(demo):
    for kind, count, level in (
        (CommitteeKind.DISTRICT, 10, "district"),
        (CommitteeKind.SPECIAL, 26, "city"),
        (CommitteeKind.PROFESSIONAL, 80, "city"),
    ):
        committees = BarCommittee.objects.filter(kind=kind)
        assert committees.count() == count
        assert set(committees.values_list("region__level", flat=True)) == {level}
        members = CommitteeMembership.objects.filter(committee__kind=kind, position=CommitteePosition.MEMBER)
        assert members.exists()
    directors = Count("memberships", filter=Q(memberships__position=CommitteePosition.DIRECTOR))
    for committee in BarCommittee.objects.annotate(seats=Count("memberships"), directors=directors):
        assert committee.directors == (1 if committee.seats else 0), committee
    district_seats = CommitteeMembership.objects.filter(committee__kind=CommitteeKind.DISTRICT)
    assert not district_seats.exclude(lawyer__region=F("committee__region")).exists()
    assert OverseasOffice.objects.exists()
    assert not OverseasOffice.objects.filter(city__in=["香港", "澳门"]).exists()


def test_demo_accounts_cover_every_role_with_working_scopes(demo):
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    users = {user.username: user for user in User.objects.all()}
    assert set(users) == USERNAMES
    for username, code in (("futian_admin", "440304"), ("nanshan_admin", "440305")):
        visible = LawFirm.objects.visible_to(users[username])
        assert visible.count() == LawFirm.objects.filter(region__code=code).count() > 0
        assert not visible.exclude(region__code=code).exists()
    assert LawFirm.objects.visible_to(users["city_admin"]).count() == LawFirm.objects.count()
    firm = RoleAssignment.objects.get(role=Role.FIRM_ADMIN).firm
    assert firm.region.code == "440304" and firm.kind == FirmKind.PARTNERSHIP
    assert set(Lawyer.objects.visible_to(users["firm_admin"])) == set(firm.lawyers.all())
    own = users["lawyer"].lawyer
    assert own.firm == firm
    assert list(Lawyer.objects.visible_to(users["lawyer"])) == [own]
    for username in ("sysadmin", "auditor"):
        assert not LawFirm.objects.visible_to(users[username]).exists()


def test_logins_file_is_private_and_its_passwords_log_in(demo, var_dir):
    path = logins_path()
    assert path == var_dir / "demo-logins.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    logins = read_logins(path)
    assert {login.username for login in logins} == USERNAMES
    assert len({login.password for login in logins}) == len(logins)
    for login in logins:
        assert authenticate(username=login.username, password=login.password) is not None
        assert authenticate(username=login.username, password=login.password + "x") is None
    audit_text = json.dumps(list(AuditEvent.objects.values("before", "after")), ensure_ascii=False)
    assert not any(login.password in audit_text for login in logins)
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert all(login.username in out.getvalue() and login.password in out.getvalue() for login in logins)


def test_demo_logins_before_seeding_says_what_to_run(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "lvxie seed demo" in out.getvalue()


def test_if_empty_does_nothing_on_a_second_run_and_plain_reseeding_is_refused(demo, var_dir):
    def counts() -> list[int]:
        return [model.objects.count() for model in (Region, LawFirm, Lawyer, User, AuditEvent)]

    before, logins = counts(), logins_path().read_text()
    out = StringIO()
    call_command("seed", "demo", "--if-empty", "--scale", str(SCALE), stdout=out)
    assert "not seeding" in out.getvalue()
    with pytest.raises(CommandError, match="--if-empty"):
        call_command("seed", "demo", "--scale", str(SCALE), stdout=StringIO())
    assert counts() == before
    assert logins_path().read_text() == logins


def test_bulk_writes_leave_one_audit_event_per_batch(demo):
    events = list(
        # The registry's own batches (the other seeders' are checked in their own tests).
        AuditEvent.objects.filter(
            action__contains="bulk", action__regex=r"^(region|firm|lawyer|trainee|committee|office)\."
        ).values_list("action", "after")
    )
    assert sorted(events) == sorted(
        [
            ("region.bulk_create", {"count": Region.objects.count()}),
            ("firm.bulk_create", {"count": LawFirm.objects.count()}),
            ("lawyer.bulk_create", {"count": Lawyer.objects.count()}),
            ("trainee.bulk_create", {"count": Trainee.objects.count()}),
            ("committee.bulk_create", {"count": BarCommittee.objects.count()}),
            ("committee.member_bulk_add", {"count": CommitteeMembership.objects.count()}),
            ("office.bulk_create", {"count": OverseasOffice.objects.count()}),
        ]
    )


def _firm(n: int, region: Region, **fields) -> LawFirm:
    return LawFirm(
        name=f"广东测试{n}律师事务所",
        credit_code=credit_code(n),
        licence_no=firm_licence(n),
        region=region,
        **fields,
    )


def test_bulk_register_saves_a_head_office_and_its_branch_in_one_batch(demo):
    head = _firm(980, Region.objects.get(code="440304"))
    branch = _firm(981, Region.objects.get(code="440305"), kind=FirmKind.BRANCH, parent_firm=head)
    assert firms_bulk_register(actor=User.objects.get(username="city_admin"), firms=[branch, head]) == 2
    assert LawFirm.objects.get(pk=branch.pk).parent_firm_id == head.pk
    assert LawFirm.objects.get(pk=head.pk).name_pinyin  # search keys filled


def test_bulk_register_refuses_rows_outside_the_actors_scope(demo):
    events = AuditEvent.objects.count()
    rows = [_firm(982, Region.objects.get(code="440304")), _firm(983, Region.objects.get(code="440305"))]
    with pytest.raises(PermissionDenied):
        firms_bulk_register(actor=User.objects.get(username="futian_admin"), firms=rows)
    assert not LawFirm.objects.filter(name__startswith="广东测试").exists()
    assert AuditEvent.objects.count() == events
