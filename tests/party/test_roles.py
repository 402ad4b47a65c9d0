"""The Party-side roles: how they are bound (a secretary to one organization) and what scope they give."""

import pytest
from django.urls import reverse

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.core.scoping import scope_of
from lvxie.party.models import PartyMembership, PartyOrg
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_security_admin_binds_a_secretary_to_an_organization_and_only_that_role(client, party):
    # Roles are the security administrator's duty (三权分立), so the role form is theirs.
    target, org = party["users"]["nobody"], party["orgs"]["joint"]
    url = reverse("access:user_detail", args=[target.pk])
    client.force_login(make_user(Role.SECURITY_ADMIN))
    assert client.post(url, {"role": "org_secretary"}).status_code == 400  # no organization given
    bad = client.post(
        url, {"role": "district_admin", "region": party["regions"]["futian"].pk, "party_org": org.pk}
    )
    assert bad.status_code == 400
    assert client.post(url, {"role": "org_secretary", "party_org": org.pk}).status_code == 302
    assert RoleAssignment.objects.get(user=target).party_org == org


def test_scopes_of_party_roles(party):
    users, orgs = party["users"], party["orgs"]
    staff = scope_of(users["party_futian"])
    assert staff.party_side and staff.party_region_paths == (party["regions"]["futian"].path,)
    assert staff.coverage_region_paths == staff.party_region_paths
    secretary = scope_of(users["secretary_a"])
    assert secretary.party_side and secretary.party_org_paths == (orgs["a"].path,) and secretary.is_empty
    assert list(PartyOrg.objects.visible_to(users["secretary_a"])) == [orgs["a"]]
    city_admin = scope_of(users["city"])
    assert not city_admin.party_side and city_admin.coverage_region_paths == (party["regions"]["city"].path,)
    for outsider in ("city", "futian", "firm", "lawyer", "auditor", "sysadmin", "nobody"):
        assert not PartyMembership.objects.visible_to(users[outsider]).exists(), outsider
        assert not PartyOrg.objects.visible_to(users[outsider]).exists(), outsider
