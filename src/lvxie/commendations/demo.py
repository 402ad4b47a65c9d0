"""The demo's commendations and contests (the Shenzhen shape): this year's "两优一先" round of the city's
lawyer-industry Party committee in public notice (the Party organizations nominated, the panel voted,
the recommended are shown on the public site for five working days, one objection from the public
waits for a decision); and last year's business-innovation contest, judged, its prizes given by rank
and its collection of winning entries on the public site (the prizes on the firms' public records).
Called by `lvxie seed demo` (CommendationsConfig.demo_seeder) after the calls' part."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.calls import services as call_services
from lvxie.notices.choices import AudienceKind
from lvxie.party.choices import MemberStatus, OrgStatus
from lvxie.party.models import PartyMembership, PartyOrg
from lvxie.registry.choices import FirmStatus
from lvxie.registry.demo.logins import DemoLogin, demo_account
from lvxie.registry.models import LawFirm
from lvxie.workflow import publication
from lvxie.workflow import services as workflow_services

from . import policies, services
from .choices import NominationStatus
from .kinds import INNOVATION_CONTEST, PARTY_COMMENDATION
from .models import Nomination

ORGS = 6
DEEDS_ORG = "坚持党建引领所建，组织党员律师开展公益法律服务、“法治体检”进企业活动，党员先锋岗作用明显。"
DEEDS_MEMBER = "带头办理法律援助案件，参与基层矛盾纠纷化解，全年提供公益法律服务百余小时。"
DEEDS_WORKER = "兼任支部书记，规范开展“三会一课”，推动党建工作与业务发展深度融合。"
OBJECTION = "该候选人所在律所今年曾因违规宣传被投诉，请核实。"
PROJECTS = (
    ("企业合规“一站式”数字化服务平台", "把合规审查清单做成在线工具，中小企业自助完成合规体检。"),
    ("跨境争议解决协作机制", "联合港澳律师组建团队，为出海企业提供全链条法律服务。"),
    ("知识产权快速维权工作站", "在产业园设点，侵权取证到诉前调解平均缩短至十五个工作日。"),
    ("劳动争议在线调解小程序", "员工与企业在线提交材料，律师调解员远程主持调解。"),
    ("公益诉讼线索研判模型", "整理历年案例形成研判要点，提高线索转化率。"),
    ("律师办案质量评价体系", "以客户回访和案件复盘为基础，建立所内办案质量评价。"),
)


def _eligible_members(org: PartyOrg, year: int, taken: set[int]) -> list[PartyMembership]:
    return list(
        PartyMembership.objects.filter(
            org__path__startswith=org.path,
            status=MemberStatus.ACTIVE,
            lawyer__first_licensed_year__lte=year - 3,
            lawyer__sanctions__isnull=True,
        )
        .exclude(lawyer_id__in=taken)
        .select_related("lawyer")
        .order_by("id")[:2]
    )


def _commendation(city: Any, rng: random.Random, panel: list[User]) -> int:
    """This year's round, nominated, voted and in public notice now. Returns the nominations."""
    issuer = User.objects.get(username="party_city")
    demo_org = User.objects.get(username="secretary").roles.get().party_org
    assert demo_org is not None  # the Party demo binds the secretary to the demo firm's organization
    others = PartyOrg.objects.filter(
        status=OrgStatus.ACTIVE, region_path__startswith=city.city.path, parent__isnull=False
    ).exclude(pk=demo_org.pk)
    orgs = [demo_org, *others.filter(memberships__isnull=False).distinct().order_by("id")[: ORGS - 1]]
    call = call_services.call_create(
        actor=issuer,
        title="2025年度深圳市律师行业“两优一先”评选表彰",
        kind=PARTY_COMMENDATION,
        region=city.city,
        unit_kind="party_org",
        description="各党组织按照名额推荐先进基层党组织、优秀共产党员、优秀党务工作者，附先进事迹材料。",
        audience_kind=AudienceKind.PARTY_ORGS,
        audience_party_orgs=orgs,
        deadline=timezone.localdate() + dt.timedelta(days=2),
        reviewers=panel,
        quotas={"advanced_org": 2, "outstanding_member": 3, "party_worker": 2},
    )
    call_services.call_open(actor=issuer, call=call, opened_at=timezone.now() - dt.timedelta(days=21))
    year, taken = timezone.localdate().year, set[int]()
    for org in orgs:
        submission = call.submissions.get(party_org=org)
        cover = {"contact": "党务联络员", "opinion": "经支委会研究，同意推荐。"}
        call_services.submission_save(actor=None, submission=submission, values=cover)
        services.nominate(
            actor=None, submission=submission, category="advanced_org", nominee=org, deeds=DEEDS_ORG
        )
        members = _eligible_members(org, year, taken)
        for membership, category, deeds in zip(
            members, ("outstanding_member", "party_worker"), (DEEDS_MEMBER, DEEDS_WORKER), strict=False
        ):
            taken.add(membership.lawyer_id)
            services.nominate(
                actor=None, submission=submission, category=category, nominee=membership.lawyer, deeds=deeds
            )
        call_services.submission_submit(actor=None, submission=submission)
        call_services.submission_accept(actor=None, submission=submission)
    call_services.call_close(actor=issuer, call=call)
    nominations = list(Nomination.objects.filter(call=call).select_related("submission", "call"))
    for nomination in nominations:
        for member in panel:
            if not policies.conflict_reason(member, nomination):
                services.vote_cast(actor=member, nomination=nomination, approve=rng.random() < 0.8)
    services.panel_decide(actor=issuer, call=call)
    services.notice_open(actor=issuer, call=call, days=services.NOTICE_DAYS, starts_at=timezone.now())
    shown = Nomination.objects.filter(call=call, status=NominationStatus.IN_NOTICE).order_by("id").first()
    if shown is not None:
        window = publication.windows_of(shown)[0]
        workflow_services.objection_submit(window=window, text=OBJECTION)
    return len(nominations)


def _contest(city: Any, rng: random.Random) -> int:
    """Last year's contest: judged, prizes given, the collection on the public site. Returns the prizes."""
    issuer = User.objects.get(username="city_admin")
    judges = list(User.objects.filter(username__in=["reviewer1", "reviewer2"]).order_by("username"))
    firms = list(
        LawFirm.objects.filter(status=FirmStatus.ACTIVE, region__path__startswith=city.city.path).order_by(
            "-id"
        )[: len(PROJECTS)]
    )
    call = call_services.call_create(
        actor=issuer,
        title="第四届深圳律师业务创新大赛",
        kind=INNOVATION_CONTEST,
        region=city.city,
        description="鼓励律师事务所在服务模式、技术应用、业务领域方面创新，评选优秀创新项目。",
        audience_kind=AudienceKind.FIRMS,
        audience_firms=firms,
        deadline=timezone.localdate() + dt.timedelta(days=1),
        reviewers=judges,
    )
    call_services.call_open(actor=issuer, call=call, opened_at=timezone.now() - dt.timedelta(days=60))
    for firm, (project, summary) in zip(firms, PROJECTS, strict=False):
        submission = call.submissions.get(firm=firm)
        values = {"project": project, "team": f"{firm.name}创新团队", "summary": summary, "results": summary}
        call_services.submission_save(actor=None, submission=submission, values=values)
        call_services.submission_submit(actor=None, submission=submission)
        call_services.submission_accept(actor=None, submission=submission)
        for judge in judges:
            points = {code: rng.randint(5, 10) for code in ("novelty", "value", "replicable")}
            call_services.score_submit(actor=judge, submission=submission, points=points)
    call_services.call_close(actor=issuer, call=call)
    prizes = services.prizes_award(
        actor=issuer, call=call, counts={"first": 1, "second": 1, "third": 2, "excellence": 2}
    )
    services.collection_publish(actor=issuer, call=call, starts_at=timezone.now() - dt.timedelta(days=30))
    return len(prizes)


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    region = city.city
    logins = [
        demo_account("panel1", Role.PARTY_ADMIN, region=region, display_name="评审委员·王书记"),
        demo_account("panel2", Role.PARTY_ADMIN, region=region, display_name="评审委员·李书记"),
    ]
    panel = list(User.objects.filter(username__in=["panel1", "panel2"]).order_by("username"))
    report("commendation nominations", _commendation(city, rng, panel))
    report("contest prizes", _contest(city, rng))
    return logins
