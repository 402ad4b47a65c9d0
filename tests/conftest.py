import pytest
from django.db import connection

from tests.factories import LawFirmFactory, LawyerFactory, make_user, region_tree
from lvxie.accounts.choices import Role
from lvxie.audit.triggers import statements


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
    return {"regions": regions, "ft_firm": ft_firm, "ns_firm": ns_firm, "ft_lawyer": ft_lawyer,
            "ns_lawyer": ns_lawyer, "users": users}


def purge_audit_for_tests() -> None:
    """Transactional tests end with a flush, which the append-only triggers would refuse; lift them for
    the moment of the purge only. Production has no path to do this."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            cursor.execute("DELETE FROM audit_auditevent")
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
        else:
            for sql in statements("sqlite", reverse=True):
                cursor.execute(sql)
            cursor.execute("DELETE FROM audit_auditevent")
            for sql in statements("sqlite"):
                cursor.execute(sql)


@pytest.fixture
def audit_purge(transactional_db):
    yield
    purge_audit_for_tests()
