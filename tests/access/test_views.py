"""The account pages (lvxie.access.views): who lists and opens accounts, gives roles, creates accounts."""

import pytest
from django.urls import reverse

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from tests.factories import make_user

MATRIX_URLS = ["access:user_list", "access:user_detail"]


@pytest.mark.parametrize("name", ["access:user_list"])
def test_account_pages_matrix(client, world, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["sysadmin"])
    assert client.get(url).status_code == 200
    for other in ("auditor", "firm", "lawyer"):
        client.force_login(world["users"][other])
        assert client.get(url).status_code == 404
    # An owner-side administrator lists the accounts they could give a role to: in their subtree or
    # without any role yet, never an administrator's nor one bound elsewhere
    make_user(Role.DISTRICT_ADMIN, region=world["regions"]["tianhe"], username="tianhe")
    client.force_login(world["users"]["futian"])
    listed = set(client.get(url).context["users"].values_list("username", flat=True))
    assert listed == {"futian", "firmadmin", "lawyer", "nobody"}


def test_user_detail_matrix_and_role_assignment(client, world):
    target = world["users"]["nobody"]
    url = reverse("access:user_detail", args=[target.pk])
    assert client.get(url).status_code == 302
    for other in ("auditor", "lawyer"):
        client.force_login(world["users"][other])
        assert client.get(url).status_code == 404
    # An owner-side administrator does not see an administrator's account, nor one bound elsewhere
    client.force_login(world["users"]["futian"])
    for hidden in ("sysadmin", "nanshan"):
        assert client.get(reverse("access:user_detail", args=[world["users"][hidden].pk])).status_code == 404
    client.force_login(world["users"]["sysadmin"])
    assert client.get(url).status_code == 200
    # Roles are the security administrator's duty (三权分立), not the system administrator's
    assert (
        client.post(url, {"role": "district_admin", "region": world["regions"]["nanshan"].pk}).status_code
        == 403
    )
    client.force_login(make_user(Role.SECURITY_ADMIN, username="secadmin"))
    response = client.post(url, {"role": "district_admin", "region": world["regions"]["nanshan"].pk})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=target, role="district_admin").exists()
    # A region role without a region is refused with a message, and nothing is saved
    bad = client.post(url, {"role": "city_admin"})
    assert bad.status_code == 400
    assert RoleAssignment.objects.filter(user=target).count() == 1


def test_system_admin_creates_account_with_policy_checked_password(client, world):
    client.force_login(world["users"]["sysadmin"])
    weak = client.post(reverse("access:user_list"), {"username": "newbie", "password": "12345678"})
    assert weak.status_code == 400 and not User.objects.filter(username="newbie").exists()
    ok = client.post(reverse("access:user_list"), {"username": "newbie", "password": "Lv-xie-2026-strong"})
    assert ok.status_code == 302
    assert User.objects.get(username="newbie").check_password("Lv-xie-2026-strong")
