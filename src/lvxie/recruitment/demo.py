"""The demo's member development (发展党员). The demo secretary's branch has a few people at each step:
applicants, activists, a development target with two introducers, an admission awaiting the
committee's approval, probationary members (one year ending within the month, one ended and not yet
decided: their 待办), a conversion awaiting approval, full members of earlier years and one no longer
pursued. Other branches across the city carry four years of history, leaning towards young lawyers and
firm managers as the Guangdong seed's district does (about 18 new members in a district in four years),
so the counts page has years to compare. Everything goes through the services (the system as actor),
so each step has its decision, its reference and the Party roll's membership; each branch decision is
linked to the branch committee or members' meeting that took it (recorded through organizational
life's bulk service when the demo's year of meetings has none that day). Called by `lvxie seed
demo` (RecruitmentConfig.demo_seeder) after the Party side's part."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from lvxie.orglife import services as orglife
from lvxie.orglife.choices import MeetingStatus, Presence
from lvxie.orglife.models import Attendance, Meeting
from lvxie.orglife.selectors import roll
from lvxie.party.choices import MemberKind, MemberStatus, OrgKind, OrgStatus
from lvxie.party.models import OrgFirm, PartyMembership, PartyOrg
from lvxie.registry.choices import LawyerStatus, TraineeStatus
from lvxie.registry.demo.city import DemoCity
from lvxie.registry.demo.logins import DemoLogin
from lvxie.registry.models import Lawyer, Trainee

from . import services
from .choices import PersonKind, Stage, Step
from .models import Recruit

# The steps in order, with the days from the step before (an activist is trained more than a year; the
# branch decides on a probation after its year is over).
PATH: tuple[tuple[str, int], ...] = (
    (Step.ACTIVIST, 90),
    (Step.TARGET, 380),
    (Step.ADMIT, 120),
    (Step.APPROVE_ADMISSION, 25),
    (Step.CONVERT, 350),
    (Step.APPROVE_CONVERSION, 20),
)
STAGE_AFTER: dict[str, int] = {
    Stage.APPLICANT: 0,
    Stage.ACTIVIST: 1,
    Stage.TARGET: 2,
    Stage.ADMISSION_PENDING: 3,
    Stage.PROBATIONARY: 4,
    Stage.CONVERSION_PENDING: 5,
    Stage.FULL: 6,
}
BODY_REFERENCE: dict[str, str] = {
    Step.APPLY: "入党申请书（登记第{n}号）",
    Step.ACTIVIST: "{y}年第{n}次支委会会议记录",
    Step.TARGET: "{y}年第{n}次支委会会议记录",
    Step.ADMIT: "{y}年第{n}次支部党员大会会议记录",
    Step.CONVERT: "{y}年第{n}次支部党员大会会议记录",
    Step.APPROVE_ADMISSION: "区律师行业党委组织委员会审批意见（{y}）第{n}号",
    Step.APPROVE_CONVERSION: "区律师行业党委组织委员会审批意见（{y}）第{n}号",
}
MEETING_TOPICS: dict[str, str] = {
    Step.ACTIVIST: "研究确定入党积极分子",
    Step.TARGET: "研究确定发展对象，指定入党介绍人",
    Step.ADMIT: "讨论接收预备党员",
    Step.CONVERT: "讨论预备党员转为正式党员",
}
STOP_REASON = "本人因工作调动离开本市，申请停止培养。"

# The demo branch: what each person there has come to (the last step's days before today).
DEMO_BRANCH: tuple[tuple[str, int], ...] = (
    (Stage.APPLICANT, 20),
    (Stage.APPLICANT, 75),
    (Stage.ACTIVIST, 40),
    (Stage.ACTIVIST, 200),
    (Stage.TARGET, 30),
    (Stage.ADMISSION_PENDING, 6),
    # Probation ends in 20 days, and ended 10 days ago: the branch meeting must decide.
    (Stage.PROBATIONARY, 365 - 20 - 25),
    (Stage.PROBATIONARY, 365 + 10 - 25),
    (Stage.CONVERSION_PENDING, 8),
    (Stage.FULL, 300),
    (Stage.FULL, 700),
)


def _plan(stage: str, last: date) -> tuple[date, list[tuple[str, date]]]:
    """The application day and each step's day for a person who has come to `stage`, the last step
    taken on `last`."""
    steps = list(PATH[: STAGE_AFTER[stage]])
    days, day = [], last
    for step, gap in reversed(steps):
        days.append((step, day))
        day -= timedelta(days=gap)
    return day, list(reversed(days))


def _decision_meeting(org: PartyOrg, step: str, day: date) -> Meeting:
    """The branch meeting that decides a step on `day`: one already held that day, or one recorded now
    through organizational life's service, with the roll present."""
    kind = services.MEETING_KINDS[step][0]
    found = Meeting.objects.filter(org=org, kind=kind, date=day, status=MeetingStatus.HELD).first()
    if found is not None:
        return found
    meeting = Meeting(
        org=org,
        kind=kind,
        date=day,
        topic=MEETING_TOPICS[step],
        status=MeetingStatus.HELD,
        held_at=timezone.now(),
    )
    lines = [Attendance(membership=m, presence=Presence.PRESENT) for m in roll(org, day)]
    orglife.meetings_bulk_create(actor=None, meetings=[meeting], attendance={0: lines})
    return meeting


def _walk(
    recruit: Recruit, plan: list[tuple[str, date]], introducers: list[PartyMembership], n: int
) -> Recruit:
    for step, day in plan:
        extra: dict[str, Any] = {}
        if step in services.MEETING_KINDS:
            extra["meeting"] = _decision_meeting(recruit.org, step, day).pk
        if step == Step.TARGET:
            extra.update(introducer_1=introducers[0].pk, introducer_2=introducers[1].pk)
        recruit = services.recruit_step(
            actor=None,
            recruit=recruit,
            step=step,
            version=recruit.version,
            decided_on=day,
            reference=BODY_REFERENCE[step].format(y=day.year, n=n % 6 + 1),
            **extra,
        )
    return recruit


def _candidates(org: PartyOrg) -> tuple[list[Lawyer], list[Trainee]]:
    """People of the branch's firms who are not Party members: its lawyers (youngest first) and
    trainees."""
    firms = OrgFirm.objects.filter(org=org, until__isnull=True).values_list("firm_id", flat=True)
    members = PartyMembership.objects.filter(status=MemberStatus.ACTIVE).values_list("lawyer_id", flat=True)
    lawyers = list(
        Lawyer.objects.filter(firm_id__in=firms, status=LawyerStatus.PRACTISING)
        .exclude(pk__in=members)
        .order_by("-first_licensed_year", "id")[:40]
    )
    trainees = list(
        Trainee.objects.filter(firm_id__in=firms, status=TraineeStatus.IN_TRAINING).order_by("id")[:5]
    )
    return lawyers, trainees


def _introducers(org: PartyOrg) -> list[PartyMembership]:
    return list(
        PartyMembership.objects.filter(org=org, status=MemberStatus.ACTIVE, kind=MemberKind.FULL).order_by(
            "joined_party_on", "id"
        )[:2]
    )


def _develop(
    org: PartyOrg,
    wanted: list[tuple[str, int]],
    *,
    today: date,
    rng: random.Random,
    staff_name: str = "",
) -> list[Recruit]:
    lawyers, trainees = _candidates(org)
    introducers = _introducers(org)
    if len(introducers) < 2:
        return []
    people: list[tuple[str, Lawyer | Trainee | None]] = [(PersonKind.LAWYER, lawyer) for lawyer in lawyers]
    if trainees:
        people.insert(1, (PersonKind.TRAINEE, trainees[0]))
    if staff_name:
        people.insert(3, (PersonKind.STAFF, None))
    made = []
    for n, ((stage, days_ago), (kind, person)) in enumerate(zip(wanted, people, strict=False)):
        applied, plan = _plan(stage, today - timedelta(days=days_ago))
        if applied < org.founded_on:
            continue  # the branch did not exist yet
        fields: dict[str, Any]
        if isinstance(person, Lawyer):
            fields = {
                "licence_no": person.licence_no,
                "birth_year": person.first_licensed_year - rng.randint(23, 27),
            }
        elif isinstance(person, Trainee):
            fields = {"certificate_no": person.certificate_no, "birth_year": today.year - rng.randint(23, 26)}
        else:
            firm = OrgFirm.objects.filter(org=org, until__isnull=True).select_related("firm").first()
            fields = {"name": staff_name, "firm": firm.firm if firm else None, "birth_year": today.year - 31}
        recruit = services.recruit_create(
            actor=None,
            org=org,
            person_kind=kind,
            applied_on=applied,
            firm_manager=kind == PersonKind.LAWYER and rng.random() < 0.25,
            reference=BODY_REFERENCE[Step.APPLY].format(y=applied.year, n=n + 1),
            **fields,
        )
        made.append(_walk(recruit, plan, introducers, n))
    return made


def _history_step(rng: random.Random) -> tuple[str, int]:
    """A person of another branch: mostly full members of the last four years, some still on probation
    (within their year) or activists."""
    stage = rng.choice((Stage.FULL, Stage.FULL, Stage.FULL, Stage.PROBATIONARY, Stage.ACTIVIST))
    days = {Stage.FULL: (20, 700), Stage.PROBATIONARY: (0, 300), Stage.ACTIVIST: (10, 300)}[stage]
    return stage, rng.randint(*days)


def seed(*, city: DemoCity, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    today = timezone.localdate()
    demo_link = OrgFirm.objects.filter(firm_id=city.demo_firm.pk, until__isnull=True).first()  # type: ignore[union-attr]  # set in an earlier step of the seeding
    made: list[Recruit] = []
    if demo_link is not None:
        demo = _develop(demo_link.org, list(DEMO_BRANCH), today=today, rng=rng, staff_name="周晓雯")
        made += demo
        # One applicant of the demo branch who was no longer pursued.
        stopped = next((r for r in demo if r.stage == Stage.ACTIVIST), None)
        if stopped is not None:
            services.recruit_step(
                actor=None,
                recruit=stopped,
                step=Step.STOP,
                version=stopped.version,
                decided_on=today - timedelta(days=10),
                reason=STOP_REASON,
                reference=BODY_REFERENCE[Step.ACTIVIST].format(y=today.year, n=5),
            )
    # Four years of history in other branches of each district: a new member or two a year.
    branches = list(
        PartyOrg.objects.filter(
            status=OrgStatus.ACTIVE,
            kind__in=(OrgKind.INDEPENDENT_BRANCH, OrgKind.GENERAL_BRANCH, OrgKind.JOINT_BRANCH),
        )
        .exclude(pk=demo_link.org_id if demo_link else None)
        .order_by("region_id", "id")
    )
    by_region: dict[int, list[PartyOrg]] = {}
    for org in branches:
        by_region.setdefault(org.region_id, []).append(org)
    for orgs in by_region.values():
        for org in rng.sample(orgs, min(4, len(orgs))):
            wanted = [_history_step(rng) for _ in range(rng.randint(1, 3))]
            made += _develop(org, wanted, today=today, rng=rng)
    report("member development records", len(made))
    return []
