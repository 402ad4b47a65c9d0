"""Two registrations at once in one district (PostgreSQL, two connections): the district's figures count
both, because each write adds its difference to the region row rather than writing a recount over it."""

import pytest
from django.db import connection

from lvxie.party.coverage import coverage_differences, coverage_refresh, region_figures
from lvxie.registry.choices import LawyerKind
from lvxie.registry.models import Lawyer
from lvxie.registry.services import lawyer_register
from tests.concurrency import together
from tests.factories import LawFirmFactory, lawyer_licence

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writers; the race needs two real connections"
)


def test_concurrent_registrations_in_one_district_both_count(transactional_db, audit_purge, world):
    futian, admin = world["regions"]["futian"], world["users"]["futian"]
    firms = [world["ft_firm"], LawFirmFactory(region=futian)]
    coverage_refresh()
    before, _ = region_figures(futian)

    def register(n, firm):
        return lambda: lawyer_register(
            actor=admin, name=f"并发{n}", gender="M", kind=LawyerKind.FULL_TIME, firm=firm,
            licence_no=lawyer_licence(9000 + n), first_licensed_year=2015,
        )  # fmt: skip

    results = together(*[register(n, firm) for n, firm in enumerate(firms)])
    assert all(isinstance(r, Lawyer) for r in results), results
    after, _ = region_figures(futian)
    assert (after.firms, after.lawyers) == (before.firms, before.lawyers + 2)
    assert coverage_differences() == []
