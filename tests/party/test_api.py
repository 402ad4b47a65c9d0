"""The Party API as anonymous, in-scope, out-of-scope and non-Party callers: organizations and members
for the Party side only (member reads audited), coverage figures also for region administrators."""

import pytest

from lvxie.audit.models import AuditEvent
from tests.api.conftest import API, make_token

pytestmark = pytest.mark.django_db


MATRIX_URLS = ["api:org_list", "api:org_detail", "api:member_list", "api:coverage"]


def _get(client, user, url):
    key, _ = make_token(user)
    return client.get(API + url, HTTP_AUTHORIZATION=f"Bearer {key}")


def test_anonymous_gets_401_everywhere(client, party):
    org, city = party["orgs"]["a"], party["regions"]["city"]
    for url in (
        "/party/orgs",
        f"/party/orgs/{org.pk}",
        f"/party/orgs/{org.pk}/members",
        f"/party/coverage/{city.pk}",
    ):
        assert client.get(API + url).status_code == 401


def test_org_list_and_detail_follow_the_party_scope(client, party):
    users, org = party["users"], party["orgs"]["a"]
    body = _get(client, users["party_futian"], "/party/orgs").json()
    assert {item["name"] for item in body["items"]} == {"福田区律师行业党委", "A支部", "J联合支部"}
    assert _get(client, users["party_futian"], f"/party/orgs/{org.pk}").json()["firm_ids"] == [
        party["firms"]["a"].pk
    ]
    assert _get(client, users["party_nanshan"], f"/party/orgs/{org.pk}").status_code == 404
    for outsider in ("city", "futian", "firm", "lawyer"):
        assert _get(client, users[outsider], "/party/orgs").json()["count"] == 0
        assert _get(client, users[outsider], f"/party/orgs/{org.pk}").status_code == 404


def test_members_only_to_the_party_side_and_every_read_audited(client, party):
    users, org = party["users"], party["orgs"]["a"]
    response = _get(client, users["secretary_a"], f"/party/orgs/{org.pk}/members")
    assert response.status_code == 200
    assert {m["lawyer_id"] for m in response.json()} == {lawyer.pk for lawyer in party["lawyers"]["a"][:4]}
    event = AuditEvent.objects.filter(action="party.members_read").latest("id")
    assert event.actor_id == users["secretary_a"].pk and event.after == {"what": "api:active"}
    for outsider in ("party_nanshan", "city", "futian", "firm", "lawyer", "auditor"):
        assert _get(client, users[outsider], f"/party/orgs/{org.pk}/members").status_code == 404, outsider


def test_coverage_figures_per_region(client, party):
    users, regions = party["users"], party["regions"]
    body = _get(client, users["party_city"], f"/party/coverage/{regions['city'].pk}").json()
    assert body["total"]["firms"] == 9 and body["total"]["members"] == 9
    assert body["total"]["org_coverage_rate"] == 75.0
    assert [c["region"]["name"] for c in body["children"]] == ["福田区", "南山区"]
    assert (
        _get(client, users["futian"], f"/party/coverage/{regions['futian'].pk}").json()["total"]["firms"] == 7
    )
    assert _get(client, users["futian"], f"/party/coverage/{regions['nanshan'].pk}").status_code == 404
    assert _get(client, users["firm"], f"/party/coverage/{regions['futian'].pk}").status_code == 404


def test_registry_lawyer_api_shows_no_membership(client, party):
    lawyer = party["lawyers"]["a"][0]
    for who in ("city", "party_futian", "firm"):
        body = _get(client, party["users"][who], f"/lawyers/{lawyer.pk}").json()
        assert not any("party" in key or "member" in key for key in body), who
