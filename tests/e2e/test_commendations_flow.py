"""A commendation round in a real browser: a panel member votes (a conflicted one is told why), the
city Party committee counts the votes and opens the public notice, a member of the public objects on
the public site, the committee upholds the objection and that nominee is gone from the notice.
Screenshots: LVXIE_SCREENSHOTS=dir keeps commendations-panel-vote.png and commendations-public-notice.png."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lvxie.commendations import services
from lvxie.commendations.choices import NominationStatus
from lvxie.commendations.models import Nomination
from tests.commendations.conftest import cw, nominated, rnd  # noqa: F401 - fixtures
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ["LVXIE_SCREENSHOTS"]) if os.environ.get("LVXIE_SCREENSHOTS") else None


def _shot(page, tmp_path, name):
    page.screenshot(path=str((SHOTS or tmp_path) / f"{name}.png"), full_page=True)


def test_vote_notice_objection_and_a_stopped_award(page, browser, live_server, cw, rnd, nominated, tmp_path):  # noqa: F811
    round_url = f"{page.base_url}/commendations/rounds/{rnd.pk}/"
    # The first panel member votes on the page: for, for, against
    login(page, "panel1")
    page.goto(round_url)
    for key, choice in (("org", "1"), ("a_member", "1"), ("n_member", "0")):
        row = page.locator(f"#nomination-{nominated[key].pk}")
        row.locator("select[name=approve]").select_option(choice)
        row.locator("form.vote button").click()
        page.wait_for_load_state()
    expect(page.locator(f"#nomination-{nominated['org'].pk}")).to_contain_text("您：赞成")
    _shot(page, tmp_path, "commendations-panel-vote")
    for key, approve in (("org", True), ("a_member", True), ("n_member", False)):
        services.vote_cast(actor=cw["panel"][1], nomination=nominated[key], approve=approve)

    # The committee counts the votes and opens the public notice
    page.context.clear_cookies()
    login(page, "party_city")
    page.goto(round_url)
    page.click("#decide")
    page.wait_for_load_state()
    expect(page.locator(f"#nomination-{nominated['n_member'].pk}")).to_contain_text("未通过评审")
    page.fill("#id_days", "5")
    page.click("#notice")
    page.wait_for_load_state()
    expect(page.locator(f"#nomination-{nominated['org'].pk}")).to_contain_text("公示中")

    # The public sees the name, unit and category, and objects to one nominee
    public = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    public.goto(f"{live_server.url}/public/commendations/")
    member = nominated["a_member"].lawyer
    expect(public.locator("table.notice")).to_contain_text(member.name)
    expect(public.locator("table.notice")).not_to_contain_text(nominated["n_member"].lawyer.name)
    _shot(public, tmp_path, "commendations-public-notice")
    public.locator("tr", has_text=member.name).locator("a").click()
    public.fill("#id_text", "该同志本年度曾受到行业投诉，请核实。")
    public.click("button[type=submit]")
    expect(public.locator("#objection-sent")).to_be_visible()

    # The committee upholds it: that award stops, the nominee leaves the public notice
    page.goto(round_url)
    row = page.locator(f"#nomination-{nominated['a_member'].pk}")
    expect(row).to_contain_text("本年度曾受到行业投诉")
    row.locator("select[name=upheld]").select_option("1")
    row.locator("input[name=reason]").fill("经核实投诉属实。")
    row.locator("button", has_text="处理").click()
    page.wait_for_load_state()
    assert Nomination.objects.get(pk=nominated["a_member"].pk).status == NominationStatus.STOPPED
    public.goto(f"{live_server.url}/public/commendations/")
    expect(public.locator("table.notice")).not_to_contain_text(member.name)
    expect(public.locator("table.notice")).to_contain_text("A支部")
    assert re.search(r"/public/commendations/$", public.url)
    public.context.close()
