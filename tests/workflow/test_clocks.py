"""Clocks counted in working days: paused days do not count, due soon and overdue follow the working
days left, every clock reads "到期 2026-10-16（剩 3 个工作日）", and the history and audit log keep each
start, pause, resume and stop."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lvxie.audit.models import AuditEvent
from lvxie.notifications.models import Notification
from lvxie.workflow import services
from lvxie.workflow.choices import ClockAction, ClockState
from lvxie.workflow.clocks import clock_status

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def city(world):
    services.workdays_confirm(actor=world["users"]["city"], year=2026)
    return world["users"]["city"]


def test_a_clock_of_ten_working_days_started_monday_28_september_is_due_friday_16_october(city):
    clock = services.clock_start(
        actor=city, budget_days=10, owner_key="complaint:1", purpose="受理", at=at(D(2026, 9, 28))
    )
    assert clock.due_on == D(2026, 10, 16)
    status = clock_status(clock, today=D(2026, 10, 13))
    assert status.left == 3 and status.due_soon and not status.overdue
    with translation.override("zh-hans"):
        assert clock_status(clock, today=D(2026, 10, 13)).label == "到期 2026-10-16（剩 3 个工作日）"
    with translation.override("en"):
        assert clock_status(clock, today=D(2026, 10, 13)).label == "due 2026-10-16 (3 working days left)"
        assert clock_status(clock, today=D(2026, 10, 15)).label == "due 2026-10-16 (1 working day left)"
    # during the National Day holiday nothing is used up
    assert clock_status(clock, today=D(2026, 10, 7)).left == 8
    assert not clock_status(clock, today=D(2026, 10, 7)).due_soon
    late = clock_status(clock, today=D(2026, 10, 19))
    assert late.overdue and not late.due_soon and late.left == -1
    with translation.override("zh-hans"):
        assert late.label == "已逾期：应于 2026-10-16 到期"


def test_a_paused_clock_does_not_count_the_paused_days(city):
    # given a 10-day clock started Monday 28 September
    clock = services.clock_start(actor=city, budget_days=10, owner_key="complaint:2", at=at(D(2026, 9, 28)))
    # when it waits for the complainant's papers from Tuesday 29 September to Friday 9 October
    clock = services.clock_pause(actor=city, clock=clock, at=at(D(2026, 9, 29)), note="补正材料")
    paused = clock_status(clock, today=D(2026, 10, 9))
    assert paused.state == ClockState.PAUSED and paused.left == 9 and not paused.due_soon
    with translation.override("zh-hans"):
        assert paused.label == "已暂停（剩 9 个工作日）"
    clock = services.clock_resume(actor=city, clock=clock, at=at(D(2026, 10, 9), 15))
    # then the three working days paused (30 September, 8 and 9 October) are added: due Wednesday 21 October
    assert clock.paused_days == 3
    assert clock.due_on == D(2026, 10, 21)
    assert clock_status(clock, today=D(2026, 10, 16)).left == 3
    clock = services.clock_stop(actor=city, clock=clock, at=at(D(2026, 10, 20)))
    stopped = clock_status(clock, today=D(2026, 11, 30))
    assert stopped.state == ClockState.STOPPED and not stopped.overdue and stopped.left == 1
    history = list(clock.events.values_list("action", flat=True))
    assert history == [ClockAction.START, ClockAction.PAUSE, ClockAction.RESUME, ClockAction.STOP]
    audited = AuditEvent.objects.filter(object_type="workflow.clock").order_by("id")
    assert list(audited.values_list("action", flat=True)) == [
        "clock.start",
        "clock.pause",
        "clock.resume",
        "clock.stop",
    ]


def test_transitions_out_of_turn_are_refused(city):
    clock = services.clock_start(actor=city, budget_days=5, owner_key="x", at=at(D(2026, 3, 2)))
    with pytest.raises(ValidationError) as error:
        services.clock_resume(actor=city, clock=clock)
    assert error.value.code == "not_paused"
    services.clock_stop(actor=city, clock=clock, at=at(D(2026, 3, 3)))
    with pytest.raises(ValidationError) as error:
        services.clock_pause(actor=city, clock=clock)
    assert error.value.code == "not_running"
    with pytest.raises(ValidationError) as error:
        services.clock_start(actor=city, budget_days=5)
    assert error.value.code == "owner"


def test_a_clock_on_an_object_and_one_reaching_into_an_unconfirmed_year_reads_provisional(city, world):
    clock = services.clock_start(
        actor=city, budget_days=10, obj=world["ft_firm"], at=at(D(2026, 12, 28)), responsible=city
    )
    assert clock.content_type.model == "lawfirm" and clock.object_id == str(world["ft_firm"].pk)
    status = clock_status(clock, today=D(2026, 12, 29))
    assert status.due.provisional
    with translation.override("zh-hans"):
        assert clock_status(clock, today=D(2026, 12, 29)).label == "到期 2027-01-12（剩 9 个工作日）（暂定）"
    services.workdays_confirm(actor=city, year=2027)
    assert not clock_status(clock, today=D(2026, 12, 29)).due.provisional


def test_the_overdue_job_marks_each_late_clock_once_and_tells_the_responsible_person(city, world):
    late = services.clock_start(
        actor=city, budget_days=2, owner_key="a", purpose="受理投诉", at=at(D(2026, 9, 28)), responsible=city
    )
    services.clock_start(actor=city, budget_days=30, owner_key="b", at=at(D(2026, 9, 28)))
    assert services.clocks_overdue_mark(at(D(2026, 10, 9))) == 1
    assert services.clocks_overdue_mark(at(D(2026, 10, 9), 11)) == 0
    late.refresh_from_db()
    assert late.overdue_marked_at is not None
    assert late.events.filter(action=ClockAction.OVERDUE).count() == 1
    note = Notification.objects.get(recipient=city, key=f"clock:{late.pk}:overdue")
    assert "2026-09-30" in note.title and "受理投诉" in note.title
