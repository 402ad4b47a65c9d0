"""The demo's complaints: a year of them (about five a month) against the city's lawyers and firms, at
every stage: received and waiting (a few past their 10-working-day acceptance clock), waiting for the
complainant's papers, referred, declined with a reason, accepted, handled simply, investigated (the
disciplinary case is the discipline app's), closed with an outcome; a third confidential; two against
the demo lawyer, so their account shows them. The city's discipline officer ("discipline") handles
them, with a named handler in two districts. Called by `lvxie seed demo` (ComplaintsConfig.demo_seeder)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.registry.choices import LawyerStatus
from lvxie.registry.demo.logins import DemoLogin, demo_account
from lvxie.registry.models import Lawyer

from . import services
from .choices import (
    AccessKind,
    ComplaintAction,
    ComplaintSource,
    ConductKind,
    Outcome,
    Track,
    TriageCriterion,
)

# (conduct, what happened, what is asked)
ACCOUNTS = (
    (
        ConductKind.FEES,
        "委托律师代理一起买卖合同纠纷，律师在合同约定的代理费之外另行收取“办案费”两万元，未开具发票。",
        "退还多收费用",
    ),
    (
        ConductKind.NEGLECT,
        "律师收取代理费后未按约定出庭，导致一审缺席判决，事后才告知我。",
        "要求律师所退费并赔偿损失",
    ),
    (ConductKind.NEGLECT, "案件上诉期内多次联系承办律师均未回复，错过上诉期限。", "调查律师失职行为"),
    (ConductKind.CONFLICT, "律师曾代理我方签订合同，现又代理对方当事人起诉我公司。", "要求律师退出代理"),
    (ConductKind.CONFIDENTIALITY, "律师在微信群中透露我的离婚案件细节和财产情况。", "要求处理并公开道歉"),
    (
        ConductKind.SOLICITATION,
        "律师在短视频平台宣传“包打赢官司”“与法官关系好”，诱导当事人委托。",
        "查处虚假宣传",
    ),
    (ConductKind.COURT_CONDUCT, "庭审中律师多次辱骂对方当事人，被审判长当庭训诫。", "依规处理"),
    (
        ConductKind.DISHONESTY,
        "律师向法院提交的证据中有一份收据系伪造，我方已申请鉴定。",
        "查明事实，严肃处理",
    ),
    (ConductKind.MANAGEMENT, "律所实习人员以律师名义接待咨询并收取费用，律所未加管理。", "要求律所整改"),
    (
        ConductKind.FEES,
        "风险代理约定不明，案件调解结案后律师按判决标的额主张全部费用。",
        "按实际结果重新结算",
    ),
)
NAMES = ("王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "黄敏", "赵磊", "周婷", "吴昊", "徐丽", "孙强")
REFERRERS = {
    ComplaintSource.HOTLINE: "12348公共法律服务热线",
    ComplaintSource.JUDICIAL_BUREAU: "深圳市司法局",
    ComplaintSource.COURT: "福田区人民法院",
}
DECLINE = "投诉事项系对法院裁判结果不服，不属于律师执业行为，可依法申请再审。"
REFER = ("投诉涉及律师事务所以外的法律服务机构，已转有管辖权的司法行政机关处理。", "区司法局公共法律服务科")
PAPERS = "请补充提交委托代理合同、付款凭证及与律师沟通的记录。"
# How far along each month's complaints are, oldest months furthest (a plan of steps per complaint).
PLANS_OLD = ("closed_simple", "closed_simple", "declined", "complex", "referred", "closed_complex")
PLANS_RECENT = ("received", "papers", "accepted", "simple", "complex", "received_late")


def _steps(actor: User, complaint: Any, plan: str, rng: random.Random) -> None:
    def step(action: str, **kw: Any) -> None:
        complaint.refresh_from_db()
        services.complaint_step(actor=actor, complaint=complaint, action=action, **kw)

    if plan in ("received", "received_late"):
        return
    if plan == "papers":
        step(ComplaintAction.ASK_PAPERS, reason=PAPERS)
        return
    if plan == "declined":
        step(ComplaintAction.DECLINE, reason=DECLINE)
        return
    if plan == "referred":
        step(ComplaintAction.REFER, reason=REFER[0], referred_to=REFER[1])
        return
    if rng.random() < 0.3:
        step(ComplaintAction.ASK_PAPERS, reason=PAPERS)
        step(ComplaintAction.PAPERS_RECEIVED)
    step(ComplaintAction.ACCEPT)
    if plan == "accepted":
        return
    if plan in ("simple", "closed_simple"):
        track = rng.choice([Track.MEDIATION, Track.EXPLANATION, Track.FAST_TRACK])
        step(
            ComplaintAction.TRIAGE_SIMPLE,
            decision=track,
            reason="事实清楚、情节轻微，适用简易程序。",
            criteria=[TriageCriterion.FACTS_CLEAR, TriageCriterion.FEE_DISPUTE],
        )
        if plan == "closed_simple":
            outcome = Outcome.MEDIATED if track == Track.MEDIATION else Outcome.EXPLAINED
            step(ComplaintAction.CLOSE, decision=outcome, reason="经调解，律师退还部分费用，投诉人表示满意。")
        return
    step(
        ComplaintAction.TRIAGE_COMPLEX,
        reason="情节较重，事实存在争议，转立案调查。",
        criteria=[TriageCriterion.SERIOUS, TriageCriterion.FACTS_DISPUTED],
    )
    if plan == "closed_complex":
        step(ComplaintAction.CLOSE, decision=Outcome.DISCIPLINE_DECIDED, reason="纪律委员会已作出处分决定。")


def seed(*, city: Any, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    officer = User.objects.get(username="discipline")
    districts = list(city.districts.values())[:2]
    logins = [
        demo_account(
            f"handler{n + 1}", Role.DISCIPLINE_OFFICER, region=region, display_name=f"投诉承办·{region.name}"
        )
        for n, region in enumerate(districts)
    ]
    handlers = {u.username: u for u in User.objects.filter(username__in=[d.username for d in logins])}
    lawyers = list(
        Lawyer.objects.filter(status=LawyerStatus.PRACTISING, region__path__startswith=city.city.path)
        .exclude(pk=city.demo_lawyer.pk)
        .select_related("firm", "region")
        .order_by("id")[:400]
    )
    today = timezone.localdate()
    count = 0
    for month in range(12):
        plans = PLANS_OLD if month >= 2 else PLANS_RECENT
        for index, plan in enumerate(plans):
            received = today - dt.timedelta(
                days=30 * month + rng.randint(0, 20) + (45 if plan == "received_late" else 0)
            )
            if plan in ("received", "papers"):
                received = today - dt.timedelta(days=rng.randint(1, 6))
            lawyer = city.demo_lawyer if (month, index) in ((0, 2), (3, 0)) else rng.choice(lawyers)
            conduct, facts, asks = ACCOUNTS[(month + index) % len(ACCOUNTS)]
            source = rng.choice(
                [ComplaintSource.LETTER, ComplaintSource.PHONE, *REFERRERS, ComplaintSource.VISIT]
            )
            intake = services.Intake(
                lawyer=lawyer,
                conduct=conduct,
                facts=facts,
                request=asks,
                complainant_name=NAMES[(month * 7 + index) % len(NAMES)],
                complainant_phone=f"139{rng.randint(10000000, 99999999)}",
                complainant_email=f"ts{month}{index}@example.cn" if index % 2 else "",
                confidential=index % 3 == 0,
            )
            done = services.complaint_register(
                actor=officer,
                intake=intake,
                source=source,
                received_on=received,
                referring_body=REFERRERS.get(source, ""),
            )
            complaint = done.complaint
            handler = handlers.get("handler1" if complaint.region == districts[0] else "handler2")
            if handler is not None and complaint.region in districts:
                services.complaint_name(
                    actor=officer, complaint=complaint, user=handler, kind=AccessKind.HANDLER
                )
            _steps(officer, complaint, plan, rng)
            count += 1
    report("complaints", count)
    return logins
