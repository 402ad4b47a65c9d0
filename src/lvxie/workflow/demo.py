"""The demo city's calendar: 2026 confirmed, with the State Council's adjusted working days (调休), and
the years the demo's records go back to (2023-2025), whose schedules the holidays package holds in full.
Called by `lvxie seed demo` (WorkflowConfig.demo_seeder)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from . import services
from .choices import DayKind
from .workdays import year_calendar

# 国务院办公厅关于2026年部分节假日安排的通知: the weekend days worked. The holidays package knows them
# (0.108); should an older one not, the demo supplies them as staff would.
ADJUSTED_2026 = {
    dt.date(2026, 1, 4): "元旦调休上班",
    dt.date(2026, 2, 14): "春节调休上班",
    dt.date(2026, 2, 28): "春节调休上班",
    dt.date(2026, 5, 9): "劳动节调休上班",
    dt.date(2026, 9, 20): "国庆节调休上班",
    dt.date(2026, 10, 10): "国庆节调休上班",
}

PAST_YEARS = (2023, 2024, 2025)


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list:
    known = year_calendar(2026).working_weekends
    added = 0
    for day, note in ADJUSTED_2026.items():
        if day not in known:
            services.workday_override_set(actor=None, day=day, kind=DayKind.WORKING, note=note)
            added += 1
    services.workdays_confirm(actor=None, year=2026, note="已核对国务院办公厅关于2026年部分节假日安排的通知")
    report("working-day calendar 2026 confirmed (adjusted days added)", added)
    # The demo's notices and ledgers start in 2023: their deadlines were counted on published schedules.
    for year in PAST_YEARS:
        services.workdays_confirm(actor=None, year=year, note="已核对国务院办公厅当年节假日安排的通知")
    report("working-day calendars confirmed for past years", len(PAST_YEARS))
    return []
