"""A notice from writing to every recipient's reply, and the refusals on the way."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from lvxie.notices import selectors
from lvxie.notices.choices import AudienceKind, NoticeStatus, ReceiptState
from lvxie.notices.models import Receipt
from lvxie.notices.services import (
    notice_due_reminders_send,
    notice_publish,
    notice_remind,
    notice_update,
    receipt_acknowledge,
    receipt_open,
    receipt_reply,
)
from lvxie.notifications.models import Notification
from tests import uploads
from tests.factories import LawFirmFactory
from tests.notices.conftest import write_notice


def test_a_notice_walks_from_writing_to_every_recipients_reply(world, ns_firm_admin):
    city, firm_admin = world["users"]["city"], world["users"]["firm"]
    # Given a draft from the city with an attachment
    notice = write_notice(city, world["regions"]["city"])
    assert notice.status == NoticeStatus.DRAFT and notice.attachments.count() == 1
    assert not Receipt.objects.exists()
    # When it is published
    assert notice_publish(actor=city, notice=notice) == 2
    # Then each firm has a receipt and its administrator a notification
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED and notice.published_at
    ft = Receipt.objects.get(notice=notice, firm=world["ft_firm"])
    ns = Receipt.objects.get(notice=notice, firm=world["ns_firm"])
    assert ft.state() == ReceiptState.UNREAD
    assert Notification.objects.filter(recipient=firm_admin, url=notice.get_absolute_url()).count() == 1
    assert Notification.objects.filter(recipient=ns_firm_admin).count() == 1

    # When the Futian firm opens, acknowledges and replies with its study plan
    receipt_open(actor=firm_admin, receipt=ft)
    assert ft.state() == ReceiptState.READ
    receipt_acknowledge(actor=firm_admin, receipt=ft)
    assert ft.state() == ReceiptState.ACKNOWLEDGED
    receipt_reply(
        actor=firm_admin, receipt=ft, text="学习计划见附件", files=[uploads.checked(uploads.docx())]
    )
    # And the Nanshan firm replies with text only (a reply acknowledges too)
    receipt_reply(actor=ns_firm_admin, receipt=ns, text="已组织学习")

    # Then the sender sees every recipient replied, by district
    rows = {row["region__name"]: row for row in selectors.progress_by_district(city, notice)}
    assert rows["福田区"]["replied"] == rows["南山区"]["replied"] == 1
    assert rows["南山区"]["acknowledged"] == 1 and rows["南山区"]["overdue"] == 0
    listed = selectors.notice_list(city).get(pk=notice.pk)
    assert (listed.total, listed.read, listed.acknowledged, listed.replied) == (2, 2, 2, 2)
    assert ft.files.get().name == "计划.docx"


def test_the_district_sees_only_its_firms_in_a_city_notices_progress(world, published):
    rows = selectors.progress_by_district(world["users"]["futian"], published)
    assert [row["region__name"] for row in rows] == ["福田区"]
    listed = selectors.notice_list(world["users"]["futian"]).get(pk=published.pk)
    assert listed.total == 1


def test_audience_of_kinds_and_of_listed_firms(world):
    city = world["users"]["city"]
    sole = LawFirmFactory(name="个人所", kind="sole", region=world["regions"]["nanshan"])
    by_kind = write_notice(
        city, world["regions"]["city"], audience_kind=AudienceKind.FIRM_KINDS, audience_firm_kinds=["sole"]
    )
    assert notice_publish(actor=city, notice=by_kind) == 1
    assert by_kind.receipts.get().firm == sole
    listed = write_notice(
        city, world["regions"]["city"], audience_kind=AudienceKind.FIRMS, audience_firms=[world["ns_firm"]]
    )
    notice_publish(actor=city, notice=listed)
    assert list(listed.receipts.values_list("firm", flat=True)) == [world["ns_firm"].pk]


def test_a_district_may_not_issue_for_the_city_nor_address_another_district(world):
    futian = world["users"]["futian"]
    with pytest.raises(PermissionDenied):
        write_notice(futian, world["regions"]["city"])
    with pytest.raises(ValidationError) as error:
        write_notice(
            futian,
            world["regions"]["futian"],
            audience_kind=AudienceKind.FIRMS,
            audience_firms=[world["ns_firm"]],
        )
    assert error.value.error_dict["audience_firms"][0].code == "outside_region"
    for role in ("firm", "lawyer", "auditor"):
        with pytest.raises(PermissionDenied):
            write_notice(world["users"][role], world["regions"]["futian"])


def test_a_published_notice_can_no_longer_be_changed(world, published):
    with pytest.raises(ValidationError) as error:
        notice_update(actor=world["users"]["city"], notice=published, title="改")
    assert error.value.code == "published"
    with pytest.raises(ValidationError) as error:
        notice_publish(actor=world["users"]["city"], notice=published)
    assert error.value.code == "published"


def test_a_notice_no_firm_matches_is_not_published(world):
    city = world["users"]["city"]
    notice = write_notice(
        city,
        world["regions"]["city"],
        audience_kind=AudienceKind.FIRM_KINDS,
        audience_firm_kinds=["foreign_rep"],
    )
    with pytest.raises(ValidationError) as error:
        notice_publish(actor=city, notice=notice)
    assert error.value.code == "empty_audience"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT


def test_only_the_recipient_firm_acknowledges_and_only_once(world, published):
    receipt = Receipt.objects.get(notice=published, firm=world["ft_firm"])
    for role in ("futian", "city", "lawyer"):
        with pytest.raises(PermissionDenied):
            receipt_acknowledge(actor=world["users"][role], receipt=receipt)
    receipt_acknowledge(actor=world["users"]["firm"], receipt=receipt)
    with pytest.raises(ValidationError) as error:
        receipt_acknowledge(actor=world["users"]["firm"], receipt=receipt)
    assert error.value.code == "already_acknowledged"


def test_staff_opening_a_notice_does_not_mark_the_firm_as_read(world, published):
    receipt = Receipt.objects.get(notice=published, firm=world["ft_firm"])
    receipt_open(actor=world["users"]["futian"], receipt=receipt)
    receipt.refresh_from_db()
    assert receipt.read_at is None


def test_an_empty_reply_is_refused(world, published):
    receipt = Receipt.objects.get(notice=published, firm=world["ft_firm"])
    with pytest.raises(ValidationError) as error:
        receipt_reply(actor=world["users"]["firm"], receipt=receipt, text="  ")
    assert error.value.code == "empty_reply"


def test_replying_after_the_deadline_is_refused_unless_late_replies_are_accepted(world):
    city, firm_admin = world["users"]["city"], world["users"]["firm"]
    strict = write_notice(city, world["regions"]["city"], title="严格")
    lenient = write_notice(city, world["regions"]["city"], title="宽松", late_replies_allowed=True)
    notice_publish(actor=city, notice=strict)
    notice_publish(actor=city, notice=lenient)
    with time_machine.travel(timezone.now() + timedelta(days=10)):
        late = Receipt.objects.get(notice=strict, firm=world["ft_firm"])
        assert late.state() == ReceiptState.OVERDUE
        with pytest.raises(ValidationError) as error:
            receipt_reply(actor=firm_admin, receipt=late, text="迟交的计划")
        assert error.value.code == "late"
        late.refresh_from_db()
        assert late.replied_at is None
        accepted = Receipt.objects.get(notice=lenient, firm=world["ft_firm"])
        receipt_reply(actor=firm_admin, receipt=accepted, text="迟交的计划")
        assert accepted.state() == ReceiptState.REPLIED
        rows = selectors.progress_by_district(city, strict)
        assert sum(row["overdue"] for row in rows) == 2


def test_reminders_go_to_the_late_ones_once_a_day(world, published, ns_firm_admin):
    city = world["users"]["city"]
    ft = Receipt.objects.get(notice=published, firm=world["ft_firm"])
    receipt_reply(actor=world["users"]["firm"], receipt=ft, text="已报送")
    assert notice_remind(actor=city, notice=published) == 1
    reminders = Notification.objects.filter(key__contains=":remind:")
    assert list(reminders.values_list("recipient__username", flat=True)) == ["nsfirm"]
    notice_remind(actor=city, notice=published)
    assert reminders.count() == 1  # the same day: not again
    with pytest.raises(PermissionDenied):
        notice_remind(actor=world["users"]["nanshan"], notice=published)


def test_lvxie_remind_reminds_of_replies_due_soon_once_a_day(world, ns_firm_admin):
    city = world["users"]["city"]
    notice = write_notice(city, world["regions"]["city"], reply_due=timezone.localdate() + timedelta(days=2))
    notice_publish(actor=city, notice=notice)
    assert notice_due_reminders_send() == 2
    call_command("remind", stdout=open("/dev/null", "w"))  # noqa: SIM115  (the alias of `lvxie tick`)
    assert notice_due_reminders_send() == 0
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert notice_due_reminders_send() == 2
