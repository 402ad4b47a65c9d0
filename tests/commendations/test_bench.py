"""The benchmark case (bench/cases/commendations.py): its seeding runs on a small world, and its floor
query gives the same rows as lvxie's selector (PostgreSQL: the floor is written for it)."""

import pytest
from django.db import connection

from bench.cases import commendations as case
from bench.run import sql
from lvxie.commendations.selectors import notices_published
from lvxie.commendations.services import NOTICE_KIND

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor query is PostgreSQL's")
def test_the_case_seeds_once_and_its_floor_matches_the_selector(cw):
    seeded = case.seed_round(count=4)
    assert seeded == 4 and case.seed_round(count=4) == 4  # once
    mine = [
        (e["window"].pk, e["name"], e["unit"], e["category"], e["call_title"]) for e in notices_published()
    ]
    floor = sql(case.FLOOR, [NOTICE_KIND])()
    assert len(mine) == len(floor) == 4
    assert [(row[0], row[1], row[2]) for row in floor] == [(m[0], m[1], m[2]) for m in mine]


def test_the_case_offers_its_operation_only_when_wanted():
    assert case.operations({}, lambda name: False) == []
