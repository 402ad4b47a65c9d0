"""The accounts API: an account's roles listed, given (or proposed) and revoked through the same services and
policy as the account pages, for the same people; everyone else 404."""

import pytest

from lvxie.access.models import RoleAssignment, RoleGrantProposal
from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from tests.api.conftest import make_token
from tests.api.test_registry_api import call
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MATRIX_URLS = ["api:account_roles", "api:account_role_grant", "api:account_role_revoke"]


@pytest.fixture
def secadmin(db):
    return make_user(Role.SECURITY_ADMIN, username="secadmin")


def roles_url(user) -> str:
    return f"/accounts/{user.pk}/roles"


def test_anonymous_gets_401(client, world):
    target = world["users"]["futian"]
    assignment = target.roles.get()
    for method, path, body in [
        ("get", roles_url(target), None),
        ("post", roles_url(target), {"role": "lawyer"}),
        ("delete", f"{roles_url(target)}/{assignment.pk}", None),
    ]:
        assert call(client, method, path, body).status_code == 401
    assert target.roles.count() == 1


@pytest.mark.parametrize("who", ["auditor", "lawyer", "firm", "nanshan"])
def test_out_of_scope_callers_get_404(client, world, who):
    # given a caller without account pages, or a district administrator looking at the other district
    key, _token = make_token(world["users"][who])
    target = world["users"]["futian"]
    assignment = target.roles.get()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    # when they list, give or revoke the 福田 administrator's roles
    responses = [
        call(client, "get", roles_url(target), **auth),
        call(client, "post", roles_url(target), {"role": "lawyer"}, **auth),
        call(client, "delete", f"{roles_url(target)}/{assignment.pk}", **auth),
    ]
    # then the account does not exist for them, and nothing changed
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert list(target.roles.all()) == [assignment]


def test_security_admin_lists_gives_and_revokes(as_user, world, secadmin):
    client = as_user(secadmin)
    target = world["users"]["nobody"]
    # when the security administrator gives a 南山 district administrator role
    given = call(client, "post", roles_url(target), {"role": "district_admin", "region": "440305"})
    # then 201, and the list shows it
    assert given.status_code == 201, given.json()
    assert given.json()["region"]["code"] == "440305"
    listed = call(client, "get", roles_url(target)).json()
    assert [r["role"] for r in listed["roles"]] == ["district_admin"] and listed["pending"] == []
    # when they revoke it
    revoked = call(client, "delete", f"{roles_url(target)}/{given.json()['id']}")
    # then 204, gone, and both audited
    assert revoked.status_code == 204
    assert not target.roles.exists()
    assert {"role.assign", "role.revoke"} <= set(AuditEvent.objects.values_list("action", flat=True))


def test_security_admin_self_grant_of_city_admin_is_refused(as_user, world, secadmin):
    # when the security administrator gives themself the city administrator role through the API
    response = call(as_user(secadmin), "post", roles_url(secadmin), {"role": "city_admin", "region": "4403"})
    # then 403 with the reason, and they hold only their duty
    assert response.status_code == 403
    assert response.json()["detail"]
    assert list(secadmin.roles.values_list("role", flat=True)) == [Role.SECURITY_ADMIN]


def test_security_admin_gives_no_data_role_to_the_system_administrator(as_user, world, secadmin):
    sysadmin = world["users"]["sysadmin"]
    response = call(as_user(secadmin), "post", roles_url(sysadmin), {"role": "city_admin", "region": "4403"})
    assert response.status_code == 403
    assert list(sysadmin.roles.values_list("role", flat=True)) == [Role.SYSTEM_ADMIN]


def test_district_admin_gives_in_their_district_only(client, world):
    # given the 福田 administrator with a token (as another system would call)
    key, _token = make_token(world["users"]["futian"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    target = world["users"]["nobody"]
    # when they give a 福田 judicial officer, the 福田 firm's administrator, and then roles outside 福田
    inside = call(client, "post", roles_url(target), {"role": "judicial_officer", "region": "440304"}, **auth)
    firm = call(
        client, "post", roles_url(target), {"role": "firm_admin", "firm": world["ft_firm"].pk}, **auth
    )
    city = call(client, "post", roles_url(target), {"role": "judicial_officer", "region": "4403"}, **auth)
    other = call(
        client, "post", roles_url(target), {"role": "firm_admin", "firm": world["ns_firm"].pk}, **auth
    )
    top = call(client, "post", roles_url(target), {"role": "city_admin", "region": "440304"}, **auth)
    # then the first two are given; a region or firm outside is "no such" (422), the city role 403
    assert (inside.status_code, firm.status_code) == (201, 201)
    assert city.status_code == 422 and city.json()["detail"][0]["field"] == "region"
    assert other.status_code == 422 and other.json()["detail"][0]["field"] == "firm"
    assert top.status_code == 403
    assert set(target.roles.values_list("role", flat=True)) == {"judicial_officer", "firm_admin"}


def test_two_person_mode_answers_202_and_gives_nothing_yet(as_user, world, secadmin, settings):
    settings.LVXIE_ROLE_GRANT_APPROVAL = "two_person"
    target = world["users"]["nobody"]
    response = call(as_user(secadmin), "post", roles_url(target), {"role": "lawyer"})
    # the lawyer role needs a lawyer record: a translated 422, nothing proposed
    assert response.status_code == 422
    assert not RoleGrantProposal.objects.exists()
    response = call(
        as_user(secadmin), "post", roles_url(target), {"role": "district_admin", "region": "440304"}
    )
    assert response.status_code == 202
    assert response.json()["status"] == "pending" and response.json()["proposed_by"] == "secadmin"
    assert not RoleAssignment.objects.filter(user=target).exists()
    assert call(as_user(secadmin), "get", roles_url(target)).json()["pending"][0]["role"] == "district_admin"


def test_bad_input_is_422_and_changes_nothing(as_user, world, secadmin):
    client = as_user(secadmin)
    target = world["users"]["nobody"]
    for body in [{"role": "emperor"}, {"role": "district_admin"}, {"role": "district_admin", "region": "0"}]:
        response = call(client, "post", roles_url(target), body)
        assert response.status_code == 422, body
    assert call(client, "delete", f"{roles_url(target)}/999999").status_code == 404
    assert not target.roles.exists()
