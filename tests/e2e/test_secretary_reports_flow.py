"""A panel member rates a secretary's report in a real browser: from the menu to the year's overview,
the report's four parts, the four grades picked, saved; the other member's grades stay hidden until both
have rated, then the overview shows the combined score and its rating. Screenshots go to
LVXIE_SCREENSHOTS (docs/screenshots/secretary_reports-*.png)."""

import os
import re
from pathlib import Path

import pytest

from lvxie.calls import services as calls
from tests.e2e.conftest import login
from tests.secretary_reports.conftest import REPORT, accepted, grades, report_of, review, rw  # noqa: F401

pytestmark = pytest.mark.e2e


def test_a_panel_member_rates_a_report(page, rw, accepted, tmp_path):  # noqa: F811
    shots = Path(os.environ["LVXIE_SCREENSHOTS"]) if os.environ.get("LVXIE_SCREENSHOTS") else tmp_path
    a = report_of(accepted, rw["orgs"]["a"])
    calls.score_submit(actor=rw["panel"][1], submission=a, points=grades(practice="fairly_good"))
    login(page, "panel1")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=书记述职评议")
    page.click(f"#reviews >> text={accepted.title}")
    page.wait_for_selector("#year-table")
    page.click("#year-table tr:has-text('A支部') >> text=评议")
    page.wait_for_selector("#save-score")
    assert REPORT["shortcomings"] in page.inner_text("main")
    assert page.is_visible("#scores-hidden")  # panel2's grades: not before panel1 has rated
    for criterion, grade in (("duty", 0), ("organization", 1), ("practice", 0), ("rectification", 0)):
        page.check(f"#id_{criterion}_{grade}")
    page.fill("#id_comment", "特色鲜明，青年律师培养仍需加强。")
    page.screenshot(path=str(shots / "secretary_reports-rating.png"), full_page=True)
    page.click("#save-score")
    page.wait_for_selector("#my-total")
    # 30 + 8×2.5 + 25 + 20 = 95
    assert page.inner_text("#my-total") == "95.00"
    assert not page.is_visible("#scores-hidden")
    page.goto(page.base_url + f"/secretary-reports/{accepted.pk}/")
    row = page.locator("#year-table tr:has-text('A支部')").inner_text()
    # Both rated 95 (each gave one 较好): combined 95.00, rated 好
    assert "95.00\t好" in row
    page.screenshot(path=str(shots / "secretary_reports-overview.png"), full_page=True)
