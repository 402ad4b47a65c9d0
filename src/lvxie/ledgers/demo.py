"""The demo's rectification ledgers: a few dozen firms' 2023 ledgers answering the study notice, their
items in every status, some overdue, and the ledgers of a couple of Party organizations (the demo
secretary's among them), each change made through the services."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.core.uploads import check_upload
from lvxie.notices.models import Notice
from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.choices import FirmStatus
from lvxie.registry.models import LawFirm

from .choices import ItemAction
from .services import item_add, item_evidence_add, item_transition, ledger_create

LEDGERS = 36
# (problem, goal, measures), after the notice's five requirements (五者).
PROBLEMS = (
    (
        "政治理论学习不够系统，集中学习次数偏少",
        "每月至少组织一次集中学习",
        "制定年度学习计划，主任带头学，建立学习签到台账",
    ),
    (
        "部分律师对“两拥护”从业基本要求理解不深",
        "全体律师完成专题学习",
        "开展专题辅导，组织交流讨论并撰写心得",
    ),
    ("公益法律服务参与率不高", "本所律师年度公益服务全覆盖", "建立公益服务登记制度，与社区结对开展法律咨询"),
    ("青年律师业务培训不足", "每季度开展一次业务培训", "建立导师制，邀请专家授课"),
    ("利益冲突审查流程不规范", "建立统一的利益冲突审查制度", "修订收案审批流程，启用电子化审查登记"),
    ("收费管理存在私自收费风险", "杜绝私自收案收费", "统一收案收费，开展执业纪律警示教育"),
    ("与司法人员接触交往报备不及时", "严格执行接触交往报备制度", "组织学习相关规定，建立报备台账并定期检查"),
    ("涉外法律服务人才储备不足", "培养涉外律师人才", "选派律师参加涉外培训，建立涉外业务团队"),
    ("党建工作与业务工作结合不紧", "党建写入章程并落实", "修订律所章程，党组织参与重大事项决策"),
    ("宣传报道学习成效不及时", "及时宣传学习贯彻好做法", "指定专人负责公众号宣传，每季度报送经验做法"),
)
PEOPLE = ("主任", "党支部书记", "执行合伙人", "行政主管", "培训负责人")
# The status each item ends in, and how often.
ENDINGS = (("closed", 40), ("submitted", 12), ("returned", 5), ("in_progress", 23), ("open", 20))
PATHS = {
    "open": (),
    "in_progress": (ItemAction.START,),
    "submitted": (ItemAction.START, ItemAction.SUBMIT),
    "returned": (ItemAction.START, ItemAction.SUBMIT, ItemAction.RETURN),
    "closed": (ItemAction.START, ItemAction.SUBMIT, ItemAction.CLOSE),
}


def _evidence(number: str):
    return check_upload(SimpleUploadedFile(f"{number}整改材料.txt", f"{number} 整改完成情况说明\n".encode()))


def seed(*, city, rng, report) -> list:
    firms = list(LawFirm.objects.filter(status=FirmStatus.ACTIVE).select_related("region").order_by("id"))
    others = [f for f in firms if f.pk != city.demo_firm.pk]
    chosen = [city.demo_firm, *rng.sample(others, min(len(others), LEDGERS - 1))]
    notice = Notice.objects.filter(title__startswith="关于深入学习贯彻").first()
    today = timezone.localdate()
    endings, weights = zip(*ENDINGS, strict=True)
    items = 0
    ledgers = [
        ledger_create(
            actor=None, firm=firm, title=f"{firm.name}学习贯彻座谈会精神整改台账", year=2023, notice=notice
        )
        for firm in chosen
    ]
    ledgers += [
        ledger_create(
            actor=None, party_org=org, title=f"{org.name}学习贯彻座谈会精神整改台账", year=2023, notice=notice
        )
        for org in _demo_orgs()
    ]
    for ledger in ledgers:
        for problem, goal, measures in rng.sample(PROBLEMS, rng.randint(3, 7)):
            ending = rng.choices(endings, weights)[0]
            # Unfinished items are due from last autumn to a few weeks ahead, so some are overdue.
            deadline = (
                date(2023, 12, 31) - timedelta(days=rng.randint(0, 90))
                if ending == "closed"
                else today + timedelta(days=rng.randint(-120, 45))
            )
            item = item_add(
                actor=None,
                ledger=ledger,
                problem=problem,
                goal=goal,
                measures=measures,
                responsible=rng.choice(PEOPLE),
                deadline=deadline,
            )
            for action in PATHS[ending]:
                if action == ItemAction.SUBMIT:
                    item_evidence_add(actor=None, item=item, files=[_evidence(item.number)])
                reason = "整改材料不完整，请补充学习记录" if action == ItemAction.RETURN else ""
                item_transition(actor=None, item=item, action=action, version=item.version, reason=reason)
            items += 1
    report("rectification ledgers", len(ledgers))
    report("rectification items", items)
    return []


def _demo_orgs() -> list:
    """Two Party organizations with ledgers: the demo secretary's and another branch in a firm."""
    secretary = RoleAssignment.objects.filter(role=Role.ORG_SECRETARY).select_related("party_org").first()
    own = secretary.party_org if secretary else None
    branches = PartyOrg.objects.filter(status=OrgStatus.ACTIVE, firm_links__until__isnull=True).distinct()
    other = branches.exclude(pk=getattr(own, "pk", None)).order_by("path").first()
    return [org for org in (own, other) if org is not None]
