"""The Futian Party committee's coverage work in a real browser: the dashboard chart, drill-down from the
district to its uncovered firms, one uncovered firm's page; the member list is audited; phone width."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lvxie.audit.models import AuditEvent
from tests.e2e.conftest import login
from tests.party.world import build_party_world

pytestmark = pytest.mark.e2e


@pytest.fixture
def party(world):
    return build_party_world(world)


# Set LVXIE_SHOTS to a directory to keep the screenshots for a look.
SHOTS = Path(os.environ.get("LVXIE_SHOTS", "/tmp"))


def test_coverage_dashboard_drill_down_to_an_uncovered_firm(page, party, tmp_path):
    shots = SHOTS if os.environ.get("LVXIE_SHOTS") else tmp_path
    login(page, "party_city")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=党建")
    page.wait_for_selector("[data-chart=coverage-chart] canvas")
    assert page.inner_text("[data-testid=org-rate] .n") == "75.0%"
    page.screenshot(path=str(shots / "party-coverage.png"), full_page=True)

    # Drill down: the city's table → Futian → its uncovered firms → one firm
    page.click("table.report >> text=福田区")
    page.wait_for_selector("h1:has-text('福田区')")
    assert page.inner_text("[data-testid=work-rate] .n") == f"{round(100 * 4 / 7, 1)}%"
    page.click(".stats >> text=未覆盖")
    page.wait_for_selector("text=己律师事务所")
    assert "甲律师事务所" not in page.content()
    page.screenshot(path=str(shots / "party-uncovered.png"), full_page=True)
    page.click("text=己律师事务所")
    page.wait_for_url(re.compile(rf"/firms/{party['firms']['f'].pk}/$"))

    # The member list of an organization: names shown, the read audited
    page.goto(page.base_url + f"/party/orgs/{party['orgs']['a'].pk}/")
    page.screenshot(path=str(shots / "party-org.png"), full_page=True)
    page.click("text=党员名册")
    page.wait_for_selector(f"text={party['lawyers']['a'][0].name}")
    reads = set(AuditEvent.objects.filter(action="party.members_read").values_list("after__what", flat=True))
    assert reads == {"org_page", "page:active"}
    page.screenshot(path=str(shots / "party-members.png"), full_page=True)


def test_coverage_dashboard_at_phone_width(browser, live_server, audit_purge, party, tmp_path):
    shots = SHOTS if os.environ.get("LVXIE_SHOTS") else tmp_path
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "party_futian")
    page.goto(page.base_url + "/party/")
    page.wait_for_selector(".stats")
    page.screenshot(path=str(shots / "party-coverage-phone.png"), full_page=True)
    # The wide statistics table scrolls inside its box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def test_district_administrator_sees_coverage_that_singles_out_no_member(page, party, tmp_path):
    """Every Futian firm of the world has fewer than 10 lawyers: the district administrator gets the
    region figures and the note, no per-firm state and no organization counts."""
    shots = SHOTS if os.environ.get("LVXIE_SHOTS") else tmp_path
    login(page, "futian")
    page.goto(page.base_url + "/party/")
    page.wait_for_selector("[data-testid=protected-note]")
    assert "党组织" not in page.inner_text(".stats") and page.inner_text("[data-testid=members] .n") == "8"
    page.screenshot(path=str(shots / "party-district-coverage.png"), full_page=True)
    page.click(".stats >> text=未覆盖")
    page.wait_for_selector("[data-testid=protected-note]")
    for firm in ("丁律师事务所", "己律师事务所", "乙律师事务所", "丙律师事务所"):
        assert firm not in page.inner_text("table")
    page.screenshot(path=str(shots / "party-district-firms.png"), full_page=True)


def test_a_secretary_transfers_a_member_and_the_receiving_secretary_accepts(page, party, tmp_path):
    from lvxie.access.models import RoleAssignment
    from lvxie.accounts.choices import Role
    from tests.factories import make_user

    shots = SHOTS if os.environ.get("LVXIE_SHOTS") else tmp_path
    receiving = make_user(None, username="secretary_j")
    RoleAssignment.objects.create(user=receiving, role=Role.ORG_SECRETARY, party_org=party["orgs"]["joint"])
    lawyer = party["lawyers"]["a"][0]
    login(page, "secretary_a")
    page.goto(page.base_url + f"/party/orgs/{party['orgs']['a'].pk}/members/")
    page.click(f"tr:has-text('{lawyer.name}') >> text=转接")
    page.wait_for_selector("[data-testid=choices-to_org]")  # the shared picker
    page.fill("#id_to_org", "联合")
    expect(page.locator("#id_to_org-choices")).not_to_contain_text("福田区律师行业党委")  # narrowed by htmx
    expect(page.locator("#id_to_org-choices")).to_contain_text("J联合支部")
    page.check("input[name=to_org]")
    page.fill("#id_on", "2024-05-01")
    page.screenshot(path=str(shots / "party-transfer-form.png"), full_page=True)
    page.click("button:has-text('申请转接')")
    page.wait_for_selector("text=转接待接收")
    page.screenshot(path=str(shots / "party-transfer-requested.png"), full_page=True)
    page.context.clear_cookies()
    login(page, "secretary_j")
    page.goto(page.base_url + "/party/transfers/")
    page.click("table >> text=#")
    page.wait_for_selector(f"text={lawyer.name}")
    page.click("button:has-text('接收')")
    page.wait_for_selector("[data-testid=transfer-status] >> text=已接收")
    page.screenshot(path=str(shots / "party-transfer-accepted.png"), full_page=True)
    assert lawyer.party_memberships.get(status="active").org == party["orgs"]["joint"]
