"""A complaint from first letter to closing, in Chromium: a member of the public finds the lawyer
through the look-up, fills in the form (asking for confidentiality), answers the CAPTCHA and gets a
tracking number and code; the discipline officer accepts it and handles it simply; the complainant
follows it on the tracking page; the lawyer sees it in their account without the complainant's name.
With LVXIE_SCREENSHOTS=dir, the form, the receipt, the handler's page and the tracking page are saved
there as complaints-*.png."""

import os
from pathlib import Path

import pytest

from lvxie.accounts.choices import Role
from lvxie.complaints import captcha
from lvxie.complaints.models import Complaint
from tests.e2e.conftest import login
from tests.factories import make_user

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("LVXIE_SCREENSHOTS") or "/tmp")
NAME = "投诉人王某"


def test_a_complaint_from_the_form_to_the_tracking_page(page, world):
    officer = make_user(Role.DISCIPLINE_OFFICER, region=world["regions"]["futian"], username="officer")
    lawyer = world["ft_lawyer"]
    page.goto(page.base_url + "/public/complaints/")
    page.fill("#q", lawyer.name)
    page.click("form.search button[type=submit]")
    page.check(f'input[name=lawyer][value="{lawyer.pk}"]')
    page.select_option("#id_conduct", "fees")
    page.fill(
        "#id_facts",
        "2026年3月委托该律师代理一起借款纠纷，约定代理费一万元。律师收费后两次开庭均未出庭，也不接电话。",
    )
    page.fill("#id_request", "退还代理费，依规处理。")
    page.fill("#id_complainant_name", NAME)
    page.fill("#id_complainant_phone", "13900002222")
    page.check("#id_confidential")
    token = page.locator('input[name="captcha_token"]').get_attribute("value")
    page.fill("#id_captcha_answer", captcha.answer(token))
    page.screenshot(path=str(SHOTS / "complaints-form.png"), full_page=True)
    page.click("#complaint-form button[type=submit]")
    number = page.locator("#tracking-number").inner_text()
    code = page.locator("#tracking-code").inner_text()
    page.screenshot(path=str(SHOTS / "complaints-receipt.png"), full_page=True)
    complaint = Complaint.objects.get(number=number)
    assert complaint.confidential and complaint.lawyer == lawyer

    login(page, officer.username)
    page.goto(page.base_url + f"/complaints/{complaint.pk}/")
    page.click('button[value="accept"]')
    page.check('input[name="criteria"][value="facts_clear"]')
    page.check('input[name="criteria"][value="fee_dispute"]')
    form = page.locator('form[action$="/step/triage_simple/"]')
    form.locator('select[name="track"]').select_option("mediation")
    form.locator('textarea[name="reason"]').fill("收费争议，事实清楚，双方同意调解。")
    form.locator("button").click()
    assert page.locator("h1 .badge").inner_text() == "办理中（简易程序）"
    page.screenshot(path=str(SHOTS / "complaints-handler.png"), full_page=True)

    page.context.clear_cookies()
    page.goto(page.base_url + "/public/complaints/track/")
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    page.click("button[type=submit]")
    status = page.locator("#complaint-status").inner_text()
    assert "办理中（简易程序）" in status and "调解" in status and NAME not in status
    page.screenshot(path=str(SHOTS / "complaints-tracking.png"), full_page=True)
    page.fill("#id_number", number)
    page.fill("#id_code", "AAAA-BBBB-CCCC")
    page.click("button[type=submit]")
    # (the error waits for the new page; only then is the old status known to be gone)
    assert "没有与该编号和查询码相符的投诉" in page.locator("#track-error").inner_text()
    assert page.locator("#complaint-status").count() == 0

    login(page, world["users"]["lawyer"].username)
    page.goto(page.base_url + "/complaints/")
    assert number in page.content() and NAME not in page.content() and "（保密）" in page.content()
