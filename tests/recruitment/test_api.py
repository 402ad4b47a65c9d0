"""Member development over the API: the same services and checks as the pages, Party-side roles only
(anonymous: 401; anyone else: 404), reads audited, refusals as 422 rows with their codes."""

import pytest

from lvxie.audit.models import AuditEvent
from lvxie.recruitment.choices import Stage
from lvxie.recruitment.models import Recruit
from tests.api.conftest import API
from tests.recruitment.conftest import ago, apply, held_meeting, to_probation

MATRIX_URLS = [
    "api:recruit_list",
    "api:recruit_create",
    "api:recruit_counts",
    "api:recruit_detail",
    "api:recruit_step",
]
NON_PARTY = ("city", "futian", "firm", "lawyer", "auditor", "nobody")


@pytest.fixture
def as_user(client):
    """A session client logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


def _payload(rw, **extra):
    return {
        "org": rw["orgs"]["a"].pk,
        "person_kind": "lawyer",
        "licence_no": rw["lawyers"]["a"][4].licence_no,
        "applied_on": ago(900).isoformat(),
        **extra,
    }


def _endpoints(recruit):
    return [
        ("get", f"{API}/recruitment"),
        ("get", f"{API}/recruitment/counts"),
        ("get", f"{API}/recruitment/{recruit.pk}"),
    ]


def test_anonymous_callers_get_401(client, rw):
    recruit = apply(rw)
    for method, url in _endpoints(recruit):
        assert getattr(client, method)(url).status_code == 401, url
    response = client.post(
        f"{API}/recruitment/{recruit.pk}/steps/activist",
        {"version": 0, "decided_on": ago(3).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert client.post(f"{API}/recruitment", _payload(rw), content_type="application/json").status_code == 401


@pytest.mark.parametrize("name", NON_PARTY)
def test_users_outside_the_party_side_get_404(as_user, rw, name):
    recruit = apply(rw)
    client = as_user(rw["users"][name])
    for method, url in _endpoints(recruit):
        assert getattr(client, method)(url).status_code == 404, url
    response = client.post(
        f"{API}/recruitment/{recruit.pk}/steps/activist",
        {"version": 0, "decided_on": ago(800).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert (
        client.post(
            f"{API}/recruitment", _payload(rw, licence_no="x"), content_type="application/json"
        ).status_code
        == 404
    )
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.APPLICANT


@pytest.mark.parametrize("name", ["secretary_n", "party_nanshan"])
def test_out_of_scope_party_users_see_nothing_of_it(as_user, rw, name):
    recruit = apply(rw)
    client = as_user(rw["users"][name])
    assert client.get(f"{API}/recruitment").json()["count"] == 0
    assert client.get(f"{API}/recruitment/{recruit.pk}").status_code == 404
    assert client.get(f"{API}/recruitment/counts").json() == []
    assert client.get(f"{API}/recruitment/counts?org={rw['orgs']['a'].pk}").status_code == 404
    response = client.post(
        f"{API}/recruitment/{recruit.pk}/steps/activist",
        {"version": 0, "decided_on": ago(800).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_whole_way_through_the_api(as_user, rw):
    users = rw["users"]
    client = as_user(users["secretary_a"])
    response = client.post(
        f"{API}/recruitment", _payload(rw, birth_year=1996), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "applicant" and body["steps"] == ["activist", "stop"]
    rid = body["id"]

    def take(client, name, days, **extra):
        version = client.get(f"{API}/recruitment/{rid}").json()["version"]
        return client.post(
            f"{API}/recruitment/{rid}/steps/{name}",
            {"version": version, "decided_on": ago(days).isoformat(), **extra},
            content_type="application/json",
        )

    assert take(client, "activist", 860).status_code == 200
    first, second = rw["introducers"]
    # A probationary member as introducer: 422 with its code, nothing changed
    refused = take(client, "target", 480, introducer_1=first.pk, introducer_2=rw["probationary_member"].pk)
    assert refused.status_code == 422
    assert {e["code"] for e in refused.json()["detail"]} == {"not_full_member"}
    assert take(client, "target", 480, introducer_1=first.pk, introducer_2=second.pk).status_code == 200
    assert take(client, "admit", 370, reference="2025年第2次支部党员大会").status_code == 200
    # The secretary may not approve; the committee staff do
    assert take(client, "approve_admission", 360).status_code == 403
    staff = as_user(users["party_futian"])
    approved = take(staff, "approve_admission", 360)
    assert approved.status_code == 200 and approved.json()["membership_id"] is not None
    client = as_user(users["secretary_a"])
    assert take(client, "convert", 2).status_code == 200
    staff = as_user(users["party_futian"])
    done = take(staff, "approve_conversion", 1).json()
    assert done["stage"] == "full" and [e["step"] for e in done["events"]][-1] == "approve_conversion"
    assert done["introducer_1"]["name"] == first.lawyer.name
    assert AuditEvent.objects.filter(
        action="party.members_read", after__what=f"recruitment:api:{rid}"
    ).exists()


def test_bad_steps_are_422_with_their_codes(as_user, rw):
    recruit = apply(rw)
    client = as_user(rw["users"]["secretary_a"])
    url = f"{API}/recruitment/{recruit.pk}/steps"
    wrong_order = client.post(
        f"{url}/admit", {"version": 0, "decided_on": ago(3).isoformat()}, content_type="application/json"
    )
    assert wrong_order.status_code == 422 and wrong_order.json()["detail"][0]["code"] == "transition"
    future = client.post(
        f"{url}/activist", {"version": 0, "decided_on": "2999-01-01"}, content_type="application/json"
    )
    assert future.status_code == 422 and future.json()["detail"][0]["code"] == "future"
    unknown = client.post(
        f"{url}/fly", {"version": 0, "decided_on": ago(3).isoformat()}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.APPLICANT


def test_counts_per_organization_and_year(as_user, rw):
    recruit = apply(rw)
    to_probation(rw, recruit)
    recruit.refresh_from_db()
    rows = as_user(rw["users"]["party_city"]).get(f"{API}/recruitment/counts").json()
    admitted = [r for r in rows if r["admitted"]]
    assert admitted == [
        {
            "org": {"id": rw["orgs"]["a"].pk, "name": "A支部"},
            "year": recruit.admitted_on.year,
            "applied": int(recruit.applied_on.year == recruit.admitted_on.year),
            "activists": int(recruit.activist_on.year == recruit.admitted_on.year),
            "targets": int(recruit.target_on.year == recruit.admitted_on.year),
            "admitted": 1,
            "full": 0,
        }
    ]
    assert sum(r["applied"] for r in rows) == 1


def test_the_list_filters_by_stage_like_the_page(as_user, rw):
    recruit = apply(rw)
    client = as_user(rw["users"]["party_futian"])
    assert [r["id"] for r in client.get(f"{API}/recruitment?stage=applicant").json()["items"]] == [recruit.pk]
    assert client.get(f"{API}/recruitment?stage=full").json()["count"] == 0
    assert AuditEvent.objects.filter(action="recruitment.read", after__what="api").exists()
    # The committee staff take no branch step: none offered to them here
    assert client.get(f"{API}/recruitment/{recruit.pk}").json()["steps"] == []


def test_a_step_names_its_branch_meeting_through_the_api(as_user, rw):
    from lvxie.orglife.choices import MeetingKind

    recruit = apply(rw)
    meeting = held_meeting(rw["orgs"]["a"], MeetingKind.COMMITTEE, ago(800))
    client = as_user(rw["users"]["secretary_a"])
    url = f"{API}/recruitment/{recruit.pk}/steps/activist"
    done = client.post(url, {"version": 0, "meeting": meeting.pk}, content_type="application/json")
    assert done.status_code == 200, done.content
    assert (
        done.json()["events"][-1]["meeting_id"] == meeting.pk
        and done.json()["activist_on"] == ago(800).isoformat()
    )
    # Another branch's meeting: 422, nothing changed
    other = held_meeting(rw["orgs"]["n"], MeetingKind.COMMITTEE, ago(700))
    url = f"{API}/recruitment/{recruit.pk}/steps/stop"
    refused = client.post(
        url, {"version": 1, "meeting": other.pk, "reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 422 and refused.json()["detail"][0]["code"] == "unknown_meeting"
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.ACTIVIST
