"""Periodic jobs: each app registers its own (from its AppConfig.ready), `lvxie tick` runs them.

A job runs once per period (`every`, counted from the Unix epoch in UTC: an hourly job's periods start
on the hour) however many copies of `lvxie tick` run, on however many machines. The lock is a row:
`JobRun(job, period)` is unique, so of several copies inserting it at the same moment exactly one
succeeds (on PostgreSQL the others wait on the unique index until the first commits, then fail; on
SQLite writers take turns). The winner runs the job and marks the row done. A copy that dies mid-run
leaves its row "running" with a lease; once the lease lapses another copy takes the row over with a
conditional UPDATE (atomic on both engines), so a crash costs one lease, never a lost period.

Jobs must still be safe to repeat (reminders carry notification keys): a job that fails is recorded
as failed and tried again in its next period, not in this one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .choices import JobRunStatus
from .models import JobRun

log = logging.getLogger(__name__)

JobFunc = Callable[[dt.datetime], object]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
DEFAULT_LEASE = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Job:
    """A registered periodic job: `func(now)` returns what to report (a count, a short text)."""

    name: str
    func: JobFunc
    every: dt.timedelta
    lease: dt.timedelta = DEFAULT_LEASE

    def period(self, now: dt.datetime) -> dt.datetime:
        """The start of the period `now` falls in."""
        step = int(self.every.total_seconds())
        seconds = int((now - EPOCH).total_seconds())
        return EPOCH + dt.timedelta(seconds=seconds - seconds % step)


@dataclass(frozen=True)
class Outcome:
    """What one copy of the command did with one job this time."""

    job: str
    period: dt.datetime
    ran: bool
    status: str = ""
    result: str = ""


_JOBS: dict[str, Job] = {}


def register(name: str, func: JobFunc, *, every: dt.timedelta, lease: dt.timedelta = DEFAULT_LEASE) -> Job:
    """Register a periodic job under a dotted name ("ledgers.reminders"). Registering the same name
    again replaces it (apps' ready() may run twice in tests)."""
    if every < dt.timedelta(minutes=1):
        raise ValueError("a periodic job runs at most once a minute")
    job = Job(name=name, func=func, every=every, lease=lease)
    _JOBS[name] = job
    return job


def unregister(name: str) -> None:
    """Forget a job (tests register their own and take them back)."""
    _JOBS.pop(name, None)


def jobs() -> list[Job]:
    """Every registered job, by name."""
    return [_JOBS[name] for name in sorted(_JOBS)]


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def _claim(job: Job, period: dt.datetime, now: dt.datetime) -> JobRun | None:
    """The run row of this job and period, if this copy gets it; None when another copy has it."""
    owner = _owner()
    try:
        with transaction.atomic():
            return JobRun.objects.create(
                job=job.name,
                period=period,
                status=JobRunStatus.RUNNING,
                owner=owner,
                started_at=now,
                lease_until=now + job.lease,
            )
    except IntegrityError:
        pass
    # Taken. Take it over only when its runner left it running past its lease (it died).
    taken = JobRun.objects.filter(
        job=job.name, period=period, status=JobRunStatus.RUNNING, lease_until__lt=now
    ).update(owner=owner, started_at=now, lease_until=now + job.lease, attempt=F("attempt") + 1)
    if taken != 1:
        return None
    return JobRun.objects.get(job=job.name, period=period)


def run_job(job: Job, now: dt.datetime | None = None) -> Outcome:
    """Run one job for the period `now` falls in, unless another copy has or had it."""
    now = now or timezone.now()
    period = job.period(now)
    run = _claim(job, period, now)
    if run is None:
        return Outcome(job=job.name, period=period, ran=False)
    try:
        result = job.func(now)
    except Exception:
        log.exception("scheduled job %s failed", job.name)
        status, text = JobRunStatus.FAILED, traceback.format_exc(limit=5)[-2000:]
    else:
        status, text = JobRunStatus.DONE, "" if result is None else str(result)[:2000]
    JobRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now(), result=text)
    return Outcome(job=job.name, period=period, ran=True, status=status, result=text)


def run_due(now: dt.datetime | None = None, only: list[str] | None = None) -> list[Outcome]:
    """Run every registered job (or those named) whose current period has not run yet."""
    now = now or timezone.now()
    chosen = [job for job in jobs() if not only or job.name in only]
    return [run_job(job, now) for job in chosen]
