import pytest
from django.db import connection
from django.urls import reverse

from lvxie.accounts.choices import Role
from lvxie.audit.triggers import statements
from lvxie.registry.choices import LawyerKind
from tests.factories import (
    LawFirmFactory,
    LawyerFactory,
    OfficeFactory,
    TraineeFactory,
    lawyer_licence,
    make_user,
    region_tree,
)


@pytest.fixture
def regions(db):
    return region_tree()


@pytest.fixture
def world(regions):
    """Two districts of one city, a firm and a lawyer in each, and a user per role and scope.
    Tests ask: does the Futian administrator see the Futian firm (yes) and the Nanshan firm (no, 404)?"""
    ft_firm = LawFirmFactory(name="福田律师事务所", region=regions["futian"])
    ns_firm = LawFirmFactory(name="南山律师事务所", region=regions["nanshan"])
    ft_lawyer = LawyerFactory(name="張斌", firm=ft_firm)
    ns_lawyer = LawyerFactory(name="刘伟东", firm=ns_firm)
    users = {
        "city": make_user(Role.CITY_ADMIN, region=regions["city"], username="city"),
        "futian": make_user(Role.DISTRICT_ADMIN, region=regions["futian"], username="futian"),
        "nanshan": make_user(Role.DISTRICT_ADMIN, region=regions["nanshan"], username="nanshan"),
        "firm": make_user(Role.FIRM_ADMIN, firm=ft_firm, username="firmadmin"),
        "lawyer": make_user(Role.LAWYER, lawyer=ft_lawyer, username="lawyer"),
        "auditor": make_user(Role.AUDITOR, username="auditor"),
        "sysadmin": make_user(Role.SYSTEM_ADMIN, username="sysadmin"),
        "nobody": make_user(None, username="nobody"),
    }
    return {
        "regions": regions,
        "ft_firm": ft_firm,
        "ns_firm": ns_firm,
        "ft_lawyer": ft_lawyer,
        "ns_lawyer": ns_lawyer,
        "users": users,
    }


@pytest.fixture
def lawyer_rows(world):
    """Three valid lawyers for the Futian firm, by its credit code and by its name."""
    firm = world["ft_firm"]
    return [
        ["歐陽明", "男", lawyer_licence(9001), "专职律师", firm.credit_code, 2015, ""],
        ["单晓红", "女", lawyer_licence(9002), "", firm.name, "2018", ""],
        ["曾小军", "男", lawyer_licence(9003), "专职律师", firm.credit_code, 2020, ""],
    ]


@pytest.fixture
def secadmin(db):
    return make_user(Role.SECURITY_ADMIN, username="secadmin")


@pytest.fixture
def exporter(world, secadmin):
    """The Futian administrator, granted the unmasked export by the security administrator."""
    user = world["users"]["futian"]
    from lvxie.dataio import services

    services.export_unmasked_grant(actor=secadmin, user=user)
    return user


def audit_guard(enabled: bool) -> None:
    """Switch the append-only triggers on or off. Only tests do this: a transactional test ends with a
    flush (DELETE on SQLite, TRUNCATE on PostgreSQL) that the triggers would refuse."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE audit_auditevent {'ENABLE' if enabled else 'DISABLE'} TRIGGER USER")
        else:
            for sql in statements("sqlite", reverse=not enabled):
                cursor.execute(sql)


@pytest.fixture
def audit_archive_dir(settings, tmp_path):
    """A fresh archive directory (archives, signed checkpoints, events kept by a restore) for one test."""
    settings.LVXIE_AUDIT_ARCHIVE_DIR = tmp_path / "audit-archive"
    return settings.LVXIE_AUDIT_ARCHIVE_DIR


@pytest.fixture
def audit_purge(transactional_db):
    """For transactional tests (live server): the guard is on during the test, off for the flush."""
    audit_guard(True)
    yield
    audit_guard(False)


@pytest.fixture
def big_firm(world):
    """The 福田 firm grows to 4 lawyers (one part-time), 2 trainees and 3 overseas offices."""
    firm = world["ft_firm"]
    LawyerFactory(firm=firm)
    LawyerFactory(firm=firm)
    LawyerFactory(firm=firm, kind=LawyerKind.PART_TIME, employer="深圳大学")
    for _ in range(2):
        TraineeFactory(firm=firm)
    for city in ("新加坡", "伦敦", "迪拜"):
        OfficeFactory(firm=firm, city=city)
    return firm


def page(client, user, name, *args) -> str:
    """The page `name` as `user` sees it (it must open)."""
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()
