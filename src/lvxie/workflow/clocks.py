"""Reading a clock: its due date, how many working days are left, due soon or overdue, and the label
shown beside it everywhere ("到期 2026-10-16（剩 3 个工作日）")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .choices import ClockState
from .models import Clock
from .workdays import Deadline, add_working_days, due_soon_days, working_days_between


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def paused_days_so_far(clock: Clock, today: dt.date) -> int:
    """Working days of the pause under way, up to today (none when the clock is not paused). The day
    the pause began still counted; the days after it, up to the day it resumes, do not."""
    if clock.paused_since is None:
        return 0
    return max(working_days_between(_day(clock.paused_since), today), 0)


def clock_due(clock: Clock, today: dt.date | None = None) -> Deadline:
    """The due date: the budget counted from the start, plus every paused working day (a paused clock's
    due date moves on each working day it stays paused)."""
    today = today or timezone.localdate()
    extra = clock.paused_days + paused_days_so_far(clock, today)
    return add_working_days(_day(clock.started_at), clock.budget_days + extra)


@dataclass(frozen=True)
class ClockStatus:
    """A clock as of one day."""

    state: str
    due: Deadline
    left: int  # working days left; negative when late
    due_soon: bool
    overdue: bool
    label: str


def clock_status(clock: Clock, today: dt.date | None = None) -> ClockStatus:
    """Where the clock stands today (in the active language)."""
    today = today or timezone.localdate()
    due = clock_due(clock, today)
    until = today
    if clock.state == ClockState.STOPPED and clock.stopped_at is not None:
        until = min(today, _day(clock.stopped_at))
    used = working_days_between(_day(clock.started_at), until) - clock.paused_days
    used -= paused_days_so_far(clock, today)
    left = clock.budget_days - used
    running = clock.state == ClockState.RUNNING
    overdue = running and today > due.date
    due_soon = running and not overdue and left <= due_soon_days()
    return ClockStatus(
        state=clock.state,
        due=due,
        left=left,
        due_soon=due_soon,
        overdue=overdue,
        label=clock_label(clock.state, due, left, overdue, clock.stopped_at),
    )


def clock_label(
    state: str, due: Deadline, left: int, overdue: bool = False, stopped_at: dt.datetime | None = None
) -> str:
    """ "due 2026-10-16 (3 working days left)", "(provisional)" added when the deadline is."""
    date = due.date.isoformat()
    if state == ClockState.STOPPED:
        label = gettext("stopped on %(date)s") % {
            "date": _day(stopped_at).isoformat() if stopped_at else date
        }
        return label
    if state == ClockState.PAUSED:
        label = ngettext(
            "paused (%(left)s working day left)", "paused (%(left)s working days left)", max(left, 0)
        ) % {"left": max(left, 0)}
    elif overdue:
        label = gettext("overdue: was due %(date)s") % {"date": date}
    else:
        label = ngettext(
            "due %(date)s (%(left)s working day left)", "due %(date)s (%(left)s working days left)", left
        ) % {"date": date, "left": left}
    if due.provisional:
        label = gettext("%(label)s (provisional)") % {"label": label}
    return label


def deadline_label(due: Deadline) -> str:
    """A bare deadline: "2026-10-16", or "2026-10-16 (provisional)"."""
    if due.provisional:
        return gettext("%(label)s (provisional)") % {"label": due.date.isoformat()}
    return due.date.isoformat()
