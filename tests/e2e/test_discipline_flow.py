"""A disciplinary case in Chromium: a discipline officer opens it on the bar's own motion, writes the
investigation record and sends the notice; the lawyer answers from their account and asks for a hearing;
the officer records the hearing and decides a public censure. Screenshot of the handler's case page:
discipline-case.png (in LVXIE_SCREENSHOTS, else tmp_path)."""

import os
import re
from pathlib import Path

import pytest

from lvxie.accounts.choices import Role
from lvxie.discipline.choices import CaseStatus
from lvxie.discipline.models import DisciplinaryCase
from tests.e2e.conftest import login
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def test_discipline_case_journey(page, world, tmp_path):
    shots = Path(os.environ["LVXIE_SCREENSHOTS"]) if os.environ.get("LVXIE_SCREENSHOTS") else tmp_path
    make_user(Role.DISCIPLINE_OFFICER, region=world["regions"]["futian"], username="officer")
    login(page, "officer")
    page.goto(page.base_url + "/discipline/new/")
    page.fill("#id_lawyer_licence", world["ft_lawyer"].licence_no)
    page.select_option("#id_conduct", "fees")
    page.fill("#id_summary", "代理合同外另行收取费用")
    page.fill(
        "#id_facts",
        "当事人来信反映：律师在代理合同约定之外，以“办案经费”名义另行收取费用两万元，未出具票据。",
    )
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/discipline/\d+/$"))
    page.fill(
        "#id_text", "2026年3月调取代理合同、收费凭证及微信聊天记录，询问当事人及律师本人，查明另行收费属实。"
    )
    page.click("#save-record")
    page.fill("#id_notify_reason", "经查，你在代理期间以“办案经费”名义另行收取费用两万元，未出具票据。")
    page.click("#do-notify")
    page.wait_for_selector("#case-status:has-text('已告知')")
    case = DisciplinaryCase.objects.get()
    page.context.clear_cookies()

    # The lawyer sees the case in their account, answers and asks for a hearing
    login(page, "lawyer")
    page.goto(page.base_url + "/discipline/")
    page.click(f"text={case.number}")
    page.wait_for_selector("#notice-facts")
    assert "调取代理合同" not in page.content()  # the investigation record is not theirs to read
    page.fill("#id_ask_hearing_reason", "该笔费用系当事人同意的差旅费，已部分退还，我申请听证。")
    page.click("#do-ask_hearing")
    page.wait_for_selector("#case-status:has-text('已申请听证')")
    page.context.clear_cookies()

    # The officer records the hearing and decides
    login(page, "officer")
    page.goto(page.base_url + case.get_absolute_url())
    page.fill("#id_hold_hearing_reason", "听证会于协会会议室举行，律师本人到场申辩，听证记录经双方签字确认。")
    page.click("#do-hold_hearing")
    page.wait_for_selector("#case-status:has-text('待审议决定')")
    page.select_option("#id_decide_decision", "censure")
    page.fill(
        "#id_decide_reason",
        "违规收费事实清楚，证据确实充分，依照《律师协会会员违规行为处分规则》给予公开谴责。",
    )
    page.check("#id_decide_public")
    page.click("#do-decide")
    page.wait_for_selector("#case-status:has-text('已决定')")
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.sanction.public
    assert page.locator("#documents li").count() == 2
    page.screenshot(path=str(shots / "discipline-case.png"), full_page=True)

    # The oversight page of the district, with its charts
    page.goto(page.base_url + f"/discipline/oversight/?region={world['regions']['futian'].code}")
    page.wait_for_selector("#stage-chart + script, [data-chart='stage-chart'] canvas")
    assert page.locator("#open").inner_text() == "1"
    page.screenshot(path=str(shots / "discipline-oversight.png"), full_page=True)
