"""`lvxie workdays show / add / confirm` and `lvxie tick` (alias `remind`) from the command line."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lvxie.audit.models import AuditEvent
from lvxie.workflow import schedule
from lvxie.workflow.models import JobRun, WorkdayYear


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_show_lists_the_days_off_and_the_adjusted_working_days_and_says_provisional(world):
    out = run("workdays", "show", "2026")
    assert "2026: provisional" in out
    assert "2026-10-07 Wed  国庆节" in out or "2026-10-07 Wed" in out
    assert "2026-10-10 Sat  调休上班" in out and "2026-09-20 Sun" in out


def test_add_prints_the_deadline_and_says_when_it_is_provisional(world):
    assert run("workdays", "add", "2026-09-28", "10").startswith(
        "2026-10-16 (Fri) provisional: 2026 not confirmed by staff"
    )
    call_command("workdays", "confirm", "2026", "--user", "city", stdout=io.StringIO())
    assert run("workdays", "add", "2026-09-28", "10").strip() == "2026-10-16 (Fri)"
    assert "confirmed by" in run("workdays", "show", "2026")


def test_confirm_needs_a_staff_account_and_is_audited_under_its_name(world):
    with pytest.raises(CommandError, match="may not change"):
        run("workdays", "confirm", "2027", "--user", "futian")
    with pytest.raises(CommandError, match="No active account"):
        run("workdays", "confirm", "2027", "--user", "ghost")
    assert not WorkdayYear.objects.exists()
    assert "2027 confirmed by city" in run("workdays", "confirm", "2027", "--user", "city")
    event = AuditEvent.objects.get(action="workdays.confirm")
    assert event.actor_id == world["users"]["city"].pk and event.after["year"] == 2027


def test_set_and_unset_an_override(world):
    run("workdays", "set", "2027-02-20", "work", "--note", "调休上班", "--user", "city")
    assert "2027-02-20 Sat  调休上班 / 调休上班  [staff]" in run("workdays", "show", "2027")
    assert "override removed" in run("workdays", "unset", "2027-02-20", "--user", "city")
    with pytest.raises(CommandError, match="not a date"):
        run("workdays", "add", "2026-13-01", "3")


def test_tick_runs_each_job_once_per_period_and_remind_is_the_same_command(world):
    calls: list[dt.datetime] = []
    schedule.register("test.count", lambda now: calls.append(now) or len(calls), every=dt.timedelta(hours=1))
    try:
        out = run("tick", "--job", "test.count")
        assert "test.count: done for" in out and len(calls) == 1
        assert "already run" in run("remind", "--job", "test.count")
        assert len(calls) == 1
        assert JobRun.objects.get(job="test.count").status == "done"
        assert "test.count" in run("tick", "--list")
        with pytest.raises(CommandError, match="No such job"):
            run("tick", "--job", "nope")
    finally:
        schedule.unregister("test.count")
