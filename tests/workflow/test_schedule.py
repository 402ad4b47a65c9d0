"""The scheduler: a job runs once per period, a dead run's lease can be taken over, a failure is
recorded, and two copies of `lvxie tick` started at the same moment send each reminder once
(PostgreSQL, two real connections)."""

import datetime as dt
import io
import zoneinfo
from collections.abc import Iterator

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lvxie.notifications.models import Notification
from lvxie.workflow import schedule
from lvxie.workflow.models import JobRun
from tests.concurrency import together
from tests.ledgers.conftest import add_item

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writers; the race needs two real connections"
)


@pytest.fixture
def counted() -> Iterator[list[dt.datetime]]:
    calls: list[dt.datetime] = []
    schedule.register("test.count", lambda now: calls.append(now) or len(calls), every=dt.timedelta(hours=1))
    yield calls
    schedule.unregister("test.count")


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 10, 12, hour, minute, tzinfo=SHANGHAI)


def test_periods_start_on_the_hour_and_a_job_runs_once_in_each(db, counted):
    job = next(j for j in schedule.jobs() if j.name == "test.count")
    assert job.period(at(10, 59)) == at(10, 0)
    assert schedule.run_job(job, at(10, 5)).ran
    assert not schedule.run_job(job, at(10, 55)).ran
    assert schedule.run_job(job, at(11, 1)).ran
    assert len(counted) == 2 and JobRun.objects.filter(job="test.count").count() == 2


def test_a_run_left_running_past_its_lease_is_taken_over_once(db, counted):
    job = next(j for j in schedule.jobs() if j.name == "test.count")
    # given a copy that claimed the period and died
    JobRun.objects.create(
        job=job.name,
        period=at(10),
        status="running",
        owner="dead:1",
        started_at=at(10),
        lease_until=at(10, 30),
    )
    # then within the lease nobody runs it; after the lease one copy does, once
    assert not schedule.run_job(job, at(10, 20)).ran
    assert schedule.run_job(job, at(10, 40)).ran
    assert not schedule.run_job(job, at(10, 45)).ran
    run = JobRun.objects.get(job=job.name)
    assert run.status == "done" and run.attempt == 2 and len(counted) == 1


def test_a_failing_job_is_recorded_and_the_command_fails(db):
    def broken(now: dt.datetime) -> int:
        raise RuntimeError("boom")

    schedule.register("test.broken", broken, every=dt.timedelta(hours=1))
    try:
        with pytest.raises(CommandError, match="1 job"):
            call_command("tick", "--job", "test.broken", stdout=io.StringIO(), stderr=io.StringIO())
        run = JobRun.objects.get(job="test.broken")
        assert run.status == "failed" and "boom" in run.result
    finally:
        schedule.unregister("test.broken")


def test_the_apps_register_their_reminders_and_the_clock_job():
    names = {job.name for job in schedule.jobs()}
    assert {"ledgers.reminders", "notices.reminders", "workflow.clocks_overdue"} <= names


@postgresql_only
def test_two_copies_of_tick_started_at_the_same_moment_send_each_reminder_once(audit_purge, world):
    from lvxie.ledgers.services import ledger_create

    firm = world["users"]["firm"]
    with time_machine.travel(at(9), tick=False):
        ledger = ledger_create(actor=firm, firm=world["ft_firm"], title="台账", year=2026)
        add_item(firm, ledger, deadline=dt.date(2026, 10, 14))  # due soon
        add_item(firm, ledger, deadline=dt.date(2026, 10, 9))  # overdue
    outputs = [io.StringIO(), io.StringIO()]

    def tick(index: int):
        return lambda: call_command("tick", stdout=outputs[index], stderr=io.StringIO())

    with time_machine.travel(at(10, 5), tick=True):
        results = together(tick(0), tick(1))
    assert results == [None, None], results
    # each job ran in exactly one of the two copies
    for name in ("ledgers.reminders", "notices.reminders", "workflow.clocks_overdue"):
        assert JobRun.objects.filter(job=name).count() == 1
        said = [out.getvalue() for out in outputs]
        assert sum(f"{name}: done" in text for text in said) == 1, said
        assert sum(f"{name}: already run" in text for text in said) == 1, said
    reminders = Notification.objects.filter(key__startswith="ledger-item:", key__contains=":2026-10-12")
    assert reminders.count() == 2  # one per item, to the firm's one account
    assert reminders.values("key", "recipient").distinct().count() == 2
