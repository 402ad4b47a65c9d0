"""A district administrator's first day, in a real browser: log in, read the dashboard chart, find a
lawyer by pinyin, reveal and then mistype an ID number, switch language, use a phone-width screen."""

import re

import pytest

from lvxie.audit.models import AuditEvent
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_world(world):
    return world


def test_district_admin_day(page, e2e_world, tmp_path):
    lawyer = e2e_world["ft_lawyer"]
    login(page, "futian")
    page.wait_for_url(re.compile(r"/$"))
    # The dashboard draws its ECharts charts (a canvas per chart) and counts only Futian's records
    page.wait_for_selector("[data-chart=firm-chart] canvas")
    assert page.locator(".stat .n").first.inner_text() == "1"
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    # Search by pinyin initials finds the traditional-character name
    page.goto(page.base_url + "/lawyers/?q=zb")
    page.click("text=張斌")
    assert lawyer.id_number not in page.content()
    page.click("text=查看")
    page.wait_for_selector(f"text={lawyer.id_number}")
    assert AuditEvent.objects.filter(action="lawyer.reveal").count() == 1

    # A wrong check character is refused in Chinese and nothing changes
    page.goto(page.base_url + f"/lawyers/{lawyer.pk}/edit/")
    wrong = lawyer.id_number[:-1] + ("1" if lawyer.id_number[-1] != "1" else "2")
    page.fill("#id_id_number", wrong)
    page.click("button[type=submit]")
    assert "校验码错误" in page.inner_text(".errorlist")
    lawyer.refresh_from_db()
    assert lawyer.id_number != wrong

    # Switch to English
    page.click("button[value=en]")
    page.wait_for_selector("text=Log out")
    assert "Lawyers" in page.inner_text("nav")

    # Nanshan's firm does not exist for this user
    response = page.goto(page.base_url + f"/firms/{e2e_world['ns_firm'].pk}/")
    assert response.status == 404


def test_phone_width_dashboard_has_no_horizontal_scroll(browser, live_server, audit_purge, world, tmp_path):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "city")
    page.wait_for_selector("[data-chart=lawyer-chart] canvas")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    context.close()
