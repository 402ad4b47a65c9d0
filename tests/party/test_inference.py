"""Trying to learn who is a Party member from the coverage figures, as the city's and a district's
administrators (roles outside the Party side), over the demo city: through the dashboard and its chart,
the drill-down with every filter, flag and search, the .xlsx and PDF reports and the API. They find
nothing: no small firm's state, no region total from which a small firm's state follows by subtraction,
and no member figure of a group so small, or so uniform, that it names its members."""

import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from lvxie.accounts.models import User
from lvxie.party.choices import CoverageState, MemberStatus
from lvxie.party.coverage import min_lawyers
from lvxie.party.models import FirmCoverage, PartyMembership, PartyOrg
from lvxie.party.selectors import coverage_regions
from tests.api.conftest import API, make_token
from tests.downloads import content_of

pytestmark = pytest.mark.django_db

FLAGS = ("uncovered", "not_organized", "needs_own_org", "members_unorganized")


def _firm_names_in(text: str, firms) -> set[str]:
    return {firm.firm.name for firm in firms if firm.firm.name in text}


def _chart(text: str) -> dict:
    found = re.search(r'<script id="coverage-chart" type="application/json">(.*?)</script>', text, re.S)
    return json.loads(unescape(found.group(1))) if found else {}


class Attacker:
    """Everything one administrator can read about coverage, gathered the way they would."""

    def __init__(self, client, user: User):
        self.client, self.user = client, user
        client.force_login(user)
        self.key, _token = make_token(user)
        self.regions = list(coverage_regions(user).order_by("path"))

    def page(self, name: str, **params) -> str:
        response = self.client.get(reverse(name), params)
        assert response.status_code == 200, (name, params)
        return response.content.decode()

    def api(self, url: str):
        return self.client.get(API + url, HTTP_AUTHORIZATION=f"Bearer {self.key}")

    def listed(self, region, **filters) -> set[str]:
        """Names of the firms the drill-down lists for these filters, over all its pages."""
        firms = FirmCoverage.objects.filter(region_path__startswith=region.path, counted=True)
        firms = list(firms.select_related("firm"))
        names, page = set(), 1
        while True:
            text = self.page("party:firm_coverage_list", region=region.pk, page=page, **filters)
            table = text[text.index("<tbody>") : text.index("</tbody>")]  # not the search box's echo
            names |= _firm_names_in(table, firms)
            if f"page={page + 1}" not in text:
                return names
            page += 1


@pytest.mark.parametrize("username", ["city_admin", "futian_admin"])
def test_coverage_gives_no_member_away_to_administrators_outside_the_party_side(client, demo, username):
    user = User.objects.get(username=username)
    attacker = Attacker(client, user)
    threshold = min_lawyers()
    counted = FirmCoverage.objects.filter(counted=True).select_related("firm")
    small = {row.firm.name: row for row in counted if row.lawyers < threshold}
    # The demo city has what the inference needs: one-lawyer firms, in joint branches, of members.
    one_lawyer_joint = [row for row in small.values() if row.lawyers == 1 and row.state == "joint_branch"]
    assert one_lawyer_joint and all(row.members == 1 for row in one_lawyer_joint)
    seen_states: dict[str, str] = {}  # firm name → state, as the attacker could read it
    for region in attacker.regions:
        # The drill-down, by state and by every flag: no small firm is ever listed.
        listed = {state: attacker.listed(region, state=state) for state in ["", *CoverageState.values]}
        for state, names in listed.items():
            assert not names & small.keys(), (region.name, state, names & small.keys())
            seen_states.update(dict.fromkeys(names, state) if state else {})
        for flag in FLAGS:
            assert not attacker.listed(region, flag=flag) & small.keys(), (region.name, flag)
        body = attacker.api(f"/party/coverage/{region.pk}").json()
        total = body["total"]
        # Differencing: each state's total is exactly the firms listed under it; nothing is left over that
        # would be the small firms' share, and the small firms are one undivided count.
        for state, key in (("own_org", "own_org"), ("joint_branch", "joint_branch"),
                           ("work_only", "work_only"), ("none", "uncovered")):  # fmt: skip
            assert total[key] == len(listed[state]), (region.name, state)
        assert total["small_firms"] == total["firms"] - len(listed[""])
        for row in [total, *body["children"]]:
            assert row["protected"] and row["orgs"] == {}
            assert row["own_org"] + row["joint_branch"] + row["work_only"] + row["uncovered"] == (
                row["firms"] - row["small_firms"]
            )
            # A member figure only for a group that names no one; a total only of shown regions.
            if row["members"] is not None:
                assert row["lawyers"] >= threshold and 0 < row["members"] < row["lawyers"], row
        shown = [c["members"] for c in body["children"] if c["members"] is not None]
        if body["children"]:
            assert (body["total"]["members"] or 0) == sum(shown), region.name
        # The dashboard, its chart and the exports show the same protected figures and no firm.
        text = attacker.page("party:coverage", region=region.pk)
        assert not _firm_names_in(text, small.values()) and 'data-testid="protected-note"' in text
        chart = _chart(text)
        for series in chart.get("series", []):
            if series["type"] == "bar":
                assert len(series["data"]) == len(body["children"])
        if chart:
            stacked = [sum(s["data"][i] for s in chart["series"] if s["type"] == "bar")
                       for i in range(len(body["children"]))]  # fmt: skip
            assert stacked == [c["firms"] for c in body["children"]]
        response = attacker.client.get(reverse("party:coverage_export", args=["xlsx"]), {"region": region.pk})
        book = load_workbook(io.BytesIO(content_of(response)))
        sheet = [list(r) for r in book.active.iter_rows(values_only=True)]
        rows = [*body["children"], total]
        assert [r[1] for r in sheet[1:]] == [row["firms"] for row in rows]
        assert [r[-1] for r in sheet[1:]] == [row["small_firms"] for row in rows]
    # Searching a small firm by name, alone or with the state it really has: nothing.
    region = attacker.regions[0]
    for name, row in list(small.items())[:25]:
        assert not attacker.listed(region, q=name)
        assert not attacker.listed(region, q=name, state=row.state)
    # Whatever state the attacker read, it was of a firm too large for it to name a member.
    assert seen_states and all(name not in small for name in seen_states)
    response = attacker.client.get(reverse("party:coverage_export", args=["pdf"]), {"region": region.pk})
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content_of(response))).pages)
    assert not _firm_names_in(pdf, small.values())
    # The organization and member pages and endpoints do not exist for them.
    org = PartyOrg.objects.filter(memberships__status=MemberStatus.ACTIVE).first()
    assert attacker.api("/party/orgs").json()["count"] == 0
    assert attacker.api(f"/party/orgs/{org.pk}/members").status_code == 404
    assert attacker.client.get(reverse("party:member_list", args=[org.pk])).status_code == 404
    assert PartyMembership.objects.filter(org=org).exists()


def test_party_committee_staff_keep_the_full_view(client, demo):
    """The same pages for the city's Party committee staff: every firm, organizations by kind, members."""
    attacker = Attacker(client, User.objects.get(username="party_city"))
    region = attacker.regions[0]
    small = FirmCoverage.objects.filter(counted=True, lawyers__lt=min_lawyers()).select_related("firm")
    assert attacker.listed(region, state="joint_branch") >= {
        row.firm.name for row in small if row.state == "joint_branch"
    }
    body = attacker.api(f"/party/coverage/{region.pk}").json()
    assert not body["total"]["protected"] and body["total"]["small_firms"] == 0
    assert (
        body["total"]["members"]
        == PartyMembership.objects.filter(
            status=MemberStatus.ACTIVE, lawyer__firm__coverage__counted=True, lawyer__status="practising"
        ).count()
    )
    assert body["total"]["orgs"]
