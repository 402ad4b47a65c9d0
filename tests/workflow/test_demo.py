"""The demo's part: 2026 confirmed with the State Council's adjusted working days."""

import datetime as dt
import random

from lvxie.workflow import demo
from lvxie.workflow.models import WorkdayYear
from lvxie.workflow.workdays import add_working_days, year_calendar


def test_the_demo_confirms_2026_with_its_adjusted_working_days(db):
    reported: list[tuple[str, int]] = []
    assert demo.seed(city=None, rng=random.Random(1), report=lambda what, n: reported.append((what, n))) == []
    assert WorkdayYear.objects.filter(year=2026).exists() and reported
    assert set(demo.ADJUSTED_2026) <= set(year_calendar(2026).working_weekends)
    deadline = add_working_days(dt.date(2026, 9, 28), 10)
    assert deadline.date == dt.date(2026, 10, 16) and not deadline.provisional


def test_the_demo_confirms_the_past_years_its_records_reach_into(db):
    demo.seed(city=None, rng=random.Random(1), report=lambda step, n: None)
    assert set(WorkdayYear.objects.values_list("year", flat=True)) == {2023, 2024, 2025, 2026}
