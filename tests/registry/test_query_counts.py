"""List pages cost a fixed number of queries, however many rows they show (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CommitteeFactory, LawFirmFactory, LawyerFactory, OfficeFactory, TraineeFactory

PAGES = [
    "registry:firm_list",
    "registry:lawyer_list",
    "registry:trainee_list",
    "registry:office_list",
    "registry:committee_list",
    "home",
]


def _add_rows(regions, per_firm: int) -> None:
    for name in ("futian", "nanshan"):
        firm = LawFirmFactory(region=regions[name])
        for _ in range(per_firm):
            lawyer = LawyerFactory(firm=firm)
            TraineeFactory(firm=firm, supervisor=lawyer)
        OfficeFactory(firm=firm)
        CommitteeFactory(region=regions["city"])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_list_page_queries_do_not_grow_with_rows(client, world, name):
    client.force_login(world["users"]["city"])
    url = reverse(name)
    _add_rows(world["regions"], per_firm=1)
    few = _count(client, url)
    _add_rows(world["regions"], per_firm=8)
    assert _count(client, url) == few
    # The home page also lists what waits for the city's staff, one query per to-do provider that may
    # concern them: items submitted for closure, submissions to score, complaints they were named on,
    # commendation rounds waiting for their vote (a person named on a complaint or a panel may be anyone).
    assert few <= (16 if name == "home" else 12)


def test_the_district_choices_are_read_in_one_plain_query(client, world):
    """(Not a server-side cursor: on PostgreSQL that is DECLARE, FETCH and CLOSE for a few regions.)"""
    client.force_login(world["users"]["city"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("registry:firm_list"))
    assert "福田区" in page.content.decode()  # a district of the city in the drop-down
    sql = [q["sql"] for q in queries.captured_queries]
    assert not any("DECLARE" in q for q in sql)
    assert sum('FROM "registry_region"' in q and '"level"' in q for q in sql) == 1
