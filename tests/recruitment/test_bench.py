"""The benchmark case (bench/cases/recruitment.py) on a small PostgreSQL database: its seeding SQL and
its floors run, and each floor gives the same answer as lvxie's own way."""

import os
from collections import Counter

import pytest
from django.db import connection

from tests.recruitment.conftest import apply, to_probation


@pytest.fixture
def case():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark's SQL is PostgreSQL's")
    saved = os.environ.get("DJANGO_SETTINGS_MODULE")
    from bench.cases import recruitment  # bench.run names its own settings for `make bench`

    if saved is not None:
        os.environ["DJANGO_SETTINGS_MODULE"] = saved
    return recruitment


def test_the_seeded_rows_and_both_floors_agree_with_lvxie(rw, case):
    to_probation(rw, apply(rw))
    seeded = case.seed(per_org=3)
    assert seeded >= 3  # A支部, the joint branch and N支部, one to three people each
    assert case.seed(per_org=3) == seeded  # once only
    ops = {
        op.name: op for op in case.operations({"bench_party": rw["users"]["party_city"]}, lambda name: True)
    }
    counts, listing = ops[case.NAME], ops[case.LIST_NAME]
    mine = Counter()
    for row in counts.lvxie():
        for measure, n in row.counts.items():
            if n:
                mine[(row.org_id, measure, row.year)] += n
    assert mine == Counter({(org, measure, year): n for org, measure, year, n in counts.floor()})
    assert sum(n for (_o, measure, _y), n in mine.items() if measure == "applied") == seeded + 1
    count, ids = listing.lvxie()
    ((floor_count, floor_ids),) = listing.floor()
    assert (count, ids) == (floor_count, list(floor_ids)) and count == seeded + 1
    assert case.operations({}, lambda name: False) == []
