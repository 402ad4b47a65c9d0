"""The working-day calendar over HTTP: read a year, confirm it (city staff; anyone else 404)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from lvxie.core.api import DETAIL_ERRORS, UPDATE_ERRORS

from . import services
from .policies import WORKDAYS_EDIT, WORKDAYS_VIEW, allowed
from .workdays import YearCalendar, year_calendar

router = Router(tags=["workflow"])


class DayOut(Schema):
    date: dt.date
    name: str
    source: str  # "package" or "staff"


class CalendarOut(Schema):
    year: int
    confirmed: bool
    confirmed_by: str
    confirmed_at: dt.datetime | None
    days_off: list[DayOut]
    working_days: list[DayOut]


def _out(cal: YearCalendar) -> dict:
    return {
        "year": cal.year,
        "confirmed": cal.confirmed,
        "confirmed_by": cal.confirmed_by,
        "confirmed_at": cal.confirmed_at,
        "days_off": [{"date": d, "name": n.name, "source": n.source} for d, n in cal.days_off.items()],
        "working_days": [
            {"date": d, "name": n.name, "source": n.source} for d, n in cal.working_weekends.items()
        ],
    }


def _check(request: HttpRequest, action: str, year: int) -> None:
    if not allowed(request.user, action) or not 1990 <= year <= 2100:
        raise Http404


@router.get(
    "/workdays/{year}",
    response={200: CalendarOut, **DETAIL_ERRORS},
    summary="The working-day calendar of a year (days off, adjusted working days, confirmed or not)",
)
def workdays_get(request: HttpRequest, year: int):
    _check(request, WORKDAYS_VIEW, year)
    return _out(year_calendar(year))


@router.post(
    "/workdays/{year}/confirm",
    response={200: CalendarOut, **UPDATE_ERRORS},
    summary="Confirm a year's working-day calendar against the State Council's schedule",
)
def workdays_confirm(request: HttpRequest, year: int):
    _check(request, WORKDAYS_EDIT, year)
    services.workdays_confirm(actor=request.user, year=year)
    return _out(year_calendar(year))
