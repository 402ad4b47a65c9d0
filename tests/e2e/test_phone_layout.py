"""Pages on a phone (375×812), in Chinese and English, for a lawyer, a Party organization secretary, a
district administrator, the Party committee and the auditor: no page is wider than the screen (wide
tables scroll inside their card), and the header collapses to whole words on a few rows.
Screenshots go to /tmp/ui-<user>-<language>-<n>.png (or LVXIE_SHOTS) for a look."""

import os
import re
from pathlib import Path

import pytest

from lvxie.audit.services import audit_record
from tests.e2e.conftest import login
from tests.party.world import build_party_world

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("LVXIE_SHOTS", "/tmp"))
WIDTH, HEIGHT = 375, 812
# Each header item on one line (a link or button broken over two lines is taller than this).
ONE_LINE = 36


def _pages(party) -> dict[str, list[str]]:
    org, firm = party["orgs"]["a"], party["firms"]["a"]
    return {
        "lawyer": ["/", "/notifications/", "/public/offices/"],
        "secretary_a": ["/", f"/party/orgs/{org.pk}/", f"/party/orgs/{org.pk}/members/", "/notices/inbox/"],
        "futian": [
            "/",
            "/party/",
            "/party/firms/",
            "/lawyers/",
            f"/firms/{firm.pk}/",
            f"/regions/{firm.region_id}/",
            "/notices/",
            "/ledgers/",
            "/data/imports/",
        ],
        "party_city": ["/party/", "/party/orgs/"],
        "auditor": ["/audit/"],
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("username", ["lawyer", "secretary_a", "futian", "party_city", "auditor"])
def test_no_page_is_wider_than_a_phone(browser, live_server, audit_purge, world, username, language):
    party = build_party_world(world)
    # A long before/after for the auditor's page: it must wrap or scroll inside the table's card
    audit_record(
        actor=world["users"]["futian"],
        action="lawyer.update",
        obj=world["ft_lawyer"],
        before={"address": "深圳市福田区福华一路" * 4},
        after={"address": "深圳市福田区深南大道" * 4},
    )
    context = browser.new_context(locale="zh-CN", viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, username)
    page.wait_for_url(re.compile(r"/$"))
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for n, path in enumerate(_pages(party)[username]):
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        page.screenshot(path=str(SHOTS / f"ui-{username}-{language}-{n}.png"), full_page=True)
        # Then nothing runs off the right edge: the document is no wider than the phone
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth") and width <= WIDTH, (path, width)
        # And the header keeps each item whole, on a few rows, within the screen
        header = page.locator("header.topbar").bounding_box()
        assert header["width"] <= WIDTH and header["height"] <= HEIGHT / 4, (path, header)
        for item in page.locator("header .tools > a, header .tools button, header .brand").all():
            box = item.bounding_box()
            shown = (path, item.inner_text(), box)
            assert box["height"] <= ONE_LINE and box["x"] + box["width"] <= WIDTH, shown
    context.close()
