"""The demo's calls for submissions: the bar's classic-case selection (经典案例评选, named among the
Shenzhen bar's 2023 innovation activities), to a handful of firms with two reviewers. Last year's is
finished and its results are on the public site (a publication window open now, objections allowed);
this year's is open: three firms' cases accepted and scored by one reviewer (the other's still to come,
so the scores stay hidden), one returned for correction, and the demo firm's still a draft.
Called by `lvxie seed demo` (CallsConfig.demo_seeder) after the registry, Party and notices parts."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.notices.choices import AudienceKind
from lvxie.registry.choices import FirmStatus
from lvxie.registry.demo.logins import DemoLogin, demo_account
from lvxie.registry.models import LawFirm

from . import services
from .choices import SubmissionStatus
from .models import Call

CASES = (
    ("某科技公司商业秘密侵权纠纷案", "civil", "明确了技术秘密“合理保密措施”的认定标准。"),
    ("跨境并购反垄断申报案", "foreign", "助力企业在三个法域同步完成经营者集中申报。"),
    ("某环保公益诉讼案", "public_interest", "推动修复受损河道，确立生态损害赔偿的计算方法。"),
    ("一起非法吸收公众存款案无罪辩护", "criminal", "二审改判无罪，厘清了民间借贷与非法集资的界限。"),
    ("城市更新项目行政协议纠纷案", "administrative", "行政机关履约，为城市更新中的行政协议纠纷提供范例。"),
)
RETURN_REASON = "请补充生效判决书扫描件，并说明本所律师承办的具体工作。"


def _values(index: int, lawyer: str) -> dict[str, Any]:
    name, area, why = CASES[index % len(CASES)]
    return {
        "case_name": name,
        "practice_area": area,
        "lead_lawyer": lawyer,
        "concluded_on": dt.date(2025, 3 + index, 10 + index).isoformat(),
        "amount": 500 * (index + 1),
        "summary": f"{name}：本所接受委托后组建专业团队，经过调查取证、庭审辩论，取得了良好的办案效果。",
        "significance": why,
    }


def _points(rng: random.Random) -> dict[str, int]:
    return {code: rng.randint(5, 10) for code in ("difficulty", "impact", "innovation", "writing")}


def _run(
    call: Call, firms: list[LawFirm], reviewers: list[User], rng: random.Random, *, finish: bool
) -> None:
    for index, firm in enumerate(firms):
        submission = call.submissions.get(firm=firm)
        if not finish and index == 0:
            continue  # the demo firm's: still a draft for its administrator to finish
        services.submission_save(
            actor=None, submission=submission, values=_values(index, firm.head_name or "承办律师")
        )
        if not finish and index == 1:
            services.submission_save(actor=None, submission=submission, values={"case_name": CASES[1][0]})
            continue
        services.submission_submit(actor=None, submission=submission)
        if not finish and index == 2:
            services.submission_return(actor=None, submission=submission, reason=RETURN_REASON)
            continue
        services.submission_accept(actor=None, submission=submission)
        for number, reviewer in enumerate(reviewers):
            if finish or number == len(reviewers) - 1:  # this year's: reviewer1 still to score
                services.score_submit(actor=reviewer, submission=submission, points=_points(rng))


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    region = city.city
    logins = [
        demo_account("reviewer1", Role.CITY_ADMIN, region=region, display_name="评审专家·陈律师"),
        demo_account("reviewer2", Role.CITY_ADMIN, region=region, display_name="评审专家·林律师"),
    ]
    reviewers = list(User.objects.filter(username__in=["reviewer1", "reviewer2"]).order_by("username"))
    issuer = User.objects.get(username="city_admin")
    others = list(
        LawFirm.objects.filter(status=FirmStatus.ACTIVE, region__path__startswith=region.path)
        .exclude(pk=city.demo_firm.pk)
        .order_by("id")[:5]
    )
    now = timezone.now()
    # Last year's: opened four weeks ago, finished, results on the public site now.
    last = services.call_create(
        actor=issuer,
        title="2024年度深圳律师行业经典案例评选",
        kind="classic_cases",
        region=region,
        description="各律师事务所推荐本所2024年度承办的经典案例一件。",
        audience_kind=AudienceKind.FIRMS,
        audience_firms=others[:4],
        deadline=timezone.localdate() + dt.timedelta(days=1),
        reviewers=reviewers,
    )
    services.call_open(actor=issuer, call=last, opened_at=now - dt.timedelta(days=28))
    _run(last, others[:4], reviewers, rng, finish=True)
    services.call_close(actor=issuer, call=last)
    services.result_publish(actor=issuer, call=last, days=10)
    # This year's: open, due in 15 working days.
    current_firms = [city.demo_firm, *others[:5]]
    current = services.call_create(
        actor=issuer,
        title="2025年度深圳律师行业经典案例评选",
        kind="classic_cases",
        region=region,
        description="为总结推广律师办案经验、展示深圳律师专业水平，市律师协会开展2025年度经典案例评选。"
        "各律师事务所推荐本所年度承办的经典案例一件，附生效裁判文书。",
        audience_kind=AudienceKind.FIRMS,
        audience_firms=current_firms,
        deadline_working_days=15,
        reviewers=reviewers,
    )
    units = services.call_open(actor=issuer, call=current)
    _run(current, current_firms, reviewers, rng, finish=False)
    report("calls for submissions", 2)
    report("call submissions", units + 4)  # this year's and last year's
    report(
        "call submissions accepted",
        current.submissions.filter(status=SubmissionStatus.ACCEPTED).count(),
    )
    return logins
