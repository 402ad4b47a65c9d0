"""The main journey in Chromium: staff publish a notice; the firm's administrator opens it, acknowledges
and replies with a file; staff see the progress. Then a ledger item is submitted for closure by the
firm and closed (销号) by the district. Screenshots at desktop and phone width go to tmp_path."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from lvxie.ledgers.choices import ItemStatus
from lvxie.ledgers.models import RectificationItem
from lvxie.ledgers.services import ledger_create
from lvxie.notices.models import Notice, Receipt
from tests.e2e.conftest import login
from tests.ledgers.conftest import add_item
from tests.uploads import PDF_BYTES

pytestmark = pytest.mark.e2e


def logout(page):
    page.context.clear_cookies()


def test_notice_and_ledger_journey(page, world, tmp_path):
    plan = tmp_path / "学习计划.pdf"
    plan.write_bytes(PDF_BYTES)

    # Staff (the Futian district) write and publish a notice with a reply due
    login(page, "futian")
    page.goto(page.base_url + "/notices/new/")
    page.fill("#id_title", "关于制定学习计划的通知")
    page.fill("#id_body", "# 一、学习安排\n\n各律师事务所要制定学习计划。\n\n- 集中学习\n- 交流讨论")
    page.check("#id_reply_required")
    page.fill("#id_reply_hint", "本所学习计划")
    page.fill("#id_reply_due", (timezone.localdate() + timedelta(days=7)).isoformat())
    page.set_input_files("#id_attachments", str(plan))
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/notices/\d+/$"))
    page.click("#publish")
    page.wait_for_selector("text=已发布")
    notice = Notice.objects.get()
    assert notice.receipts.count() == 1
    logout(page)

    # The firm's administrator sees the unread count, opens the notice, acknowledges and replies
    login(page, "firmadmin")
    page.wait_for_selector("#unread-count")
    page.goto(page.base_url + "/notices/inbox/")
    page.click("text=关于制定学习计划的通知")
    page.wait_for_selector("h3:has-text('一、学习安排')")
    page.screenshot(path=str(tmp_path / "notice-firm.png"), full_page=True)
    page.click("#acknowledge")
    page.wait_for_selector("#receipt-state:has-text('已确认收到')")
    page.fill("#id_text", "本所学习计划见附件。")
    page.set_input_files("#id_files", str(plan))
    page.click("#send-reply")
    page.wait_for_selector("#receipt-state:has-text('已回复')")
    receipt = Receipt.objects.get()
    assert receipt.read_at and receipt.acknowledged_at and receipt.replied_at and receipt.files.count() == 1
    logout(page)

    # Staff see the progress: one recipient, replied
    login(page, "futian")
    page.goto(page.base_url + notice.get_absolute_url())
    assert page.inner_text("#replied-count") == "1"
    page.screenshot(path=str(tmp_path / "notice-progress.png"), full_page=True)
    logout(page)

    # A ledger item: the firm uploads evidence and submits it; the district closes it (销号)
    ledger = ledger_create(
        actor=world["users"]["firm"], firm=world["ft_firm"], title="学习整改台账", year=2023
    )
    item = add_item(world["users"]["firm"], ledger)
    add_item(
        world["users"]["firm"], ledger, problem="逾期事项", deadline=timezone.localdate() - timedelta(days=2)
    )
    login(page, "firmadmin")
    page.goto(page.base_url + ledger.get_absolute_url())
    page.wait_for_selector("text=2023-002")
    page.screenshot(path=str(tmp_path / "ledger.png"), full_page=True)
    page.click("text=2023-001")
    page.set_input_files("input[name=files]", str(plan))
    page.click("#upload-evidence")
    page.wait_for_selector("text=学习计划.pdf")
    page.click("#do-submit")
    page.wait_for_selector("#item-status:has-text('已申请销号')")
    assert page.locator("#do-close").count() == 0
    logout(page)

    login(page, "futian")
    page.goto(page.base_url + item.get_absolute_url())
    page.click("#do-close")
    page.wait_for_selector("#item-status:has-text('已销号')")
    assert RectificationItem.objects.get(pk=item.pk).status == ItemStatus.CLOSED
    page.goto(page.base_url + "/ledgers/summary/")
    page.wait_for_selector("[data-chart=summary-chart] canvas")
    assert page.inner_text("#overdue-total") == "1"
    page.screenshot(path=str(tmp_path / "summary.png"), full_page=True)


def test_phone_width_ledger_and_notice_have_no_page_overflow(
    browser, live_server, audit_purge, world, tmp_path
):
    ledger = ledger_create(
        actor=world["users"]["firm"], firm=world["ft_firm"], title="学习整改台账", year=2023
    )
    add_item(world["users"]["firm"], ledger)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "firmadmin")
    page.wait_for_url(re.compile(r"/$"))
    for path in (ledger.get_absolute_url(), "/ledgers/", "/notifications/"):
        page.goto(page.base_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, path
    page.goto(page.base_url + ledger.get_absolute_url())
    page.screenshot(path=str(tmp_path / "ledger-phone.png"), full_page=True)
    context.close()
