"""The Party API's writes, as anonymous, in-scope, out-of-scope and non-Party callers: founding and
dissolving an organization, assigning an instructor, transferring a member and deciding the transfer,
with the services and checks of the pages (out of scope and outside the Party side: 404; visible but not
theirs to change: 403; decided already: 409), and every error response in the schema."""

from datetime import date

import pytest

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.party.choices import CoverageState, MemberStatus, OrgStatus, TransferStatus
from lvxie.party.models import FirmCoverage, MemberTransfer, PartyOrg
from tests.api.conftest import API, make_token
from tests.factories import make_user
from tests.party.conftest import party  # noqa: F401 (the Party world, shared with tests/party)

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "api:org_create",
    "api:org_dissolve",
    "api:instructor_assign",
    "api:member_transfer",
    "api:transfer_detail",
    "api:transfer_decide",
]
NON_PARTY = ("city", "futian", "firm", "lawyer", "auditor", "nobody")


def _call(client, user, method, url, payload=None):
    headers = {}
    if user is not None:
        key, _token = make_token(user)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    if method == "get":
        return client.get(API + url, **headers)
    return client.post(API + url, payload or {}, content_type="application/json", **headers)


@pytest.fixture
def p(party):  # noqa: F811
    secretary_j = make_user(None, username="secretary_j")
    RoleAssignment.objects.create(user=secretary_j, role=Role.ORG_SECRETARY, party_org=party["orgs"]["joint"])
    party["users"]["secretary_j"] = secretary_j
    party["member"] = party["lawyers"]["a"][0].party_memberships.get(status=MemberStatus.ACTIVE)
    return party


def _org_payload(p, **changes):
    return {
        "name": "己律师事务所支部",
        "kind": "independent_branch",
        "region_id": p["regions"]["futian"].pk,
        "parent_id": p["orgs"]["futian"].pk,
        "firm_ids": [p["firms"]["f"].pk],
        "founded_on": "2024-03-01",
        **changes,
    }


def test_anonymous_callers_get_401_on_every_write(client, p):
    writes = [
        "/party/orgs",
        f"/party/orgs/{p['orgs']['a'].pk}/dissolve",
        "/party/instructors",
        f"/party/members/{p['member'].pk}/transfer",
    ]
    for url in writes:
        assert _call(client, None, "post", url, {}).status_code == 401, url


def test_committee_staff_found_and_dissolve_an_organization(client, p):
    users = p["users"]
    response = _call(client, users["party_futian"], "post", "/party/orgs", _org_payload(p))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["firm_ids"] == [p["firms"]["f"].pk] and body["kind"] == "independent_branch"
    assert FirmCoverage.objects.get(firm=p["firms"]["f"]).state == CoverageState.OWN_ORG
    assert AuditEvent.objects.filter(action="party.org_create", object_id=str(body["id"])).exists()
    # Bad input: a field error, and nothing is founded.
    before = PartyOrg.objects.count()
    taken = _call(client, users["party_futian"], "post", "/party/orgs", _org_payload(p, name="X"))
    assert taken.status_code == 422 and taken.json()["detail"][0]["code"] == "firm_taken"
    outside = _org_payload(p, region_id=p["regions"]["nanshan"].pk, parent_id=p["orgs"]["nanshan"].pk)
    refused = _call(client, users["party_futian"], "post", "/party/orgs", outside)
    assert refused.status_code == 422 and {e["field"] for e in refused.json()["detail"]} == {"region_id"}
    assert PartyOrg.objects.count() == before
    # A secretary sees the Party side but founds nothing (403, as the page); others find no such thing.
    assert _call(client, users["secretary_a"], "post", "/party/orgs", _org_payload(p)).status_code == 403
    for outsider in NON_PARTY:
        assert _call(client, users[outsider], "post", "/party/orgs", _org_payload(p)).status_code == 404
    url = f"/party/orgs/{body['id']}/dissolve"
    for outsider in ("party_nanshan", *NON_PARTY):
        assert _call(client, users[outsider], "post", url, {"on": "2024-06-01"}).status_code == 404, outsider
    assert _call(client, users["secretary_a"], "post", f"/party/orgs/{p['orgs']['a'].pk}/dissolve",
                 {"on": "2024-06-01"}).status_code == 403  # fmt: skip
    dissolved = _call(client, users["party_futian"], "post", url, {"on": "2024-06-01"})
    assert dissolved.status_code == 200 and dissolved.json()["status"] == OrgStatus.DISSOLVED
    busy = _call(
        client,
        users["party_futian"],
        "post",
        f"/party/orgs/{p['orgs']['a'].pk}/dissolve",
        {"on": "2024-06-01"},
    )
    assert busy.status_code == 422 and busy.json()["detail"][0]["code"] == "has_members"


def test_committee_staff_assign_an_instructor(client, p):
    users, f = p["users"], p["firms"]["f"]
    payload = {
        "org_id": p["orgs"]["futian"].pk,
        "firm_id": f.pk,
        "name": "指导员乙",
        "started_on": "2024-01-01",
    }
    response = _call(client, users["party_futian"], "post", "/party/instructors", payload)
    assert response.status_code == 201 and response.json()["firm_id"] == f.pk
    f.coverage.refresh_from_db()
    assert f.coverage.state == CoverageState.WORK_ONLY
    # Nanshan's staff: Futian's committee and firm are not theirs to name.
    refused = _call(client, users["party_nanshan"], "post", "/party/instructors", payload)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "org_id"
    assert _call(client, users["secretary_a"], "post", "/party/instructors", payload).status_code == 403
    for outsider in NON_PARTY:
        assert _call(client, users[outsider], "post", "/party/instructors", payload).status_code == 404


def test_a_transfer_asked_for_and_accepted_through_the_api(client, p):
    users, member, joint = p["users"], p["member"], p["orgs"]["joint"]
    url = f"/party/members/{member.pk}/transfer"
    for outsider in ("party_nanshan", *NON_PARTY):
        assert (
            _call(
                client, users[outsider], "post", url, {"to_org_id": joint.pk, "on": "2024-05-01"}
            ).status_code
            == 404
        )
    elsewhere = _call(
        client, users["secretary_a"], "post", url, {"to_org_id": p["orgs"]["n"].pk, "on": "2024-05-01"}
    )
    assert elsewhere.status_code == 422 and elsewhere.json()["detail"][0]["field"] == "to_org_id"
    response = _call(client, users["secretary_a"], "post", url, {"to_org_id": joint.pk, "on": "2024-05-01"})
    assert response.status_code == 201
    transfer = response.json()
    assert transfer["status"] == TransferStatus.PENDING and transfer["moved_id"] is None
    assert (
        _call(
            client, users["secretary_a"], "post", url, {"to_org_id": joint.pk, "on": "2024-05-01"}
        ).status_code
        == 422
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    detail, decide = f"/party/transfers/{transfer['id']}", f"/party/transfers/{transfer['id']}/decide"
    for outsider in ("party_nanshan", *NON_PARTY):
        assert _call(client, users[outsider], "get", detail).status_code == 404, outsider
        assert _call(client, users[outsider], "post", decide, {"action": "accept"}).status_code == 404, (
            outsider
        )
    assert _call(client, users["secretary_a"], "post", decide, {"action": "accept"}).status_code == 403
    no_reason = _call(client, users["secretary_j"], "post", decide, {"action": "refuse"})
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "reason"
    seen = _call(client, users["secretary_j"], "get", detail)
    assert seen.status_code == 200 and seen.json()["lawyer_id"] == member.lawyer_id
    assert AuditEvent.objects.filter(
        action="party.members_read", after={"what": f"api:transfer:{transfer['id']}"}
    ).exists()
    accepted = _call(client, users["secretary_j"], "post", decide, {"action": "accept"})
    assert accepted.status_code == 200 and accepted.json()["status"] == TransferStatus.ACCEPTED
    member.refresh_from_db()
    assert member.status == MemberStatus.TRANSFERRED
    assert (
        MemberTransfer.objects.get().moved.org == joint
        and MemberTransfer.objects.get().moved.joined_on == date(2024, 5, 1)
    )
    again = _call(client, users["secretary_j"], "post", decide, {"action": "refuse", "reason": "x"})
    assert again.status_code == 409 and again.json()["detail"]


def test_the_schema_declares_every_error_of_the_party_writes(client):
    paths = client.get(API + "/openapi.json").json()["paths"]
    writes = [
        ("/party/orgs", "post"),
        ("/party/orgs/{org_id}/dissolve", "post"),
        ("/party/instructors", "post"),
        ("/party/members/{member_id}/transfer", "post"),
        ("/party/transfers/{transfer_id}/decide", "post"),
    ]
    for path, method in writes:
        assert {"400", "401", "403", "404", "409", "422"} <= set(paths[API + path][method]["responses"]), path
    assert {"401", "404", "422"} <= set(paths[API + "/party/transfers/{transfer_id}"]["get"]["responses"])


def test_a_date_is_only_taken_as_yyyy_mm_dd(client, p):
    payload = {"org_id": p["orgs"]["futian"].pk, "firm_id": p["firms"]["f"].pk, "name": "指导员丙"}
    for day in (0, "0", 20240101, "2024/01/01"):
        response = _call(
            client, p["users"]["party_futian"], "post", "/party/instructors", {**payload, "started_on": day}
        )
        assert response.status_code == 422 and response.json()["detail"][0]["field"] == "started_on", day
    assert not p["firms"]["f"].instructors.exists()
