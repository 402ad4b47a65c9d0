"""Every Party page as anonymous, in-scope, out-of-scope and non-Party users. Organization and member
pages exist only for the Party side (404 for everyone else, firm administrators and lawyers included);
coverage figures are also shown to region administrators, without member figures per firm."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.party.choices import MemberStatus
from lvxie.party.models import PartyMembership
from tests.factories import LawyerFactory
from tests.party.world import member

pytestmark = pytest.mark.django_db


MATRIX_URLS = [
    "party:org_detail",
    "party:member_list",
    "party:member_add",
    "party:pairing_create",
    "party:venue",
    "party:member_transfer",
    "party:member_end",
    "party:org_update",
    "party:org_merge",
    "party:org_dissolve",
    "party:instructor_end",
    "party:org_list",
    "party:instructor_list",
    "party:org_create",
    "party:firm_move",
    "party:instructor_create",
    "party:coverage",
    "party:firm_coverage_list",
    "party:coverage_export",
    "party:member_confirm",
]


def _objects(party):
    member = PartyMembership.objects.filter(org=party["orgs"]["a"], status=MemberStatus.ACTIVE).first()
    return {"org": party["orgs"]["a"], "member": member, "instructor": party["firms"]["e"].instructors.get()}


# (url name, object key). Futian's Party staff and A's secretary are in scope; Nanshan's staff are not.
ORG_PAGES = [
    ("party:org_detail", "org"),
    ("party:member_list", "org"),
    ("party:member_add", "org"),
    ("party:pairing_create", "org"),
    ("party:venue", "org"),
    ("party:member_transfer", "member"),
    ("party:member_end", "member"),
]
MANAGE_PAGES = [
    ("party:org_update", "org"),
    ("party:org_merge", "org"),
    ("party:org_dissolve", "org"),
    ("party:instructor_end", "instructor"),
]
LIST_PAGES = ["party:org_list", "party:instructor_list"]


@pytest.mark.parametrize(("name", "key"), ORG_PAGES + MANAGE_PAGES)
def test_org_pages_anonymous_in_scope_out_of_scope_and_non_party(client, party, name, key):
    url = reverse(name, args=[_objects(party)[key].pk])
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    users = party["users"]
    client.force_login(users["party_futian"])
    assert client.get(url).status_code == 200
    for outsider in ("party_nanshan", "city", "futian", "firm", "lawyer", "auditor", "sysadmin", "nobody"):
        client.force_login(users[outsider])
        assert client.get(url).status_code == 404, outsider


@pytest.mark.parametrize(("name", "key"), ORG_PAGES)
def test_the_secretary_keeps_their_own_organization(client, party, name, key):
    client.force_login(party["users"]["secretary_a"])
    assert client.get(reverse(name, args=[_objects(party)[key].pk])).status_code == 200
    joint = party["orgs"]["joint"]
    assert client.get(reverse("party:org_detail", args=[joint.pk])).status_code == 404


@pytest.mark.parametrize(("name", "key"), MANAGE_PAGES[:3])  # the committee's instructors: not even visible
def test_the_secretary_may_not_restructure_organizations(client, party, name, key):
    client.force_login(party["users"]["secretary_a"])
    assert client.get(reverse(name, args=[_objects(party)[key].pk])).status_code == 403


@pytest.mark.parametrize(
    "name", [*LIST_PAGES, "party:org_create", "party:firm_move", "party:instructor_create"]
)
def test_list_and_create_pages_only_for_the_party_side(client, party, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(party["users"]["party_futian"])
    assert client.get(url).status_code == 200
    for outsider in ("city", "futian", "firm", "lawyer", "nobody"):
        client.force_login(party["users"][outsider])
        assert client.get(url).status_code == 404, outsider


def test_org_list_shows_only_the_party_scope(client, party):
    client.force_login(party["users"]["party_nanshan"])
    text = client.get(reverse("party:org_list")).content.decode()
    assert "N支部" in text and "A支部" not in text and "J联合支部" not in text


def test_reading_a_member_list_is_audited_and_shows_names(client, party):
    client.force_login(party["users"]["party_futian"])
    lawyer = party["lawyers"]["a"][0]
    response = client.get(reverse("party:member_list", args=[party["orgs"]["a"].pk]))
    assert lawyer.name in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.filter(action="party.members_read").latest("id")
    assert event.actor_id == party["users"]["party_futian"].pk
    assert event.object_id == str(party["orgs"]["a"].pk)
    xlsx = client.get(reverse("party:member_list", args=[party["orgs"]["a"].pk]) + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEvent.objects.filter(action="party.members_read", after__what="xlsx").exists()


def test_member_add_through_the_page_then_transfer_and_end(client, party):
    client.force_login(party["users"]["secretary_a"])
    org = party["orgs"]["a"]
    lawyer = party["lawyers"]["a"][4]
    data = {
        "lawyer": lawyer.licence_no,
        "kind": "full",
        "joined_party_on": "2015-07-01",
        "joined_on": "2021-01-01",
    }
    response = client.post(reverse("party:member_add", args=[org.pk]), data)
    assert response.status_code == 302
    member = lawyer.party_memberships.get()
    again = client.post(reverse("party:member_add", args=[org.pk]), data)
    assert again.status_code == 400  # already a member: the form shows why and nothing changes
    # The secretary cannot move the member into an organization they do not keep.
    client.force_login(party["users"]["party_futian"])
    response = client.post(
        reverse("party:member_transfer", args=[member.pk]),
        {"to_org": party["orgs"]["joint"].pk, "on": "2024-01-01"},
    )
    assert response.status_code == 302
    moved = lawyer.party_memberships.get(status="active")
    assert moved.org == party["orgs"]["joint"] and moved.transferred_from_id == member.pk
    response = client.post(
        reverse("party:member_end", args=[moved.pk]), {"status": "left", "on": "2024-02-01"}
    )
    assert response.status_code == 302
    assert not lawyer.party_memberships.filter(status="active").exists()


def test_member_of_another_region_cannot_be_added(client, party):
    client.force_login(party["users"]["party_futian"])
    outsider = party["lawyers"]["n"][1]
    response = client.post(
        reverse("party:member_add", args=[party["orgs"]["a"].pk]),
        {
            "lawyer": outsider.licence_no,
            "kind": "full",
            "joined_party_on": "2015-07-01",
            "joined_on": "2021-01-01",
        },
    )
    assert response.status_code == 400 and not outsider.party_memberships.exists()


def test_create_merge_dissolve_and_move_through_pages(client, party):
    client.force_login(party["users"]["party_futian"])
    f = party["firms"]["f"]
    response = client.post(
        reverse("party:org_create"),
        {
            "name": "F联合支部",
            "kind": "joint_branch",
            "region": party["regions"]["futian"].pk,
            "parent": party["orgs"]["futian"].pk,
            "firm_codes": f.credit_code,
            "founded_on": "2024-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = f.org_links.get().org
    c = party["firms"]["c"]
    response = client.post(
        reverse("party:firm_move"), {"firm": c.credit_code, "to_org": new.pk, "on": "2024-02-01"}
    )
    assert response.status_code == 302 and c.coverage.org_id == new.pk
    response = client.post(
        reverse("party:org_merge", args=[new.pk]), {"into": party["orgs"]["joint"].pk, "on": "2024-03-01"}
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.status == "merged"
    response = client.post(
        reverse("party:org_dissolve", args=[party["orgs"]["joint"].pk]), {"on": "2024-04-01"}
    )
    assert response.status_code == 400  # it still has a member
    # Out of scope: Nanshan's staff cannot dissolve a Futian organization, or move a Futian firm.
    client.force_login(party["users"]["party_nanshan"])
    assert client.post(reverse("party:org_dissolve", args=[new.pk]), {"on": "2024-04-01"}).status_code == 404
    response = client.post(
        reverse("party:firm_move"), {"firm": c.credit_code, "to_org": "", "on": "2024-02-01"}
    )
    assert response.status_code == 400


def test_coverage_dashboard_for_party_and_region_administrators(client, party):
    url = reverse("party:coverage")
    assert client.get(url).status_code == 302
    users = party["users"]
    client.force_login(users["party_city"])
    text = client.get(url).content.decode()
    assert "深圳市" in text and 'data-chart="coverage-chart"' in text
    client.force_login(users["futian"])  # region administrator: aggregate figures
    response = client.get(url)
    assert response.status_code == 200 and "福田区" in response.content.decode()
    city = party["regions"]["city"]
    assert client.get(url, {"region": city.pk}).status_code == 404  # above the district: out of scope
    for outsider in ("firm", "lawyer", "auditor", "nobody", "secretary_a"):
        client.force_login(users[outsider])
        assert client.get(url).status_code == 404, outsider


def test_drill_down_shows_member_figures_only_to_the_party_side(client, party, settings):
    # Firms of 3 lawyers count as large enough here, so the region administrator sees 丁 and 甲 (the small
    # firms' side is in test_inference.py).
    settings.LVXIE_COVERAGE_MIN_LAWYERS = 3
    futian = party["regions"]["futian"]
    url = reverse("party:firm_coverage_list") + f"?region={futian.pk}&flag=uncovered"
    client.force_login(party["users"]["party_futian"])
    text = client.get(url).content.decode()
    assert "丁律师事务所" in text and "己律师事务所" in text and "甲律师事务所" not in text
    flagged = client.get(
        reverse("party:firm_coverage_list") + f"?region={futian.pk}&flag=needs_own_org"
    ).content.decode()
    assert "丁律师事务所" in flagged and "乙律师事务所" not in flagged
    client.force_login(party["users"]["futian"])
    text = client.get(url).content.decode()
    assert "丁律师事务所" in text and "Full members" not in text and "正式党员" not in text
    # A member-based flag is ignored for a region administrator (it would reveal members of small firms).
    flagged = client.get(
        reverse("party:firm_coverage_list") + f"?region={futian.pk}&flag=needs_own_org"
    ).content.decode()
    assert "甲律师事务所" in flagged
    client.force_login(party["users"]["nanshan"])
    assert client.get(url).status_code == 404


def test_registry_pages_show_no_membership(client, party):
    """A member lawyer's and a firm's registry pages, to everyone who may open them, say nothing of it."""
    lawyer, firm = party["lawyers"]["a"][0], party["firms"]["a"]
    for who in ("city", "futian", "party_futian"):
        client.force_login(party["users"][who])
        for url in (
            lawyer.get_absolute_url(),
            firm.get_absolute_url(),
            reverse("registry:lawyer_list") + "?q=" + lawyer.name,
        ):
            # The page's own content: the menu names capabilities (组织生活, 发展党员), never a membership.
            text = client.get(url).content.decode().split("<main>", 1)[1]
            assert "A支部" not in text and "党员" not in text and "Party member" not in text, (who, url)


LIST_QUERY_PAGES = [
    "party:org_list",
    "party:firm_coverage_list",
    "party:instructor_list",
    "party:coverage",
    "party:member_list",
]


@pytest.mark.parametrize("name", LIST_QUERY_PAGES)
def test_list_page_queries_do_not_grow_with_rows(client, party, name):
    from lvxie.party import services
    from lvxie.party.choices import OrgKind

    client.force_login(party["users"]["party_city"])
    if name == "party:member_list":
        url = reverse(name, args=[party["orgs"]["a"].pk])
    else:
        url = reverse(name) + (f"?region={party['regions']['city'].pk}" if "coverage" in name else "")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    futian = party["regions"]["futian"]
    for i in range(3):
        lawyer = LawyerFactory(firm=party["firms"]["a"])
        services.membership_add(
            actor=None,
            org=party["orgs"]["a"],
            lawyer=lawyer,
            kind="full",
            joined_party_on=date(2010, 1, 1),
            joined_on=date(2020, 1, 1),
        )
        org = services.org_create(
            actor=None,
            name=f"临时{i}",
            kind=OrgKind.TEMPORARY_BRANCH,
            region=futian,
            parent=party["orgs"]["futian"],
            founded_on=party["orgs"]["a"].founded_on,
        )
        services.instructor_assign(
            actor=None,
            org=party["orgs"]["futian"],
            firm=lawyer.firm,
            name=f"指导员{i}",
            started_on=org.founded_on,
        )
    assert count() == before


def test_edit_pairing_venue_confirm_and_instructor_through_pages(client, party):
    orgs, firms, users = party["orgs"], party["firms"], party["users"]
    secretary_lawyer = party["lawyers"]["a"][0]
    client.force_login(users["party_futian"])
    response = client.post(
        reverse("party:org_update", args=[orgs["a"].pk]),
        {"name": "A党支部", "founded_on": "2020-01-01", "secretary": secretary_lawyer.licence_no},
    )
    assert response.status_code == 302
    orgs["a"].refresh_from_db()
    assert orgs["a"].name == "A党支部" and orgs["a"].secretary == secretary_lawyer
    response = client.post(
        reverse("party:instructor_create"),
        {
            "org": orgs["futian"].pk,
            "firm": firms["f"].credit_code,
            "name": "指导员乙",
            "started_on": "2024-01-01",
        },
    )
    assert response.status_code == 302 and firms["f"].coverage.state == "work_only"
    instructor = firms["f"].instructors.get()
    assert (
        client.post(reverse("party:instructor_end", args=[instructor.pk]), {"on": "2024-06-01"}).status_code
        == 302
    )
    firms["f"].coverage.refresh_from_db()
    assert firms["f"].coverage.state == "none"

    client.force_login(users["secretary_a"])
    response = client.post(
        reverse("party:pairing_create", args=[orgs["a"].pk]),
        {
            "kind": "branch_village",
            "village_name": "南岭村党委",
            "started_on": "2024-03-01",
            "activities": "普法讲座",
        },
    )
    assert response.status_code == 302 and orgs["a"].pairings.get().village_name == "南岭村党委"
    response = client.post(
        reverse("party:venue", args=[orgs["a"].pk]),
        {"items": ["room", "flag", "sign"], "checked_on": "2024-03-01"},
    )
    assert response.status_code == 302 and sorted(orgs["a"].venue.items) == ["flag", "room", "sign"]
    probationary = party["lawyers"]["a"][3].party_memberships.get()
    assert client.post(reverse("party:member_confirm", args=[probationary.pk])).status_code == 302
    probationary.refresh_from_db()
    assert probationary.kind == "full"
    detail = client.get(reverse("party:org_detail", args=[orgs["a"].pk])).content.decode()
    assert "南岭村党委" in detail and secretary_lawyer.name in detail
    assert AuditEvent.objects.filter(action="party.members_read", after__what="org_page").exists()
    # Nanshan's staff cannot confirm a Futian member: it does not exist for them.
    client.force_login(users["party_nanshan"])
    assert client.post(reverse("party:member_confirm", args=[probationary.pk])).status_code == 404


def test_org_list_indents_the_tree(client, party):
    client.force_login(party["users"]["party_city"])
    text = client.get(reverse("party:org_list")).content.decode()
    city, branch = party["orgs"]["city"].pk, party["orgs"]["a"].pk
    assert f'class="depth-0"><a href="/party/orgs/{city}/">' in text
    assert f'class="depth-2"><a href="/party/orgs/{branch}/">' in text


def test_drill_down_exports_and_confirm_send_anonymous_users_to_log_in(client, party):
    futian = party["regions"]["futian"]
    member = PartyMembership.objects.filter(status=MemberStatus.ACTIVE).first()
    for response in (
        client.get(reverse("party:firm_coverage_list"), {"region": futian.pk}),
        client.get(reverse("party:coverage_export", args=["xlsx"]), {"region": futian.pk}),
        client.post(reverse("party:member_confirm", args=[member.pk])),
    ):
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_member_roster_is_paged_with_numbered_pages_and_the_total(client, party):
    # Given a branch of 55 more members than the world's (the roster shows 50 a page)
    org = party["orgs"]["a"]
    firm = party["lawyers"]["a"][0].firm
    for _n in range(55):
        member(org, LawyerFactory(firm=firm))
    total = PartyMembership.objects.filter(org=org, status=MemberStatus.ACTIVE).count()
    client.force_login(party["users"]["party_futian"])
    # When the roster is read, page 1 has 50 rows and a pager with the total and page 2
    first = client.get(reverse("party:member_list", args=[org.pk])).content.decode()
    assert len(re.findall(r"<tr>\s*<td>", first)) == 50
    pager = re.search(r'<nav class="pager".*?</nav>', first, re.S).group(0)
    assert str(total) in pager and "status=active&page=2" in pager
    # And page 2 holds the rest
    second = client.get(
        reverse("party:member_list", args=[org.pk]) + "?status=active&page=2"
    ).content.decode()
    assert len(re.findall(r"<tr>\s*<td>", second)) == total - 50
