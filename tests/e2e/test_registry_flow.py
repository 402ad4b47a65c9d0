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


def test_the_kept_filter_form_filters_as_drawn_and_refuses_an_out_of_scope_region(
    page, world, settings, tmp_path
):
    """With a shared cache (the firm list's filter form with nothing chosen is then kept): the city
    administrator filters by a district through the kept form, comes back to the unfiltered list, reads
    it in English; the Futian administrator's hand-edited link to Nanshan is refused beside its field, in
    Chinese, with nothing listed and no debug page."""
    from django.core.cache import caches

    from lvxie.core import views

    settings.CACHES = {
        **settings.CACHES,
        "request": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "e2e-filters"},
    }
    caches["request"].clear()
    views._FILTER_FORMS.clear()
    login(page, "city")
    page.wait_for_url(re.compile(r"/$"))
    for _ in range(2):  # drawn, then kept
        page.goto(page.base_url + "/firms/")
        assert page.locator("select[name=region] option").all_inner_texts()[1:] == ["福田区", "南山区"]
    assert views._FILTER_FORMS  # (the second page's form was the kept one)
    page.select_option("select[name=region]", label="南山区")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"region="))
    assert page.locator("table tbody tr").all_inner_texts()[0].startswith("南山律师事务所")
    assert page.locator("table tbody tr").count() == 1
    assert page.locator("select[name=region] option[selected]").inner_text() == "南山区"
    page.screenshot(path=str(tmp_path / "firms-filtered.png"), full_page=True)
    page.click("button[value=en]")
    page.goto(page.base_url + "/firms/")
    assert "Filter" in page.inner_text("form.filters") and "筛选" not in page.inner_text("form.filters")

    page.context.clear_cookies()
    login(page, "futian")
    page.wait_for_url(re.compile(r"/$"))
    response = page.goto(page.base_url + f"/firms/?region={world['regions']['nanshan'].code}")
    assert response.status == 200 and "Traceback" not in page.content()
    assert page.locator("form.filters .errorlist").count() == 1
    assert "南山律师事务所" not in page.inner_text("table")
    page.screenshot(path=str(tmp_path / "firms-refused.png"), full_page=True)
    caches["request"].clear()
    views._FILTER_FORMS.clear()
