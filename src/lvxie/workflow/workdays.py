"""Working days of the People's Republic of China, for deadlines.

A date is a working day when staff say so (`WorkdayOverride`), else when the `holidays` package names
it an adjusted working weekend (调休上班), else when it is Monday to Friday and not a public holiday.
The State Council publishes each year's schedule in November or December; the package may know a
year's holidays (by rule) before its adjusted weekends. So a year counts as firm only once staff have
confirmed it (`WorkdayYear`); any deadline whose count passes through an unconfirmed year is marked
provisional.

Counting follows the usual rule for periods: the day something starts is not counted; the first
working day after it is day 1. `add_working_days(Monday 2026-09-28, 10)` is Friday 2026-10-16.

Each year's calendar is computed once and kept in Django's cache (shared by every process: the
database cache or Redis), dropped by the services when staff change the year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import holidays
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from .choices import DayKind
from .models import WorkdayOverride, WorkdayYear

COUNTRY = "CN"
CACHE_VERSION = 1
CACHE_SECONDS = 24 * 3600
# No deadline counts further than this: a budget this long is a mistake, not a deadline.
MAX_DAYS = 3660


@dataclass(frozen=True)
class DayNote:
    """Why a date is off or worked: its name in Chinese and English, and who said so."""

    zh: str
    en: str
    source: str  # "package" or "staff"

    @property
    def name(self) -> str:
        return self.en if (get_language() or "zh-hans").startswith("en") else self.zh


@dataclass(frozen=True)
class YearCalendar:
    """One year: the holidays (on any day of the week), the weekend days worked, and whether staff have
    confirmed the year."""

    year: int
    days_off: dict[dt.date, DayNote] = field(default_factory=dict)
    working_weekends: dict[dt.date, DayNote] = field(default_factory=dict)
    confirmed: bool = False
    confirmed_by: str = ""
    confirmed_at: dt.datetime | None = None

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekends:
            return True
        return day.weekday() < 5 and day not in self.days_off

    @property
    def package_knows_adjusted_days(self) -> bool:
        return any(note.source == "package" for note in self.working_weekends.values())


@dataclass(frozen=True)
class Deadline:
    """A date counted in working days; `provisional` when a year it passed through is not confirmed."""

    date: dt.date
    provisional: bool
    unconfirmed_years: tuple[int, ...] = ()

    def isoformat(self) -> str:
        return self.date.isoformat()


def _package_year(year: int) -> tuple[dict[dt.date, DayNote], dict[dt.date, DayNote]]:
    zh = holidays.country_holidays(COUNTRY, years=year, language="zh_CN")
    en = holidays.country_holidays(COUNTRY, years=year, language="en_US")
    off = {day: DayNote(zh=zh[day], en=en.get(day, zh[day]), source="package") for day in zh}
    # weekend_workdays carries a few dates of other years (the package's own tables): keep this year's.
    worked = {
        day: DayNote(zh="调休上班", en="Adjusted working day", source="package")
        for day in getattr(zh, "weekend_workdays", ())
        if day.year == year
    }
    return off, worked


def _cache_key(year: int) -> str:
    return f"lvxie:workflow:year:{CACHE_VERSION}:{year}"


def compute_year(year: int) -> YearCalendar:
    off, worked = _package_year(year)
    for override in WorkdayOverride.objects.filter(date__year=year):
        if override.kind == DayKind.WORKING:
            off.pop(override.date, None)
            if override.date.weekday() >= 5:
                worked[override.date] = DayNote(
                    zh=override.note or "调休上班", en=override.note or "Adjusted working day", source="staff"
                )
        else:
            worked.pop(override.date, None)
            off[override.date] = DayNote(
                zh=override.note or "休息日", en=override.note or "Day off", source="staff"
            )
    confirmation = WorkdayYear.objects.filter(year=year).select_related("confirmed_by").first()
    by = ""
    if confirmation is not None and confirmation.confirmed_by is not None:
        user = confirmation.confirmed_by
        by = getattr(user, "display_name", "") or user.get_username()
    return YearCalendar(
        year=year,
        days_off=dict(sorted(off.items())),
        working_weekends=dict(sorted(worked.items())),
        confirmed=confirmation is not None,
        confirmed_by=by,
        confirmed_at=confirmation.confirmed_at if confirmation is not None else None,
    )


def year_calendar(year: int) -> YearCalendar:
    """The calendar of one year, from the cache when it is there."""
    key = _cache_key(year)
    found = cache.get(key)
    if isinstance(found, YearCalendar):
        return found
    built = compute_year(year)
    cache.set(key, built, CACHE_SECONDS)
    return built


def forget_year(year: int) -> None:
    """Drop a year's cached calendar (the services call this when staff change it, at once and again
    after the commit, so no process keeps a stale copy)."""
    cache.delete(_cache_key(year))


class _Years:
    """The calendars one computation passes through, each fetched once."""

    def __init__(self) -> None:
        self._years: dict[int, YearCalendar] = {}

    def __getitem__(self, year: int) -> YearCalendar:
        if year not in self._years:
            self._years[year] = year_calendar(year)
        return self._years[year]

    def unconfirmed(self) -> tuple[int, ...]:
        return tuple(sorted(y for y, cal in self._years.items() if not cal.confirmed))


def is_working_day(day: dt.date) -> bool:
    """Is this date a working day in mainland China (staff overrides first)?"""
    return year_calendar(day.year).is_working_day(day)


def add_working_days(start: dt.date, n: int) -> Deadline:
    """The date `n` working days after `start` (the start itself not counted; n=0 is `start`).
    Negative n counts backwards."""
    if abs(n) > MAX_DAYS:
        raise ValueError(f"a deadline of {n} working days is out of range")
    years = _Years()
    years[start.year]
    day, left = start, abs(n)
    step = dt.timedelta(days=1 if n >= 0 else -1)
    while left:
        day += step
        if years[day.year].is_working_day(day):
            left -= 1
    unconfirmed = years.unconfirmed()
    return Deadline(date=day, provisional=bool(unconfirmed), unconfirmed_years=unconfirmed)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """The number of working days d with a < d <= b (negative, counted the same way, when b < a):
    how many working days have passed from a to b."""
    if b < a:
        return -working_days_between(b, a)
    years = _Years()
    count, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        if years[day.year].is_working_day(day):
            count += 1
    return count


def provisional_between(a: dt.date, b: dt.date) -> bool:
    """Does the span from a to b touch a year staff have not confirmed?"""
    low, high = min(a, b), max(a, b)
    return any(not year_calendar(y).confirmed for y in range(low.year, high.year + 1))


def due_soon_days() -> int:
    """How many working days before a deadline it counts as due soon: one setting
    (LVXIE_DUE_SOON_WORKING_DAYS) for every reminder and clock."""
    return int(getattr(settings, "LVXIE_DUE_SOON_WORKING_DAYS", 3))


def due_soon_until(today: dt.date) -> dt.date:
    """The last date that counts as due soon today: `due_soon_days()` working days ahead."""
    return add_working_days(today, due_soon_days()).date
