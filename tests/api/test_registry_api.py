"""The registry API: authentication, scope (out of scope is 404 everywhere), writes through the services,
translated validation errors, masking, and the published schema and docs."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lvxie.accounts.models import ApiToken
from lvxie.audit.models import AuditEvent
from lvxie.core.validators import mask_id_number, mask_phone
from lvxie.registry.models import LawFirm, Lawyer
from tests.api.conftest import API, make_token
from tests.factories import LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db

# Every endpoint with a body that would succeed for the 福田 administrator.
ENDPOINTS = [
    ("get", "/firms", None),
    ("get", "/firms/{ft_firm}", None),
    ("post", "/firms", "firm"),
    ("patch", "/firms/{ft_firm}", {"address": "新地址"}),
    ("get", "/lawyers", None),
    ("get", "/lawyers/{ft_lawyer}", None),
    ("post", "/lawyers", "lawyer"),
    ("patch", "/lawyers/{ft_lawyer}", {"employer": ""}),
]
# The URL names of ENDPOINTS, for tests/test_url_matrix.py.
MATRIX_URLS = [
    f"api:{kind}_{action}" for kind in ("firm", "lawyer") for action in ("list", "create", "detail", "update")
]
ENDPOINT_IDS = [f"{method} {path}" for method, path, _ in ENDPOINTS]


def call(client: Client, method: str, path: str, body=None, **headers):
    """One API call; a body is sent as JSON."""
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(API + path, **kwargs, **headers)


def url(path: str, world) -> str:
    return path.format(ft_firm=world["ft_firm"].pk, ft_lawyer=world["ft_lawyer"].pk)


def body_for(spec, firm_payload, lawyer_payload):
    return {"firm": firm_payload, "lawyer": lawyer_payload}.get(spec, spec) if isinstance(spec, str) else spec


def registry_events() -> list[str]:
    """Audit events other than the log-ins the test client's force_login records."""
    return list(AuditEvent.objects.exclude(action__startswith="auth.").values_list("action", flat=True))


def wrong_check_char(code: str) -> str:
    """The same identifier with its 18th character replaced by a wrong one."""
    return code[:17] + ("0" if code[17] != "0" else "1")


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


# Authentication ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "spec"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_anonymous_gets_401_everywhere(client, world, firm_payload, lawyer_payload, method, path, spec):
    # given no credentials
    # when any endpoint is called
    response = call(client, method, url(path, world), body_for(spec, firm_payload, lawyer_payload))
    # then 401, and nothing was written
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    assert not registry_events()


@pytest.mark.parametrize(("method", "path", "spec"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_in_scope_user_succeeds_everywhere(as_user, world, firm_payload, lawyer_payload, method, path, spec):
    # given the 福田 district administrator
    client = as_user(world["users"]["futian"])
    # when they call an endpoint on 福田 records
    response = call(client, method, url(path, world), body_for(spec, firm_payload, lawyer_payload))
    # then it succeeds: 201 for a creation, 200 otherwise
    assert response.status_code == (201 if method == "post" else 200), response.content


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/firms/{ft_firm}", None),
        ("patch", "/firms/{ft_firm}", {"address": "南山的手伸过来"}),
        ("get", "/lawyers/{ft_lawyer}", None),
        ("patch", "/lawyers/{ft_lawyer}", {"employer": "南山的手伸过来"}),
    ],
    ids=["get firm", "patch firm", "get lawyer", "patch lawyer"],
)
def test_out_of_scope_id_is_404(as_user, world, method, path, body):
    # given the 南山 administrator and 福田 records
    client = as_user(world["users"]["nanshan"])
    # when they read or change a 福田 record by id
    response = call(client, method, url(path, world), body)
    # then it does not exist for them, and nothing changed
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}
    assert not registry_events()
    world["ft_firm"].refresh_from_db()
    assert world["ft_firm"].address != "南山的手伸过来"


@pytest.mark.parametrize("who", ["auditor", "sysadmin", "nobody"])
def test_users_without_registry_scope_see_nothing(as_user, world, who):
    # given a user whose roles give no registry scope
    client = as_user(world["users"][who])
    # when they list and open records
    # then lists are empty and every record is 404
    assert call(client, "get", "/firms").json()["count"] == 0
    assert call(client, "get", "/lawyers").json()["count"] == 0
    assert call(client, "get", f"/firms/{world['ft_firm'].pk}").status_code == 404
    assert call(client, "get", f"/lawyers/{world['ft_lawyer'].pk}").status_code == 404


def test_unknown_id_is_404_like_out_of_scope(as_user, world):
    # given the city administrator, who sees everything in the city
    client = as_user(world["users"]["city"])
    # when they ask for an id that does not exist
    # then the answer is the same 404 as for someone else's record
    assert call(client, "get", "/firms/999999").json() == {"detail": "Not found"}
    assert call(client, "patch", "/lawyers/999999", {"employer": "x"}).status_code == 404


def test_id_beyond_the_database_range_is_422(as_user, world):
    # given a logged-in user
    client = as_user(world["users"]["city"])
    # when the path id is larger than any database id, or not a number
    # then the request is refused before it reaches the database
    assert call(client, "get", f"/firms/{2**63}").status_code == 422
    assert call(client, "get", "/lawyers/abc").status_code == 422


# Lists ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "firms", "lawyers"),
    [
        ("city", ["南山律师事务所", "福田律师事务所"], ["刘伟东", "張斌"]),
        ("futian", ["福田律师事务所"], ["張斌"]),
        ("nanshan", ["南山律师事务所"], ["刘伟东"]),
        ("firm", ["福田律师事务所"], ["張斌"]),
        ("lawyer", ["福田律师事务所"], ["張斌"]),
    ],
)
def test_lists_hold_only_rows_in_scope(as_user, world, who, firms, lawyers):
    # given a user of some role and scope
    client = as_user(world["users"][who])
    # when they list firms and lawyers
    firm_response = call(client, "get", "/firms")
    lawyer_response = call(client, "get", "/lawyers")
    # then they get exactly the rows of their scope, counted
    assert sorted(names(firm_response)) == sorted(firms)
    assert firm_response.json()["count"] == len(firms)
    assert sorted(names(lawyer_response)) == sorted(lawyers)
    assert lawyer_response.json()["count"] == len(lawyers)


def test_list_filters_mirror_the_selectors(as_user, world, regions):
    # given the city administrator and a sole-practitioner firm in 南山 with two lawyers
    sole = LawFirmFactory(name="一人律师事务所", kind="sole", region=regions["nanshan"])
    LawyerFactory(name="王芳", firm=sole, practice_areas=",ip,")
    LawyerFactory(name="王强", firm=sole, status="suspended")
    client = as_user(world["users"]["city"])
    # when they filter
    # then each filter narrows the list as the selectors do
    assert names(call(client, "get", "/firms?region=440304")) == ["福田律师事务所"]
    assert names(call(client, "get", "/firms?kind=sole")) == ["一人律师事务所"]
    assert names(call(client, "get", "/firms?q=ft")) == ["福田律师事务所"]
    assert sorted(names(call(client, "get", "/lawyers?q=王"))) == ["王强", "王芳"]
    assert names(call(client, "get", "/lawyers?status=suspended")) == ["王强"]
    assert names(call(client, "get", "/lawyers?practice_area=ip")) == ["王芳"]
    assert names(call(client, "get", f"/lawyers?firm={world['ft_firm'].pk}")) == ["張斌"]
    assert names(call(client, "get", "/lawyers?region=440305&q=liu")) == ["刘伟东"]


def test_filters_outside_scope_match_nothing(as_user, world):
    # given the 福田 administrator
    client = as_user(world["users"]["futian"])
    # when they filter by the 南山 district or the 南山 firm
    # then nothing matches (and nothing says whether it exists)
    assert call(client, "get", "/firms?region=440305").json()["count"] == 0
    assert call(client, "get", f"/lawyers?firm={world['ns_firm'].pk}").json()["count"] == 0
    # and an unknown enum value is a validation error
    response = call(client, "get", "/firms?kind=bogus")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "kind"


def test_pagination_counts_all_and_caps_the_page(as_user, world, regions):
    # given the 福田 administrator and five firms in 福田
    for n in range(4):
        LawFirmFactory(name=f"福田第{n}律师事务所", region=regions["futian"])
    client = as_user(world["users"]["futian"])
    # when they page through two at a time
    first = call(client, "get", "/firms?limit=2").json()
    last = call(client, "get", "/firms?limit=2&offset=4").json()
    # then the count is the whole list and the pages are slices of it
    assert (first["count"], first["limit"], first["offset"], len(first["items"])) == (5, 2, 0, 2)
    assert (last["count"], len(last["items"])) == (5, 1)
    # and a page larger than 200 is refused
    response = call(client, "get", "/firms?limit=201")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "limit"


def test_list_query_count_does_not_grow_with_rows(as_user, world, regions):
    # given the city administrator
    client = as_user(world["users"]["city"])

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert call(client, "get", path).status_code == 200
        return len(ctx.captured_queries)

    before = (queries("/firms"), queries("/lawyers"))
    # when ten more firms and lawyers appear
    for _ in range(10):
        LawyerFactory(firm=LawFirmFactory(region=regions["nanshan"]))
    # then listing them takes the same number of queries
    assert (queries("/firms"), queries("/lawyers")) == before


# Reading lawyers: sensitive fields ------------------------------------------------------------------


def test_lawyer_output_masks_id_number_and_phone(as_user, world):
    # given the 福田 administrator (who may unmask on the web page, with an audited click)
    lawyer = world["ft_lawyer"]
    client = as_user(world["users"]["futian"])
    # when they read the lawyer and the list
    detail = call(client, "get", f"/lawyers/{lawyer.pk}")
    listing = call(client, "get", "/lawyers")
    # then only masked values are present, never the full ones
    data = detail.json()
    assert "id_number" not in data and "phone" not in data
    assert data["id_number_masked"] == mask_id_number(lawyer.id_number)
    assert data["phone_masked"] == mask_phone(lawyer.phone)
    for response in (detail, listing):
        assert lawyer.id_number.encode() not in response.content
        assert lawyer.phone.encode() not in response.content


# Writing firms ---------------------------------------------------------------------------------------


def test_create_firm_saves_through_the_service(as_user, world, firm_payload):
    # given the 福田 administrator
    client = as_user(world["users"]["futian"])
    # when they register a firm in 福田, the district given by code
    response = call(client, "post", "/firms", firm_payload)
    # then it is saved with search keys, shown as saved, and audited
    assert response.status_code == 201, response.content
    data = response.json()
    firm = LawFirm.objects.get(pk=data["id"])
    assert (firm.name, firm.region, firm.name_simplified) == (
        "前海新律师事务所",
        world["regions"]["futian"],
        "前海新律师事务所",
    )
    assert data["region"]["code"] == "440304"
    assert data["status"] == "active" and data["lawyer_count"] == 0
    assert AuditEvent.objects.filter(action="firm.create", object_id=str(firm.pk)).exists()


def test_create_firm_with_wrong_check_character_is_422_in_chinese(as_user, world, firm_payload):
    # given a credit code whose 18th character is wrong
    good = firm_payload["credit_code"]
    firm_payload["credit_code"] = wrong_check_char(good)
    client = as_user(world["users"]["futian"])
    # when the firm is posted by a client that reads Chinese
    response = call(client, "post", "/firms", firm_payload, HTTP_ACCEPT_LANGUAGE="zh-hans")
    # then 422 names the field and the reason in Chinese, and nothing was saved
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["field"], error["code"]) == ("credit_code", "check_char")
    assert error["message"].startswith("统一社会信用代码校验码错误")
    assert good[17] in error["message"]
    assert not LawFirm.objects.filter(name=firm_payload["name"]).exists()
    assert not registry_events()


def test_validation_messages_follow_accept_language(as_user, world, firm_payload):
    # given an invalid credit code and a blank name
    firm_payload["credit_code"] = wrong_check_char(firm_payload["credit_code"])
    firm_payload["name"] = ""
    client = as_user(world["users"]["futian"])
    # when posted once in English and once in Chinese
    english = {
        e["field"]: e["message"]
        for e in call(client, "post", "/firms", firm_payload, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    }
    chinese = {
        e["field"]: e["message"]
        for e in call(client, "post", "/firms", firm_payload, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["detail"]
    }
    # then each message is in the language asked for (Django's own messages included)
    assert english["credit_code"].startswith("The check character")
    assert english["name"] == "This field cannot be blank."
    assert chinese["name"] == "此字段不能为空。"
    assert chinese["credit_code"].startswith("统一社会信用代码")


def test_create_firm_in_a_district_out_of_scope_is_a_field_error(as_user, world, firm_payload):
    # given the 南山 administrator naming 福田 as the district (by code, then by id)
    client = as_user(world["users"]["nanshan"])
    for region in ("440304", world["regions"]["futian"].pk):
        firm_payload["region"] = region
        # when they post the firm
        response = call(client, "post", "/firms", firm_payload)
        # then the district is reported as not existing, like any unknown one, and nothing is saved
        assert response.status_code == 422
        assert response.json()["detail"] == [
            {"field": "region", "code": "does_not_exist", "message": response.json()["detail"][0]["message"]}
        ]
    assert not LawFirm.objects.filter(name=firm_payload["name"]).exists()


def test_create_firm_schema_errors_have_the_same_shape(as_user, world, firm_payload):
    # given a payload without a name and with a boolean where an id or code belongs
    del firm_payload["name"]
    firm_payload["region"] = True
    client = as_user(world["users"]["futian"])
    # when it is posted
    response = call(client, "post", "/firms", firm_payload)
    # then 422 lists field, code and message for each problem
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["detail"]}
    assert "name" in fields and any(field.startswith("region") for field in fields)
    assert all(set(error) == {"field", "code", "message"} for error in response.json()["detail"])


@pytest.mark.parametrize("body", [[None, None], "text", 7])
def test_a_body_that_is_not_an_object_is_422(as_user, world, body):
    # given the 福田 administrator
    client = as_user(world["users"]["futian"])
    # when a PATCH body is a JSON array, string or number rather than an object
    response = call(client, "patch", f"/firms/{world['ft_firm'].pk}", body)
    # then it is refused as a whole, not taken for an empty change
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "__all__"
    assert not registry_events()


def test_malformed_json_is_400(as_user, world):
    # given a logged-in administrator
    client = as_user(world["users"]["futian"])
    # when the body is not JSON
    response = client.post(f"{API}/firms", data="{not json", content_type="application/json")
    # then 400
    assert response.status_code == 400


def test_patch_firm_changes_only_the_fields_sent(as_user, world):
    # given the 福田 firm and its administrator
    firm = world["ft_firm"]
    name, credit = firm.name, firm.credit_code
    client = as_user(world["users"]["futian"])
    # when the address alone is patched
    response = call(client, "patch", f"/firms/{firm.pk}", {"address": "福田区福华路 8 号"})
    # then only the address changed, and the change is audited
    assert response.status_code == 200
    firm.refresh_from_db()
    assert (firm.address, firm.name, firm.credit_code) == ("福田区福华路 8 号", name, credit)
    event = AuditEvent.objects.get(action="firm.update")
    assert event.after == {"address": "福田区福华路 8 号"}


def test_patch_firm_refuses_null_for_a_required_field(as_user, world):
    # given the 福田 administrator
    client = as_user(world["users"]["futian"])
    # when they send null as the firm's name
    response = call(client, "patch", f"/firms/{world['ft_firm'].pk}", {"name": None})
    # then 422 and the name is kept
    assert response.status_code == 422
    world["ft_firm"].refresh_from_db()
    assert world["ft_firm"].name == "福田律师事务所"


def test_moving_a_firm_out_of_ones_own_scope_is_refused(as_user, world):
    # given the 福田 administrator
    client = as_user(world["users"]["futian"])
    # when they move their firm to 南山, a district they cannot see
    response = call(client, "patch", f"/firms/{world['ft_firm'].pk}", {"region": "440305"})
    # then the district is unknown to them and the firm stays
    assert response.status_code == 422
    world["ft_firm"].refresh_from_db()
    assert world["ft_firm"].region == world["regions"]["futian"]


def test_firm_admin_may_read_own_firm_but_not_patch_it(as_user, world):
    # given the 福田 firm's administrator
    firm = world["ft_firm"]
    client = as_user(world["users"]["firm"])
    # when they read their firm and its lawyer, then try to change them
    read = call(client, "get", f"/firms/{firm.pk}")
    read_lawyer = call(client, "get", f"/lawyers/{world['ft_lawyer'].pk}")
    patch = call(client, "patch", f"/firms/{firm.pk}", {"address": "自己改的地址"})
    patch_lawyer = call(client, "patch", f"/lawyers/{world['ft_lawyer'].pk}", {"employer": "x"})
    # then reading works, changing is forbidden (403: they can see it), and nothing changed
    assert (read.status_code, read_lawyer.status_code) == (200, 200)
    assert (patch.status_code, patch_lawyer.status_code) == (403, 403)
    assert set(patch.json()) == {"detail"}
    firm.refresh_from_db()
    assert firm.address != "自己改的地址"
    assert not registry_events()


# Writing lawyers -------------------------------------------------------------------------------------


def test_create_lawyer_in_a_firm_takes_the_firms_district(as_user, world, lawyer_payload):
    # given the 福田 administrator and a new lawyer of the 福田 firm, firm given by credit code
    lawyer_payload["firm"] = world["ft_firm"].credit_code
    client = as_user(world["users"]["futian"])
    # when they register the lawyer without naming a district
    response = call(client, "post", "/lawyers", lawyer_payload)
    # then the lawyer practises in the firm's district, with the areas stored and the phone masked
    assert response.status_code == 201, response.content
    data = response.json()
    lawyer = Lawyer.objects.get(pk=data["id"])
    assert lawyer.region == world["regions"]["futian"] and lawyer.firm == world["ft_firm"]
    assert lawyer.practice_areas == ",ip,civil,"
    assert data["practice_areas"] == ["ip", "civil"]
    assert data["phone_masked"] == "139****5678" and "phone" not in data
    assert AuditEvent.objects.filter(action="lawyer.create", object_id=str(lawyer.pk)).exists()


def test_create_lawyer_outside_a_firm_needs_a_district(as_user, world, lawyer_payload):
    # given a corporate lawyer, who works outside any firm, with no district
    lawyer_payload.update(kind="corporate", firm=None, employer="某科技公司")
    client = as_user(world["users"]["futian"])
    # when registered
    response = call(client, "post", "/lawyers", lawyer_payload)
    # then the district is asked for; with it, the lawyer is registered
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "region"
    lawyer_payload["region"] = world["regions"]["futian"].pk
    assert call(client, "post", "/lawyers", lawyer_payload).status_code == 201


def test_create_lawyer_in_a_firm_out_of_scope_is_a_field_error(as_user, world, lawyer_payload):
    # given the 南山 administrator naming the 福田 firm
    client = as_user(world["users"]["nanshan"])
    # when they register a lawyer in it
    response = call(client, "post", "/lawyers", lawyer_payload)
    # then the firm is reported as not existing, and nothing is saved
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["detail"]] == [("firm", "does_not_exist")]
    assert not Lawyer.objects.filter(licence_no=lawyer_payload["licence_no"]).exists()


def test_patch_lawyer_leaves_an_audit_event_with_before_and_after(as_user, world):
    # given the 福田 lawyer and the 福田 administrator
    lawyer = world["ft_lawyer"]
    old_phone = lawyer.phone
    client = as_user(world["users"]["futian"])
    # when the phone and practice areas are patched
    response = call(
        client, "patch", f"/lawyers/{lawyer.pk}", {"phone": "13700001111", "practice_areas": ["criminal"]}
    )
    # then the change is saved and audited with before and after, phone masked in both
    assert response.status_code == 200, response.content
    lawyer.refresh_from_db()
    assert (lawyer.phone, lawyer.practice_areas) == ("13700001111", ",criminal,")
    event = AuditEvent.objects.get(action="lawyer.update")
    assert event.object_id == str(lawyer.pk) and event.actor_id == world["users"]["futian"].pk
    assert event.before == {"phone": mask_phone(old_phone), "practice_areas": ""}
    assert event.after == {"phone": "137****1111", "practice_areas": ",criminal,"}


def test_patch_lawyer_with_an_invalid_id_number_changes_nothing(as_user, world):
    # given the 福田 lawyer
    lawyer = world["ft_lawyer"]
    old = lawyer.id_number
    client = as_user(world["users"]["futian"])
    # when an ID number with a wrong check character is sent
    body = {"id_number": wrong_check_char(old), "employer": "x"}
    response = call(client, "patch", f"/lawyers/{lawyer.pk}", body)
    # then 422 on that field and no part of the change is kept
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["detail"]] == [("id_number", "check_char")]
    lawyer.refresh_from_db()
    assert (lawyer.id_number, lawyer.employer) == (old, "")
    assert not registry_events()


# Tokens and CSRF -------------------------------------------------------------------------------------


def test_token_authenticates_and_records_last_use(client, world):
    # given an API token of the 福田 administrator
    key, token = make_token(world["users"]["futian"])
    # when a client calls with it
    response = call(client, "get", "/firms", HTTP_AUTHORIZATION=f"Bearer {key}")
    # then it acts as that user, and the token's last use is recorded
    assert response.status_code == 200
    assert names(response) == ["福田律师事务所"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_last_use_is_written_at_most_once_a_minute(client, world):
    # given a token used 30 seconds ago
    key, token = make_token(world["users"]["futian"])
    recent = timezone.now() - timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    # when it is used again
    call(client, "get", "/firms", HTTP_AUTHORIZATION=f"Bearer {key}")
    # then the time is not rewritten; once it is two minutes old, it is
    token.refresh_from_db()
    assert token.last_used_at == recent
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    call(client, "get", "/firms", HTTP_AUTHORIZATION=f"Bearer {key}")
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(seconds=30)


@pytest.mark.parametrize("kind", ["revoked", "unknown", "inactive user"])
def test_bad_token_is_401_even_with_a_session(as_user, world, kind):
    # given a revoked token, a token never issued, or the token of a deactivated user
    user = world["users"]["futian"]
    key, _ = make_token(user, revoked=kind == "revoked")
    if kind == "unknown":
        key = ApiToken.new_key()
    if kind == "inactive user":
        user.is_active = False
        user.save()
    # and a browser session of another user that would be let in on its own
    client = as_user(world["users"]["city"])
    # when the token is presented
    response = call(client, "get", "/firms", HTTP_AUTHORIZATION=f"Bearer {key}")
    # then 401: the caller asked to be the token and is not
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_writes_need_no_csrf_token(world, firm_payload):
    # given a client that enforces CSRF, and a token
    client = Client(enforce_csrf_checks=True)
    key, _ = make_token(world["users"]["futian"])
    # when it creates a firm with the token alone
    response = call(client, "post", "/firms", firm_payload, HTTP_AUTHORIZATION=f"Bearer {key}")
    # then it is created: a bearer token cannot be sent by another site's page
    assert response.status_code == 201, response.content


def test_session_writes_need_the_csrf_token(world, firm_payload):
    # given a browser session that enforces CSRF
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["futian"])
    # when it reads, then writes without the CSRF token, then with it
    read = call(client, "get", "/firms")
    without = call(client, "post", "/firms", firm_payload)
    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    with_token = call(client, "post", "/firms", firm_payload, HTTP_X_CSRFTOKEN=secret)
    # then reads pass, a write without the token is refused, and with it succeeds
    assert read.status_code == 200
    assert without.status_code == 403
    assert with_token.status_code == 201, with_token.content


def test_anonymous_write_is_401_not_a_csrf_error(world, firm_payload):
    # given a client that enforces CSRF and has no session
    client = Client(enforce_csrf_checks=True)
    # when it posts
    response = call(client, "post", "/firms", firm_payload)
    # then the answer is "log in", as for every other anonymous call
    assert response.status_code == 401


# Schema and docs -------------------------------------------------------------------------------------


def test_openapi_schema_lists_every_path_and_its_errors(client):
    # given nothing
    # when the schema is fetched
    response = client.get(f"{API}/openapi.json")
    # then it lists the registry paths, and each operation documents its error responses
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    registry = {"/firms", "/firms/{firm_id}", "/lawyers", "/lawyers/{lawyer_id}"}
    assert {API + path for path in registry} <= set(paths)
    expected = {
        "get": {"401", "422"},
        "post": {"400", "401", "403", "422"},
        "patch": {"400", "401", "403", "404", "422"},
        "put": {"400", "401", "403", "404", "422"},
        "delete": {"401", "403", "404", "422"},
    }
    for path, operations in paths.items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            needed = expected[method] | ({"404"} if method == "get" and "{" in path else set())
            assert needed <= declared, (method, path)
    assert {"TokenAuth", "SessionCsrfAuth"} <= set(schema["components"]["securitySchemes"])
    lawyer = schema["components"]["schemas"]["LawyerOut"]["properties"]
    assert "id_number" not in lawyer and "phone" not in lawyer


def test_docs_render_without_any_external_script(client):
    # given nothing
    # when the docs page is fetched
    response = client.get(f"{API}/docs")
    # then it is HTML whose every script and stylesheet comes from this site
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    sources = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert any(source.endswith("swagger-ui-bundle.js") for source in sources)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert "cdn" not in html.lower()
    # and Swagger UI is told not to fetch its validator badge from the internet
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1))
    assert settings["validatorUrl"] is None


# Roles: who may change which fields of a lawyer (issue 18) ------------------------------------------


def test_lawyer_patches_own_phone(as_user, world):
    lawyer = world["ft_lawyer"]
    client = as_user(world["users"]["lawyer"])
    response = call(client, "patch", f"/lawyers/{lawyer.pk}", {"phone": "13912340000"})
    assert response.status_code == 200, response.content
    assert response.json()["phone_masked"] == "139****0000"
    lawyer.refresh_from_db()
    assert lawyer.phone == "13912340000"
    assert AuditEvent.objects.filter(action="lawyer.update", actor_id=world["users"]["lawyer"].pk).exists()


def test_lawyer_patching_own_licence_number_is_refused_in_chinese_and_changes_nothing(as_user, world):
    lawyer = world["ft_lawyer"]
    old = (lawyer.licence_no, lawyer.phone)
    client = as_user(world["users"]["lawyer"])
    body = {"licence_no": "44032015110000999", "phone": "13912340000"}
    response = call(client, "patch", f"/lawyers/{lawyer.pk}", body, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 403
    assert "执业证号" in response.json()["detail"]
    lawyer.refresh_from_db()
    assert (lawyer.licence_no, lawyer.phone) == old
    assert not registry_events()


def test_firm_admin_patches_own_firms_lawyer_contact_fields_only(as_user, world):
    lawyer = world["ft_lawyer"]
    client = as_user(world["users"]["firm"])
    ok = call(client, "patch", f"/lawyers/{lawyer.pk}", {"phone": "13700002222", "practice_areas": ["tax"]})
    kind = call(client, "patch", f"/lawyers/{lawyer.pk}", {"kind": "part_time"})
    assert ok.status_code == 200, ok.content
    assert kind.status_code == 403
    lawyer.refresh_from_db()
    assert (lawyer.phone, lawyer.practice_areas, lawyer.kind) == ("13700002222", ",tax,", "full_time")


def test_firm_admin_patching_another_firms_lawyer_is_404(as_user, world):
    client = as_user(world["users"]["firm"])
    response = call(client, "patch", f"/lawyers/{world['ns_lawyer'].pk}", {"phone": "13700002222"})
    assert response.status_code == 404
    assert Lawyer.objects.get(pk=world["ns_lawyer"].pk).phone != "13700002222"


def test_firm_detail_counts_all_the_firms_lawyers_for_its_own_lawyer(as_user, world):
    firm = world["ft_firm"]
    LawyerFactory(firm=firm)
    LawyerFactory(firm=firm)
    client = as_user(world["users"]["lawyer"])
    assert call(client, "get", f"/firms/{firm.pk}").json()["lawyer_count"] == 3


# Input rules (issue 17, item 7) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": "   "}, "name", "blank"),
        ({"name": "前海\u202e律师事务所"}, "name", "control_char"),
        ({"address": "深南大道\u2066 1 号"}, "address", "control_char"),
        ({"founded_on": "1800-01-01"}, "founded_on", "founded_range"),
        ({"founded_on": "2999-01-01"}, "founded_on", "founded_range"),
    ],
)
def test_create_firm_refuses_bad_text_and_dates(as_user, world, firm_payload, changes, field, code):
    client = as_user(world["users"]["futian"])
    response = call(client, "post", "/firms", {**firm_payload, **changes}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
    assert (field, code) in [(e["field"], e["code"]) for e in response.json()["detail"]]
    assert not LawFirm.objects.filter(credit_code=firm_payload["credit_code"]).exists()


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"first_licensed_year": 2017}, "before_licence"), ({"first_licensed_year": 2999}, "future_year")],
)
def test_create_lawyer_refuses_a_first_licensed_year_before_the_licence_or_to_come(
    as_user, world, lawyer_payload, changes, code
):
    # given a licence number of 2018 (digits 5 to 8)
    client = as_user(world["users"]["futian"])
    response = call(client, "post", "/lawyers", {**lawyer_payload, **changes}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["field"], error["code"]) == ("first_licensed_year", code)
    assert not Lawyer.objects.filter(licence_no=lawyer_payload["licence_no"]).exists()


def test_patch_lawyer_name_with_a_bidi_override_is_422(as_user, world):
    client = as_user(world["users"]["futian"])
    response = call(client, "patch", f"/lawyers/{world['ft_lawyer'].pk}", {"name": "張\u202e斌"})
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["detail"]] == [("name", "control_char")]


def test_every_operation_documents_the_request_guards_400(client):
    # The request guard answers 400 to a malformed request (a NUL character in the query) on any path,
    # before the operation runs: the schema says so for every operation, GET ones included.
    schema = client.get("/api/v1/openapi.json").json()
    missing = [
        (path, method)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if "400" not in operation["responses"]
    ]
    assert missing == []
    assert client.get("/api/v1/firms", {"region": "a\x00b"}).status_code in {400, 401}


@pytest.mark.parametrize("who", ["city", "futian", "nanshan", "firm", "lawyer"])
def test_a_search_alone_answers_as_the_list_filter_does(as_user, world, regions, who):
    """A search with no other filter is answered by the compiled search (registry.api._search_alone): the
    same rows, order, count and fields as the list's own `q` filter gives, for every scope."""
    from lvxie.registry import api, lists

    firm = LawFirmFactory(name="王氏律师事务所", region=regions["futian"])
    for name in ("王芳", "王强", "王小芳", "汪芳", "黄王", "王", "張芳"):
        LawyerFactory(name=name, firm=firm)
    user = world["users"][who]
    client = as_user(user)
    for q, limit in (("王", 50), ("王", 2), ("wang", 50), ("wf", 3), ("芳", 50), ("  王芳 ", 50), ("zh", 1)):
        searched = call(client, "get", f"/lawyers?q={q}&limit={limit}").json()
        filters = api.LawyerFilters(q=q, limit=limit)
        expected = lists.LAWYERS.api_query(user, filters).items
        assert [row["id"] for row in searched["items"]] == [lawyer.pk for lawyer in expected[:limit]], q
        assert searched["count"] == expected.count(), q
        # Every lawyer here practises: the status filter narrows nothing and sends the request down the
        # list's own path, whose answer must be the search's, field for field.
        listed = call(client, "get", f"/lawyers?q={q}&limit={limit}&status=practising").json()
        assert listed == searched, q


def test_a_search_too_long_for_the_box_matches_nothing_either_way(as_user, world):
    client = as_user(world["users"]["city"])
    assert call(client, "get", "/lawyers?q=" + "王" * 61).json()["count"] == 0
