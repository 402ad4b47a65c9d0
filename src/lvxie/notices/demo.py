"""The demo's notices: the bar's 2023 study notice "做党和人民满意的好律师" sent to every firm, with
realistic receipts (most read and acknowledged, most study plans in, some overdue), and a current
notice asking for the rectification ledgers, due in two weeks and mostly unread; and the city Party
committee's notice to every Party organization of the city, a few of them answered."""

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lvxie.core.uploads import check_upload

from .choices import AudienceKind
from .models import Receipt
from .services import notice_create, notice_publish, receipts_bulk_record

STUDY_TITLE = "关于深入学习贯彻司法部党组“做党和人民满意的好律师”座谈会精神的通知"
STUDY_BODY = """各律师事务所，各位律师、实习人员：

2023年6月30日上午，司法部党组召开了“做党和人民满意的好律师”座谈会。现结合实际就有关事项通知如下。

# 一、充分认识深入学习贯彻座谈会精神的重大意义

律师队伍是推进全面依法治国、推进中国式现代化建设的一支高素质重要力量。

# 二、将座谈会精神贯彻落实到我市律师行业高质量发展的全过程

- 要把贯彻落实座谈会精神作为当前政治学习的重要内容，切实学深学透。
- 要大力创新方式方法，把学习不断推向深入。
- 要做到边学边查边改，切实见到成效。

对需要整改的每一个具体问题要建立整改台账，并进行列表编号，解决一个销号一个；实行动态管理，不断根据发现的问题，制定新的整改计划，更新整改台账。

# 三、切实加强组织领导

各律师事务所要制定学习计划，明确学习目标和要求，精心组织实施，并于8月31日前报送本所学习计划。

特此通知。"""
PUBLISHED = date(2023, 7, 24)
DUE = date(2023, 8, 31)
PLAN_REPLIES = (
    "已制定本所学习计划，详见附件。",
    "本所已召开专题学习会，学习计划已报送。",
    "已组织全体律师、实习人员集中学习，学习计划附后。",
    "本所党支部牵头制定学习计划，并建立整改台账。",
)


def _at(day: date, rng) -> datetime:
    moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randrange(9 * 60))
    return timezone.make_aware(moment)


def seed(*, city, rng, report) -> list:
    """Create and publish the demo notices through the services (the system as actor)."""
    template = SimpleUploadedFile(
        "学习计划模板.txt",
        "律师事务所学习计划\n一、学习目标\n二、学习安排\n三、查摆问题与整改台账\n".encode(),
    )
    study = notice_create(
        actor=None,
        title=STUDY_TITLE,
        body=STUDY_BODY,
        sender_region=city.city,
        reply_required=True,
        reply_hint="本所学习计划",
        reply_due=DUE,
        attachments=[check_upload(template)],
    )
    report("notice recipients", notice_publish(actor=None, notice=study, published_at=_at(PUBLISHED, rng)))
    receipts = list(Receipt.objects.filter(notice=study).select_related("notice__sender_region"))
    for receipt in receipts:
        draw = rng.random()
        if draw < 0.95:
            receipt.read_at = _at(PUBLISHED + timedelta(days=rng.randint(0, 6)), rng)
        if draw < 0.88:
            receipt.acknowledged_at = receipt.read_at + timedelta(hours=rng.randint(1, 48))
        if draw < 0.78:
            receipt.replied_at = _at(PUBLISHED + timedelta(days=rng.randint(7, (DUE - PUBLISHED).days)), rng)
            receipt.reply_text = rng.choice(PLAN_REPLIES)
    report("notice receipts", receipts_bulk_record(actor=None, receipts=receipts))

    current = notice_create(
        actor=None,
        title="关于报送整改台账落实情况的通知",
        body="各律师事务所：\n\n请对照本所整改台账，逐项报送整改落实情况，已完成的事项及时申请销号。\n\n特此通知。",
        sender_region=city.city,
        reply_required=True,
        reply_hint="整改台账落实情况",
        reply_due=timezone.localdate() + timedelta(days=14),
        late_replies_allowed=True,
    )
    notice_publish(actor=None, notice=current)
    opened = [
        r
        for r in Receipt.objects.filter(notice=current).select_related("notice__sender_region")
        if rng.random() < 0.3
    ]
    for receipt in opened:
        receipt.read_at = timezone.now() - timedelta(hours=rng.randint(1, 72))
    receipts_bulk_record(actor=None, receipts=opened)
    _seed_party_notice(city=city, rng=rng, report=report)
    return []


PARTY_PUBLISHED = date(2023, 8, 7)
PARTY_DUE = date(2023, 9, 15)
PARTY_REPLIES = (
    "支部已召开专题组织生活会，学习计划附后。",
    "已组织党员集中学习座谈会精神，并制定支部整改台账。",
    "支部书记带头讲党课，学习情况已报送。",
)


def _seed_party_notice(*, city, rng, report) -> None:
    """The city Party committee's notice to every Party organization of the city (none listed)."""
    notice = notice_create(
        actor=None,
        title="关于在律师行业党组织中深入开展座谈会精神学习的通知",
        body="各律师行业党组织：\n\n请组织党员深入学习座谈会精神，于9月15日前报送支部学习情况。\n\n特此通知。",
        sender_region=city.city,
        audience_kind=AudienceKind.PARTY_ORGS,
        reply_required=True,
        reply_hint="支部学习情况",
        reply_due=PARTY_DUE,
    )
    published_at = _at(PARTY_PUBLISHED, rng)
    report(
        "Party organizations notified", notice_publish(actor=None, notice=notice, published_at=published_at)
    )
    receipts = list(Receipt.objects.filter(notice=notice).select_related("notice__sender_region"))
    for receipt in receipts:
        draw = rng.random()
        if draw < 0.8:
            receipt.read_at = _at(PARTY_PUBLISHED + timedelta(days=rng.randint(0, 6)), rng)
            receipt.acknowledged_at = receipt.read_at + timedelta(hours=rng.randint(1, 48))
        if draw < 0.6:
            days = rng.randint(8, (PARTY_DUE - PARTY_PUBLISHED).days)
            receipt.replied_at = _at(PARTY_PUBLISHED + timedelta(days=days), rng)
            receipt.reply_text = rng.choice(PARTY_REPLIES)
    receipts_bulk_record(actor=None, receipts=receipts)
