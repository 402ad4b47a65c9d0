"""A branch secretary's month in a real browser: the committee's task list waits for this month's Party
day; the secretary plans the meeting, records the attendance (one member on leave, with the reason),
records it as held, and sees the task list turn complete. Then the committee's view: the calendar and
the statistics chart. Screenshots: LVXIE_SCREENSHOTS=docs/screenshots keeps them as orglife-*.png."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from lvxie.orglife import services
from lvxie.orglife.choices import MeetingKind, MeetingStatus
from lvxie.orglife.models import Meeting, TaskRecipient
from tests.e2e.conftest import login
from tests.party.world import build_party_world

pytestmark = pytest.mark.e2e


@pytest.fixture
def month_list(world):
    party = build_party_world(world)
    month = timezone.localdate().replace(day=1)
    task_list = services.tasklist_create(
        actor=None, region=party["regions"]["futian"], month=month, title=f"{month:%Y年%m月}组织生活任务清单"
    )
    last = (month.replace(day=28) + timezone.timedelta(days=4)).replace(day=1) - timezone.timedelta(days=1)
    services.tasklist_item_add(
        actor=None,
        task_list=task_list,
        kind=MeetingKind.PARTY_DAY,
        topic="主题党日：学习新修订的《中国共产党纪律处分条例》",
        materials="《中国共产党纪律处分条例》全文",
        due=last,
    )
    services.tasklist_publish(actor=None, task_list=task_list)
    return {**party, "recipient": TaskRecipient.objects.get(task_list=task_list, org=party["orgs"]["a"])}


def test_a_secretary_records_a_meeting_and_the_task_list_turns_complete(page, month_list, tmp_path):
    shots = Path(os.environ["LVXIE_SCREENSHOTS"]) if os.environ.get("LVXIE_SCREENSHOTS") else tmp_path
    a = month_list["lawyers"]["a"]
    login(page, "secretary_a")
    page.click("nav >> text=组织生活")
    page.click("text=任务清单")
    page.click(f"#recipients >> text={month_list['recipient'].task_list.title}")
    page.wait_for_selector("#list-state")
    assert page.inner_text("#list-state") == "未完成"
    page.screenshot(path=str(shots / "orglife-tasks-open.png"), full_page=True)

    # Plan the Party day from the list
    page.click("text=安排会议")
    page.select_option("#id_kind", MeetingKind.PARTY_DAY)
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_start_time", "14:30")
    page.fill("#id_place", "党员活动室")
    page.fill("#id_topic", "学习新修订的《中国共产党纪律处分条例》")
    page.fill("#id_first_agenda", "习近平总书记关于全面从严治党的重要论述")
    page.select_option("#id_chair", str(a[0].pk))
    page.select_option("#id_recorder", str(a[1].pk))
    page.fill("#id_minutes", "支部书记领学《条例》，与会党员逐一交流学习体会。")
    page.click("#save")
    page.wait_for_selector("#meeting-status")
    assert page.inner_text("#meeting-status") == "计划中"

    # Attendance: one on leave with the reason, the rest present
    page.click("#record-attendance")
    page.check(f"input[name=p_{a[2].pk}][value=leave]")
    page.fill(f"input[name=r_{a[2].pk}]", "出庭")
    page.screenshot(path=str(shots / "orglife-attendance.png"), full_page=True)
    page.click("#save-attendance")
    page.wait_for_selector("#attendance >> text=出庭")

    # Held: the record is complete
    page.click("#step-hold")
    page.wait_for_selector("#meeting-status:has-text('已召开')")
    assert page.inner_text("#rate") == "75%"
    page.screenshot(path=str(shots / "orglife-meeting.png"), full_page=True)
    meeting = Meeting.objects.get(kind=MeetingKind.PARTY_DAY)
    assert meeting.status == MeetingStatus.HELD and meeting.attendance.count() == 4

    # The task list has turned complete
    page.goto(page.base_url + month_list["recipient"].get_absolute_url())
    assert page.inner_text("#list-state") == "已完成"
    assert page.inner_text("#state-1") == "已完成"
    page.screenshot(path=str(shots / "orglife-tasks-complete.png"), full_page=True)

    # The branch's year: standing against the rules
    page.click(f"text={month_list['orgs']['a'].name}")
    page.wait_for_selector("text=频次达标情况")
    page.screenshot(path=str(shots / "orglife-org.png"), full_page=True)


def test_the_committee_sees_the_calendar_and_statistics(page, month_list, tmp_path):
    shots = Path(os.environ["LVXIE_SCREENSHOTS"]) if os.environ.get("LVXIE_SCREENSHOTS") else tmp_path
    org = month_list["orgs"]["a"]
    today = timezone.localdate()
    from tests.orglife.conftest import hold, plan

    hold(plan(org, today, kind=MeetingKind.COMMITTEE, place="党员活动室"))
    plan(month_list["orgs"]["joint"], today + timezone.timedelta(days=3), kind=MeetingKind.LECTURE)
    login(page, "party_futian")
    page.goto(page.base_url + "/orglife/calendar/")
    page.wait_for_selector("table.calendar >> text=支委会")
    page.screenshot(path=str(shots / "orglife-calendar.png"), full_page=True)
    page.goto(page.base_url + "/orglife/statistics/")
    page.wait_for_selector("[data-chart=rules-chart] canvas")
    page.wait_for_selector("[data-chart=kinds-chart] canvas")
    assert page.inner_text("#org-count") == "2"
    page.screenshot(path=str(shots / "orglife-statistics.png"), full_page=True)
    page.goto(page.base_url + "/orglife/tasks/")
    page.wait_for_selector("#recipients")
    page.screenshot(path=str(shots / "orglife-tasklists.png"), full_page=True)
