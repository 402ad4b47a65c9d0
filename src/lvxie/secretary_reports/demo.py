"""The demo's secretaries' reports, in the Shenzhen 2025 shape ("6名基层党组织书记现场述职，其余193个直属
党组织书记进行书面述职"): last year's review of up to 199 of the city's basic-level organizations, 6 of them
reporting orally, every report written, accepted and rated by the two-member panel, with one report
returned for correction and sent again; and this year's review just opened, its reports still drafts.
Called by `lvxie seed demo` (SecretaryReportsConfig.demo_seeder) after the Party side's part."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.calls import services as calls
from lvxie.calls.models import Submission
from lvxie.party.choices import OrgKind, OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.demo.logins import DemoLogin, demo_account

from . import services
from .kinds import SCALE, SECRETARY_REPORTS

REPORTS = 199
ORAL = 6
FEATURES = (
    "坚持“党建+业务”双融合，党支部书记由事务所主任担任，重大事项党支部前置研究。",
    "打造“红色律所”党建品牌，开展“我为群众办实事”法律服务进社区活动。",
    "建立党员律师“亮身份、作表率”机制，党员律师承办公益案件占全所一半以上。",
    "以联合党支部为纽带，推动小所之间资源共享、业务互助。",
)
RESULTS = (
    "全年开展主题党日12次，发展入党积极分子2名，党员律师参与公益法律服务300余小时。",
    "组织党员律师参与信访接待和矛盾纠纷化解，成功调解纠纷40余件。",
    "推动全所律师参加“法治体检”进企业活动，服务民营企业60余家。",
)
SHORTCOMINGS = (
    "对青年律师的政治引领还不够，入党积极分子培养偏少。",
    "“三会一课”记录不够规范，组织生活形式较为单一。",
    "党建与业务融合的制度化程度不高，党建工作经费保障不足。",
)
NEXT_STEPS = (
    "把青年律师作为重点培养对象，每年至少发展一名入党积极分子。",
    "规范组织生活台账，创新主题党日形式，建设党员活动阵地。",
    "将党建工作写入律所章程，设立党建工作专项经费。",
)
RETURN_REASON = "“不足”部分过于简略，请对照年度党建工作要点补充具体问题和原因。"


def report_values(index: int) -> dict[str, Any]:
    return {
        "features": FEATURES[index % len(FEATURES)],
        "results": RESULTS[index % len(RESULTS)],
        "shortcomings": SHORTCOMINGS[index % len(SHORTCOMINGS)],
        "next_steps": NEXT_STEPS[index % len(NEXT_STEPS)],
    }


def _grades(rng: random.Random) -> dict[str, str]:
    # Mostly 好 and 较好, some 一般, a rare 差 (the panel's ratings of a good year).
    weights = (0.45, 0.38, 0.14, 0.03)
    return {c.code: rng.choices([g.code for g in SCALE], weights)[0] for c in SECRETARY_REPORTS.criteria}


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    region = city.city
    logins = [demo_account("report_panel", Role.PARTY_ADMIN, region=region, display_name="述职评议组·王委员")]
    issuer = User.objects.get(username="party_city")
    panel = [issuer, User.objects.get(username="report_panel")]
    basic = (
        PartyOrg.objects.filter(region_path__startswith=region.path, status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.INDUSTRY_COMMITTEE)
        .order_by("path")
    )
    # The demo secretary's organization is among them, so their account has a report to see.
    demo_org = list(
        PartyOrg.objects.filter(pk__in=User.objects.get(username="secretary").roles.values("party_org_id"))
    )
    orgs = list(dict.fromkeys([*demo_org, *basic[:REPORTS]]))[:REPORTS]
    now = timezone.now()
    last = services.review_open(
        actor=issuer,
        region=region,
        year=now.year - 1,
        title=f"{region.name}律师行业党委{now.year - 1}年度直属党组织书记抓党建述职评议",
        orgs=orgs,
        oral_orgs=orgs[1 : ORAL + 1],
        reviewers=panel,
        deadline=timezone.localdate() + timedelta(days=1),
        opened_at=now - timedelta(days=40),
        description="各直属党组织书记从特色、成效、不足、思路等方面书面述职，6名基层党组织书记在述职评议会上现场述职。",
    )
    submissions = list(
        Submission.objects.filter(call=last).select_related("call", "party_org").order_by("party_org__path")
    )
    for index, submission in enumerate(submissions):
        calls.submission_save(actor=None, submission=submission, values=report_values(index))
        calls.submission_submit(actor=None, submission=submission)
        if index == 2:  # returned once as incomplete, corrected and sent again
            calls.submission_return(actor=None, submission=submission, reason=RETURN_REASON)
            values = report_values(index)
            values["shortcomings"] += "主要原因是支部委员多为业务骨干，抓党建精力投入不足。"
            calls.submission_save(actor=None, submission=submission, values=values)
            calls.submission_submit(actor=None, submission=submission)
        calls.submission_accept(actor=None, submission=submission)
        for reviewer in panel:
            calls.score_submit(actor=reviewer, submission=submission, points=_grades(rng))
    calls.call_close(actor=issuer, call=last)
    # This year's: opened today, 15 working days to write.
    current = services.review_open(
        actor=issuer,
        region=region,
        year=now.year,
        title=f"{region.name}律师行业党委{now.year}年度直属党组织书记抓党建述职评议",
        orgs=orgs,
        oral_orgs=orgs[ORAL + 1 : 2 * ORAL + 1],
        reviewers=panel,
        deadline_working_days=15,
    )
    report("secretaries' reports", len(submissions) + current.submissions.count())
    return logins
