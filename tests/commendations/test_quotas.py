"""Places per category set by the issuing side on the calls' create and edit page and through the calls
API (`quotas`), through `calls.services.call_create/call_update`: the good, an unknown category, an
out-of-range number (the message in the user's language, nothing saved), refused once the call is open;
a unit nominating over a place set so is refused."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.calls import services as call_services
from lvxie.calls.models import Call
from lvxie.commendations import services
from tests.api.conftest import API
from tests.factories import make_user

from .conftest import unit

pytestmark = pytest.mark.django_db

MATRIX_URLS = ["api:call_create", "api:call_update"]

KIND = "party_commendation"
TITLE = "2026年度“两优一先”评选表彰"


def _form(cw, **quotas):
    return {
        "title": TITLE,
        "kind": KIND,
        "region": cw["regions"]["city"].pk,
        "unit_kind": "party_org",
        "audience_kind": "party_orgs",
        "audience_party_orgs": [cw["orgs"]["a"].pk, cw["orgs"]["n"].pk],
        "deadline_working_days": 10,
        "reviewers": [u.pk for u in cw["panel"]],
        **{f"quota__{k}": v for k, v in quotas.items()},
    }


def _body(cw, **fields):
    return {
        "title": TITLE,
        "kind": KIND,
        "region_id": cw["regions"]["city"].pk,
        "unit_kind": "party_org",
        "audience_kind": "party_orgs",
        "audience_party_org_ids": [cw["orgs"]["a"].pk, cw["orgs"]["n"].pk],
        "deadline": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "reviewer_ids": [u.pk for u in cw["panel"]],
        **fields,
    }


def _error(response):
    """The first error of a 422 (field, code, message)."""
    return response.json()["detail"][0]


def test_the_page_shows_a_number_field_per_category(client, cw):
    client.force_login(cw["issuer"])
    page = client.get(reverse("calls:create")).content.decode()
    for code in ("advanced_org", "outstanding_member", "party_worker"):
        assert f'name="quota__{KIND}__{code}"' in page
    assert "名额：优秀共产党员" in page


def test_the_page_sets_and_edits_the_places_of_a_draft(client, cw):
    client.force_login(cw["issuer"])
    response = client.post(
        reverse("calls:create"),
        _form(cw, **{f"{KIND}__advanced_org": 2, f"{KIND}__outstanding_member": 7}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get(title=TITLE)
    assert call.quotas == {"advanced_org": 2, "outstanding_member": 7, "party_worker": 30}
    edit = client.get(reverse("calls:update", args=[call.pk])).content.decode()
    assert f'name="quota__{KIND}__outstanding_member" value="7"' in edit
    response = client.post(reverse("calls:update", args=[call.pk]), _form(cw, **{f"{KIND}__party_worker": 4}))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.quotas == {"advanced_org": 10, "outstanding_member": 40, "party_worker": 4}


def test_the_page_refuses_bad_places_in_the_users_language(client, cw):
    client.force_login(cw["issuer"])
    # A place given for a category of another kind: an unknown category of this one
    unknown = client.post(reverse("calls:create"), _form(cw, **{"lawyer_commendation__corporate_lawyer": 3}))
    assert unknown.status_code == 400 and "未知类别：corporate_lawyer" in unknown.content.decode()
    for bad in (0, 1001):
        response = client.post(reverse("calls:create"), _form(cw, **{f"{KIND}__party_worker": bad}))
        assert response.status_code == 400
        assert "名额应为 1 至 1000 的整数：party_worker" in response.content.decode()
    assert not Call.objects.filter(title=TITLE).exists()


def test_the_page_refuses_places_once_the_call_is_open(client, cw, rnd):
    client.force_login(cw["issuer"])
    before = dict(rnd.quotas)
    response = client.post(
        reverse("calls:update", args=[rnd.pk]),
        {**_form(cw, **{f"{KIND}__outstanding_member": 9}), "title": rnd.title},
    )
    assert response.status_code == 400
    rnd.refresh_from_db()
    assert rnd.quotas == before


def test_the_api_sets_places_on_create_and_update(client, cw):
    client.force_login(cw["issuer"])
    response = client.post(
        f"{API}/calls", _body(cw, quotas={"outstanding_member": 2}), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["quotas"] == {"advanced_org": 10, "outstanding_member": 2, "party_worker": 30}
    response = client.patch(
        f"{API}/calls/{created['id']}",
        {"quotas": {"advanced_org": 1, "outstanding_member": 3}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["quotas"] == {"advanced_org": 1, "outstanding_member": 3, "party_worker": 30}


def test_the_api_refuses_bad_places_and_saves_nothing(client, cw):
    client.force_login(cw["issuer"])
    unknown = client.post(f"{API}/calls", _body(cw, quotas={"bronze": 1}), content_type="application/json")
    assert unknown.status_code == 422
    assert _error(unknown)["code"] == "unknown_category" and "未知类别" in _error(unknown)["message"]
    for bad in (0, 1001):
        response = client.post(
            f"{API}/calls", _body(cw, quotas={"party_worker": bad}), content_type="application/json"
        )
        assert response.status_code == 422 and _error(response)["code"] == "quota_range"
    assert not Call.objects.filter(title=TITLE).exists()
    draft = client.post(f"{API}/calls", _body(cw), content_type="application/json").json()
    response = client.patch(
        f"{API}/calls/{draft['id']}", {"quotas": {"party_worker": 0}}, content_type="application/json"
    )
    assert response.status_code == 422 and _error(response)["code"] == "quota_range"
    assert Call.objects.get(pk=draft["id"]).quotas["party_worker"] == 30


def test_the_api_refuses_places_once_the_call_is_open(client, cw, rnd):
    client.force_login(cw["issuer"])
    before = dict(rnd.quotas)
    response = client.patch(
        f"{API}/calls/{rnd.pk}", {"quotas": {"party_worker": 5}}, content_type="application/json"
    )
    assert response.status_code == 422 and _error(response)["code"] == "opened"
    assert "名额" in _error(response)["message"]
    rnd.refresh_from_db()
    assert rnd.quotas == before
    # What may still change does (the title)
    response = client.patch(f"{API}/calls/{rnd.pk}", {"title": "改名"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["title"] == "改名"


def test_the_calls_api_as_anonymous_out_of_scope_and_non_party_users(client, cw, rnd):
    body = _body(cw)
    assert client.post(f"{API}/calls", body, content_type="application/json").status_code == 401
    assert (
        client.patch(f"{API}/calls/{rnd.pk}", {"title": "x"}, content_type="application/json").status_code
        == 401
    )
    elsewhere = make_user(Role.PARTY_ADMIN, region=cw["regions"]["tianhe"], username="party_tianhe")
    # A Party committee elsewhere names a region it does not issue for; the bar's city staff names Party
    # organizations it does not see; a firm issues no calls
    for user, refused, field in (
        (elsewhere, 422, "region"),
        (cw["users"]["city"], 422, "audience_party_orgs"),
        (cw["users"]["firm"], 403, ""),
    ):
        client.force_login(user)
        assert (
            client.patch(f"{API}/calls/{rnd.pk}", {"title": "x"}, content_type="application/json").status_code
            == 404
        ), user.username
        response = client.post(f"{API}/calls", body, content_type="application/json")
        assert response.status_code == refused, (user.username, response.content)
        if field:
            assert _error(response)["field"] == field
    assert Call.objects.filter(title=TITLE).count() == 0
    rnd.refresh_from_db()
    assert rnd.title != "x"


def test_a_unit_is_refused_over_the_places_set_through_the_api(client, cw):
    client.force_login(cw["issuer"])
    created = client.post(
        f"{API}/calls", _body(cw, quotas={"outstanding_member": 1}), content_type="application/json"
    ).json()
    call = Call.objects.get(pk=created["id"])
    call_services.call_open(actor=cw["issuer"], call=call)
    sa, sec = unit(call, cw["orgs"]["a"]), cw["users"]["secretary_a"]
    client.force_login(sec)
    url = f"{API}/commendations/submissions/{sa.pk}/nominations"
    first = client.post(
        url,
        {"category": "outstanding_member", "deeds": "事迹", "licence_no": cw["lawyers"]["a"][0].licence_no},
        content_type="application/json",
    )
    assert first.status_code == 201, first.content
    second = client.post(
        url,
        {"category": "outstanding_member", "deeds": "事迹", "licence_no": cw["lawyers"]["a"][1].licence_no},
        content_type="application/json",
    )
    assert second.status_code == 422 and _error(second)["code"] == "over_quota"
    assert "1" in _error(second)["message"]
    assert sa.nominations.count() == 1
    # Through the service with another category's place left at the default, the unit may go on
    services.nominate(
        actor=sec, submission=sa, category="party_worker", nominee=cw["lawyers"]["a"][1], deeds="事迹"
    )
