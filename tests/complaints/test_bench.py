"""The benchmark case runs: it seeds its rows, and lvxie's list and the hand-written SQL give the same
first page (on SQLite here; the PostgreSQL run of the suite checks the SQL there too)."""

import pytest

from bench.cases import complaints as case
from tests.factories import LawyerFactory

pytestmark = pytest.mark.django_db


def test_the_bench_case_seeds_and_agrees_with_its_floor(world, monkeypatch):
    monkeypatch.setattr(case, "ROWS", 60)
    LawyerFactory(firm=world["ns_firm"])
    assert case.seed() == 60 and case.seed() == 0
    (op,) = case.operations({}, lambda name: True)
    count, rows = op.lvxie()
    floor_count, floor_rows = op.floor()
    assert count == floor_count[0][0] == 60
    assert [obj.pk for obj, _cells in rows] == [row[0] for row in floor_rows]
    assert [cells[7][1] for _obj, cells in rows] == [row[8] for row in floor_rows]
    assert case.operations({}, lambda name: False) == []
