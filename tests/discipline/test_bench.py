"""The benchmark case (bench/cases/discipline.py) on a small PostgreSQL data set: its seeding works, and
its hand-written SQL gives the same figures as `selectors.oversight`."""

import datetime as dt

import pytest
from django.db import connection

from bench.cases import discipline as bench
from lvxie.discipline import selectors
from lvxie.discipline.choices import AgeBucket
from tests.factories import LawyerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor's SQL is PostgreSQL's")
def test_the_floor_gives_the_oversight_figures(world):
    for _ in range(30):
        LawyerFactory(firm=world["ft_firm"])
    assert bench.seed_cases(25) == 25
    region = selectors.oversight_regions(bench.bench_officer()).first()
    today = dt.date.today()
    figures = selectors.oversight(region, today)
    floor = bench.floor_figures(region, today)
    stage: dict[str, int] = {}
    for status, _source, _conduct, n in floor["groups"]:
        stage[status] = stage.get(status, 0) + n
    assert [(code, n) for code, _label, n in figures.by_stage] == [
        (c, stage.get(c, 0)) for c, *_x in figures.by_stage
    ]
    assert figures.total == 25
    *ages, past = floor["ageing"][0]
    assert [n for *_x, n in figures.ageing] == ages and len(ages) == len(AgeBucket.values)
    assert figures.past_clock == past
    medians = {state: float(m) for state, m in floor["medians"]}
    assert {code: m for code, _label, m in figures.median_days if m is not None} == medians
