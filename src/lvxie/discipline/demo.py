"""The demo's disciplinary cases: a year of them in the city, at every stage — under investigation,
notified (the demo lawyer's own, waiting for their answer), a hearing asked for, before the committee,
decided within the review period, under review, and final (sanction, none, review granted or refused) —
some past their stage's clock, and a few public sanctions in the public look-up now.

Each case is walked through `services.case_step` today (so its history, audit events, clocks and
publication are the services' own); its timeline is then laid out in the past (stages, clocks, dates,
publication windows), which is the one thing the services cannot do. Called by `lvxie seed demo`
(DisciplineConfig.demo_seeder) after the registry and the apps before it."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from lvxie.accounts.models import User
from lvxie.complaints.choices import ConductKind
from lvxie.registry.choices import LawyerStatus
from lvxie.registry.demo.logins import DemoLogin
from lvxie.registry.models import Lawyer
from lvxie.workflow.clocks import clock_due
from lvxie.workflow.models import Clock, PublicationWindow
from lvxie.workflow.workdays import working_days_between

from . import services
from .choices import CaseAction, CaseStatus
from .models import CaseStage, DisciplinaryCase, Sanction

A = CaseAction
# (steps taken, calendar days spent in each stage — the last one: in the current stage so far —,
# the sanction decided, days it is published). Late ones stay past their stage's clock.
PLANS: tuple[tuple[tuple[str, ...], tuple[int, ...], str, int], ...] = (
    ((), (12,), "", 0),
    ((), (40,), "", 0),
    ((), (110,), "", 0),  # late: 60 working days to investigate
    ((A.NOTIFY,), (55, 4), "", 0),
    ((A.NOTIFY,), (60, 24), "", 0),  # late: the answer period has run out
    ((A.NOTIFY, A.ASK_HEARING), (48, 8, 15), "", 0),
    ((A.NOTIFY, A.ASK_HEARING), (62, 9, 40), "", 0),  # late: the hearing is overdue
    ((A.NOTIFY, A.ANSWER), (50, 10, 20), "", 0),
    ((A.NOTIFY, A.ANSWER), (75, 12, 70), "", 0),  # late: the committee has not decided
    ((A.NOTIFY, A.ANSWER, A.DECIDE), (58, 11, 30, 5), "warning", 0),
    ((A.NOTIFY, A.ANSWER, A.DECIDE), (44, 9, 26, 8), "criticism", 90),
    ((A.NOTIFY, A.ANSWER, A.DECIDE, A.REQUEST_REVIEW), (52, 12, 33, 12, 20), "censure", 180),
    ((A.NOTIFY, A.ANSWER, A.DECIDE, A.FINALIZE), (60, 10, 35, 22, 40), "criticism", 180),
    (
        (A.NOTIFY, A.ASK_HEARING, A.HOLD_HEARING, A.DECIDE, A.FINALIZE),
        (50, 9, 21, 30, 22, 15),
        "censure",
        180,
    ),
    ((A.NOTIFY, A.ANSWER, A.DECIDE, A.FINALIZE), (45, 12, 28, 22, 120), "reprimand", 0),
    ((A.NOTIFY, A.ANSWER, A.DECIDE, A.REQUEST_REVIEW, A.REVIEW), (40, 10, 30, 12, 35, 60), "criticism", 90),
    ((A.NOTIFY, A.NO_ANSWER, A.DECIDE, A.REQUEST_REVIEW, A.REVIEW), (55, 16, 25, 9, 30, 80), "suspension", 0),
    ((A.NOTIFY, A.ASK_HEARING, A.HOLD_HEARING, A.DISMISS), (50, 8, 24, 30, 100), "", 0),
    ((A.NOTIFY, A.ANSWER, A.DISMISS), (38, 10, 26, 150), "", 0),
    ((A.NOTIFY, A.ANSWER, A.DECIDE, A.FINALIZE), (40, 10, 30, 22, 230), "censure", 180),  # publication over
)
# The plans whose review is granted (the sanction revoked); the others' reviews are refused.
GRANTED = {15}
SUMMARIES = {
    ConductKind.FEES: (
        "代理合同外另行收取费用",
        "当事人反映律师在代理合同约定之外，以“办案经费”名义另行收取费用两万元，未出具票据。",
    ),
    ConductKind.NEGLECT: ("怠于履行代理职责", "律师收取代理费后未按期提交证据，导致当事人错过举证期限。"),
    ConductKind.CONFLICT: (
        "违反利益冲突规则",
        "律师在同一案件中先后接受双方当事人委托，未履行利益冲突审查。",
    ),
    ConductKind.CONFIDENTIALITY: ("泄露当事人隐私", "律师在社交媒体发布案件材料，泄露当事人个人信息。"),
    ConductKind.SOLICITATION: (
        "虚假宣传、不正当招揽业务",
        "律师在网络平台宣称“包赢”“关系硬”，承诺办案结果招揽业务。",
    ),
    ConductKind.COURT_CONDUCT: ("扰乱法庭秩序", "律师在庭审中多次不服从审判长指挥，被法院致函通报。"),
    ConductKind.DISHONESTY: ("提供虚假证据材料", "律师向法院提交的证明材料经核查系伪造。"),
}
RECORD = "经调取代理合同、收费凭证、微信聊天记录，并询问当事人及律师本人，查明上述情况基本属实。"
NOTICE = (
    "经调查查明：{facts}上述行为涉嫌违反《律师执业行为规范》。"
    "你有权在收到本告知书之日起十个工作日内提出书面申辩意见，并可以申请听证。"
)
ANSWER = "本人对上述事实有异议：相关费用系经当事人同意的差旅费用，且已部分退还，请求从轻或免予处分。"
HEARING = (
    "听证会于协会会议室举行，调查人员陈述事实和证据，律师本人及其代理人进行申辩和质证，"
    "听证记录经双方签字确认。"
)
REASONS = "经纪律委员会审议，违规事实清楚，证据确实充分，依照《律师协会会员违规行为处分规则》作出本决定。"
DISMISSED = "经审议，现有证据不足以认定违规事实，决定不予处分，并对律师进行谈话提醒。"
GROUNDS = "原决定认定事实不清、处分过重，且未充分考虑本人已主动退还费用的情节，申请复查。"
REVIEWED = {
    "granted": "经复查，原决定认定事实的主要证据不足，撤销原处分决定。",
    "refused": "经复查，原决定认定事实清楚、程序合法、处分适当，维持原决定。",
}


def _walk(
    case: DisciplinaryCase, steps: tuple[str, ...], sanction: str, days: int, index: int
) -> DisciplinaryCase:
    texts: dict[str, str] = {
        A.NOTIFY: NOTICE.format(facts=case.facts),
        A.ANSWER: ANSWER,
        A.ASK_HEARING: ANSWER,
        A.HOLD_HEARING: HEARING,
        A.DECIDE: REASONS,
        A.DISMISS: DISMISSED,
        A.REQUEST_REVIEW: GROUNDS,
    }
    for action in steps:
        if action in (A.NO_ANSWER, A.FINALIZE) and case.clock is not None:
            # The lawyer's period ran out long ago (the timeline is laid out below).
            Clock.objects.filter(pk=case.clock.pk).update(started_at=timezone.now() - dt.timedelta(days=40))
        decision = "granted" if index in GRANTED else "refused"
        case = services.case_step(
            actor=None,
            case=case,
            action=action,
            reason=REVIEWED[decision] if action == A.REVIEW else texts.get(action, ""),
            decision=sanction if action == A.DECIDE else decision if action == A.REVIEW else "",
            investigation_record=RECORD,
            public=days > 0 if action == A.DECIDE else None,
            publish_days=days if action == A.DECIDE else None,
        )
    return case


# Which date field each stage's start sets.
DATES: dict[str, tuple[str, ...]] = {
    CaseStatus.NOTIFIED: ("notified_on",),
    CaseStatus.DELIBERATING: (),
    CaseStatus.DECIDED: ("decided_on",),
    CaseStatus.UNDER_REVIEW: ("review_requested_on",),
}


def _lay_out(case: DisciplinaryCase, gaps: tuple[int, ...], now: dt.datetime) -> None:
    """Move the case's timeline into the past: stage i began `sum(gaps[:i])` days after it opened, and
    the current stage `gaps[-1]` days ago."""
    start = now - dt.timedelta(days=sum(gaps), hours=2)
    times = [start + dt.timedelta(days=sum(gaps[:i])) for i in range(len(gaps))]
    stages = list(case.stages.order_by("entered_at", "id"))
    for i, stage in enumerate(stages):
        stage.entered_at = times[i]
        stage.left_at = (
            times[i + 1] if i + 1 < len(stages) else (times[i] if stage.state == CaseStatus.FINAL else None)
        )
        stage.working_days = (
            max(
                working_days_between(timezone.localdate(stage.entered_at), timezone.localdate(stage.left_at)),
                0,
            )
            if stage.left_at
            else None
        )
    CaseStage.objects.bulk_update(stages, ["entered_at", "left_at", "working_days"])
    fields: dict[str, Any] = {"opened_at": times[0]}
    for i, stage in enumerate(stages):
        day = timezone.localdate(times[i])
        for name in DATES.get(stage.state, ()):
            fields[name] = day
        if stage.step == A.HOLD_HEARING:
            fields["hearing_on"] = day
        if stage.step == A.REVIEW:
            fields["reviewed_on"] = day
        if stage.state == CaseStatus.FINAL:
            fields["final_on"] = day
            if stage.step == A.DISMISS:
                fields["decided_on"] = day
    DisciplinaryCase.objects.filter(pk=case.pk).update(**fields)
    clocks = list(
        Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(DisciplinaryCase), object_id=str(case.pk)
        ).order_by("id")
    )
    for i, clock in enumerate(clocks):
        clock.started_at = times[i]
        if clock.stopped_at is not None:
            clock.stopped_at = times[i + 1]
        clock.due_on = clock_due(clock).date
    Clock.objects.bulk_update(clocks, ["started_at", "stopped_at", "due_on"])
    sanction = Sanction.objects.filter(case=case).first()
    if sanction is not None and "decided_on" in fields:
        Sanction.objects.filter(pk=sanction.pk).update(decided_on=fields["decided_on"])
        final = fields.get("final_on")
        if final is None:
            return
        windows = PublicationWindow.objects.filter(
            content_type=ContentType.objects.get_for_model(Sanction), object_id=str(sanction.pk)
        )
        for window in windows:
            window.starts_at = services.day_start(final)
            window.ends_at = services.day_start(final + dt.timedelta(days=sanction.publish_days))
            window.save(update_fields=["starts_at", "ends_at"])


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    officer = User.objects.get(username="discipline")
    lawyers = list(
        Lawyer.objects.filter(
            status=LawyerStatus.PRACTISING, region__path__startswith=city.city.path, firm__isnull=False
        )
        .exclude(pk=city.demo_lawyer.pk)
        .select_related("region")
        .order_by("id")[:400]
    )
    subjects = rng.sample(lawyers, len(PLANS) - 1)
    subjects.insert(3, city.demo_lawyer)  # plan 3: notified, the demo lawyer's answer awaited
    conducts = list(SUMMARIES)
    now = timezone.now()
    made = []
    for index, ((steps, gaps, sanction, days), lawyer) in enumerate(zip(PLANS, subjects, strict=True)):
        conduct = conducts[index % len(conducts)]
        summary, facts = SUMMARIES[conduct]
        case = services.case_open(actor=officer, lawyer=lawyer, conduct=conduct, summary=summary, facts=facts)
        case = _walk(case, steps, sanction, days, index)
        _lay_out(case, gaps, now)
        made.append(case)
    services.case_grant(actor=officer, case=made[8], user=User.objects.get(username="judicial"))
    report("disciplinary cases", len(made))
    report("sanctions", Sanction.objects.count())
    return []
