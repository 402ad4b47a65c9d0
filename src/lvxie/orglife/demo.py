"""The demo's organizational life: a year of 三会一课 meetings with attendance in every branch of the demo
city (most keep the rules; about one in seven is behind, skipping committee and group meetings and a
quarter's Party lecture), a few planned meetings in the coming weeks, and the city committee's task lists
for the last three months and this one, published, so completion, the organizations behind and the
secretaries' 待办 have something to show. The demo secretary's branch has held this month's committee
meeting but not yet its Party day. Called by `lvxie seed demo` (OrglifeConfig.demo_seeder) after the
Party side's part, in the same transaction."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from lvxie.party.choices import OrgKind, OrgStatus
from lvxie.party.models import PartyMembership, PartyOrg
from lvxie.registry.demo.logins import DemoLogin

from . import services
from .choices import MeetingKind, MeetingStatus, Presence
from .models import Attendance, Meeting
from .selectors import month_of, next_month

TOPICS: dict[str, tuple[str, ...]] = {
    MeetingKind.COMMITTEE: (
        "研究本月党建工作安排",
        "讨论发展党员工作",
        "研究主题党日活动方案",
        "部署党费收缴工作",
    ),
    MeetingKind.GROUP: ("学习《中国共产党章程》", "交流律师职业道德心得", "学习《律师法》修订要点"),
    MeetingKind.PARTY_DAY: (
        "重温入党誓词",
        "参观深圳改革开放展览馆",
        "开展“律师进社区”公益法律服务",
        "学习新修订的《中国共产党纪律处分条例》",
    ),
    MeetingKind.MEMBERS: ("通报季度党建工作", "表决接收预备党员", "民主推选支部委员"),
    MeetingKind.LECTURE: (
        "书记讲党课：坚持党对律师工作的全面领导",
        "以案说法：律师执业廉洁风险防控",
        "党的二十届三中全会精神专题党课",
    ),
    MeetingKind.LIFE: ("年度组织生活会：对照检查，开展批评与自我批评",),
    MeetingKind.APPRAISAL: ("年度民主评议党员",),
}
FIRST_AGENDA = (
    "习近平总书记关于全面依法治国的重要论述",
    "习近平总书记在中央政法工作会议上的重要讲话精神",
    "《习近平谈治国理政》第五卷有关篇目",
    "习近平总书记关于加强律师队伍建设的重要指示",
)
PLACES = ("党员活动室", "律所会议室", "党群服务中心", "新时代文明实践站")
LEAVE_REASONS = ("出庭", "外地出差", "病假", "参加培训")
# Per kind: how often it is due and how likely an organization that keeps the rules holds it.
PLAN = (
    (MeetingKind.COMMITTEE, "month", 0.95),
    (MeetingKind.GROUP, "month", 0.9),
    (MeetingKind.PARTY_DAY, "month", 0.95),
    (MeetingKind.MEMBERS, "quarter", 0.97),
    (MeetingKind.LECTURE, "quarter", 0.95),
)
BEHIND_SHARE = 0.15


def _months(today: date) -> list[date]:
    """The twelve months up to this one."""
    months = [month_of(today)]
    for _i in range(11):
        months.insert(0, month_of(months[0] - timedelta(days=1)))
    return months


def _day(rng: random.Random, month: date, today: date) -> date:
    last = min(next_month(month) - timedelta(days=1), today)
    return month + timedelta(days=rng.randrange((last - month).days + 1))


def _rolls(orgs: list[PartyOrg]) -> dict[int, list[PartyMembership]]:
    rolls: dict[int, list[PartyMembership]] = defaultdict(list)
    for m in PartyMembership.objects.filter(org__in=orgs).order_by("id"):
        rolls[m.org_id].append(m)
    return rolls


def _on_roll(members: list[PartyMembership], day: date) -> list[PartyMembership]:
    return [m for m in members if m.joined_on <= day and (m.ended_on is None or m.ended_on > day)]


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    today = timezone.localdate()
    region = city.city
    orgs = list(
        PartyOrg.objects.filter(region_path__startswith=region.path, status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.INDUSTRY_COMMITTEE)
        .order_by("id")
    )
    demo_org = next(
        (o for o in orgs if o.firm_links.filter(firm=city.demo_firm, until__isnull=True).exists()), orgs[0]
    )
    rolls = _rolls(orgs)
    months = _months(today)
    meetings: list[Meeting] = []
    attendance: dict[int, list[Attendance]] = {}

    def add(org: PartyOrg, kind: str, day: date, status: str = MeetingStatus.HELD) -> None:
        members = _on_roll(rolls[org.pk], day)
        chair = members[0].lawyer_id if members else None
        recorder = members[1].lawyer_id if len(members) > 1 else None
        start = time(rng.choice((9, 14, 15, 19)), rng.choice((0, 30)))
        meeting = Meeting(
            org=org,
            kind=kind,
            status=status,
            date=day,
            start_time=start,
            end_time=time(start.hour + 2, start.minute),
            place=rng.choice(PLACES),
            topic=rng.choice(TOPICS[kind]),
            first_agenda=rng.choice(FIRST_AGENDA),
            chair_id=chair,
            recorder_id=recorder,
            minutes=f"会议由{org.name}书记主持。与会党员围绕会议主题逐一发言，会议形成了下一步工作安排。"
            if status == MeetingStatus.HELD
            else "",
            held_at=timezone.now() if status == MeetingStatus.HELD else None,
        )
        if status == MeetingStatus.HELD:
            lines = []
            for m in members:
                draw = rng.random()
                presence = (
                    Presence.PRESENT if draw < 0.86 else Presence.LEAVE if draw < 0.96 else Presence.ABSENT
                )
                reason = rng.choice(LEAVE_REASONS) if presence == Presence.LEAVE else ""
                lines.append(Attendance(membership=m, presence=presence, reason=reason))
            attendance[len(meetings)] = lines
        meetings.append(meeting)

    for org in orgs:
        behind = org != demo_org and rng.random() < BEHIND_SHARE
        for month in months:
            for kind, period, likely in PLAN:
                if period == "quarter" and month.month % 3 != 2:
                    continue  # the quarter's meetings in its middle month
                if behind and kind in (MeetingKind.COMMITTEE, MeetingKind.GROUP, MeetingKind.LECTURE):
                    likely = 0.45
                if org == demo_org:
                    # The demo branch keeps every rule; this month only its committee meeting so far.
                    if month == months[-1] and kind != MeetingKind.COMMITTEE:
                        continue
                    likely = 1.0
                if rng.random() < likely:
                    add(
                        org,
                        kind,
                        today if (org == demo_org and month == months[-1]) else _day(rng, month, today),
                    )
        january = next((m for m in months if m.month in (1, 2)), months[0])
        for kind in (MeetingKind.LIFE, MeetingKind.APPRAISAL):
            if org == demo_org or rng.random() < 0.8:
                add(org, kind, _day(rng, january, today))
        if org == demo_org or rng.random() < 0.2:
            add(org, MeetingKind.LECTURE, today + timedelta(days=rng.randrange(3, 20)), MeetingStatus.PLANNED)
    report(
        "organizational-life meetings",
        services.meetings_bulk_create(actor=None, meetings=meetings, attendance=attendance),
    )
    report("task lists", _task_lists(region, months[-4:], today))
    return []


def _task_lists(region, months: list[date], today: date) -> int:
    """The city committee's task lists for the last three months and this one, published."""
    for month in months:
        task_list = services.tasklist_create(
            actor=None, region=region, month=month, title=f"{month.year}年{month.month}月组织生活任务清单"
        )
        last_day = next_month(month) - timedelta(days=1)
        items = [
            (MeetingKind.COMMITTEE, "召开支委会，研究本月党建工作", "", min(last_day, month.replace(day=20))),
            (
                MeetingKind.PARTY_DAY,
                "开展主题党日活动：学习新修订的《中国共产党纪律处分条例》",
                "《中国共产党纪律处分条例》（2023年修订）全文",
                min(last_day, month.replace(day=25)),
            ),
        ]
        if month.month % 3 == 0:
            items.append((MeetingKind.LECTURE, "书记讲专题党课", "党课讲稿模板", last_day))
        for kind, topic, materials, due in items:
            services.tasklist_item_add(
                actor=None, task_list=task_list, kind=kind, topic=topic, materials=materials, due=due
            )
        services.tasklist_publish(actor=None, task_list=task_list)
    return len(months)
