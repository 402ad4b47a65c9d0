"""The demo's notices and ledgers (seeded with the demo city at a small scale)."""

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.ledgers.choices import ItemStatus
from lvxie.ledgers.models import Ledger, RectificationItem
from lvxie.notices.choices import AudienceKind, NoticeStatus, ReceiptState
from lvxie.notices.models import Notice
from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_study_notice_went_to_every_practising_firm_with_realistic_receipts(demo):  # noqa: F811
    study = Notice.objects.get(title__startswith="关于深入学习贯彻")
    assert study.status == NoticeStatus.PUBLISHED and study.attachments.count() == 1
    assert study.receipts.count() == LawFirm.objects.filter(status="active").count()
    states = {receipt.state() for receipt in study.receipts.select_related("notice")}
    assert ReceiptState.REPLIED in states and ReceiptState.OVERDUE in states
    assert "notice recipients" in demo and "rectification items" in demo


def test_ledgers_hold_items_in_every_status_some_overdue(demo):  # noqa: F811
    assert Ledger.objects.count() >= 10
    items = RectificationItem.objects.all()
    assert set(items.values_list("status", flat=True)) == set(ItemStatus.values)
    assert items.overdue().exists()
    for item in items.filter(status__in=[ItemStatus.SUBMITTED, ItemStatus.CLOSED]):
        assert item.evidence.exists()
    for ledger in Ledger.objects.all():
        numbers = list(ledger.items.order_by("seq").values_list("number", flat=True))
        assert numbers == [f"2023-{n:03d}" for n in range(1, len(numbers) + 1)]


def test_the_party_committee_notice_reached_every_org_and_a_couple_keep_ledgers(demo):  # noqa: F811
    notice = Notice.objects.get(audience_kind=AudienceKind.PARTY_ORGS)
    orgs = PartyOrg.objects.filter(status=OrgStatus.ACTIVE)
    assert notice.receipts.count() == orgs.count() > 0
    assert not notice.receipts.filter(firm__isnull=False).exists()
    assert notice.receipts.filter(replied_at__isnull=False).exists()
    secretary_org = RoleAssignment.objects.get(role=Role.ORG_SECRETARY).party_org
    org_ledgers = Ledger.objects.filter(party_org__isnull=False)
    assert org_ledgers.count() == 2 and org_ledgers.filter(party_org=secretary_org).exists()
    assert RectificationItem.objects.filter(ledger__in=org_ledgers).exists()
