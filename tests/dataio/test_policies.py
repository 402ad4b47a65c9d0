"""dataio.policies: import.run per kind, the unmasked export and its grant, for the system, anonymous,
in-scope, out-of-scope and wrong-role actors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from lvxie.accounts.choices import Role
from lvxie.dataio import policies, services
from tests.factories import make_user
from tests.party.world import build_party_world

pytestmark = pytest.mark.django_db


def test_every_dataio_action_is_covered():
    assert policies.POLICY.actions == {
        policies.IMPORT_RUN,
        policies.EXPORT_UNMASKED,
        policies.EXPORT_UNMASKED_GRANT,
        policies.EXPORT_UNMASKED_REVOKE,
    }


@pytest.mark.parametrize(
    ("kind", "inside", "wrong"),
    [
        ("firms", "futian", "firm"),  # a firm does not register firms
        ("lawyers", "firm", "lawyer"),  # a firm imports its lawyers' contact details
        ("trainees", "firm", "auditor"),
        ("members", "secretary_a", "futian"),  # the Party side only, and only for it
    ],
)
def test_import_run(world, kind, inside, wrong):
    users = build_party_world(world)["users"]
    assert policies.allowed(None, policies.IMPORT_RUN, kind)
    assert not policies.allowed(AnonymousUser(), policies.IMPORT_RUN, kind)
    assert policies.allowed(users[inside], policies.IMPORT_RUN, kind)
    assert not policies.allowed(users[wrong], policies.IMPORT_RUN, kind)
    assert not policies.allowed(users["nobody"], policies.IMPORT_RUN, kind)  # no scope at all
    with pytest.raises(PermissionDenied):
        policies.require(users[wrong], policies.IMPORT_RUN, kind)


def test_the_party_side_is_closed_to_registry_kinds(world):
    users = build_party_world(world)["users"]
    assert not policies.allowed(users["party_futian"], policies.IMPORT_RUN, "lawyers")
    assert not policies.allowed(users["futian"], policies.IMPORT_RUN, "no-such-kind")


def test_the_unmasked_export_is_a_persons_with_the_permission(world):
    users, secadmin = world["users"], make_user(Role.SECURITY_ADMIN, username="sec")
    reader = users["futian"]
    assert not policies.allowed(None, policies.EXPORT_UNMASKED, "lawyers")  # never the system
    assert not policies.allowed(AnonymousUser(), policies.EXPORT_UNMASKED, "lawyers")
    assert not policies.allowed(reader, policies.EXPORT_UNMASKED, "lawyers")  # no permission yet
    services.export_unmasked_grant(actor=secadmin, user=reader)
    reader = type(reader).objects.get(pk=reader.pk)  # permissions are cached per instance
    assert policies.allowed(reader, policies.EXPORT_UNMASKED, "lawyers")
    assert policies.allowed(reader, policies.EXPORT_UNMASKED)  # some list: to offer the form
    assert not policies.allowed(reader, policies.EXPORT_UNMASKED, "firms")  # nothing to unmask there
    assert not policies.allowed(users["lawyer"], policies.EXPORT_UNMASKED, "lawyers")  # wrong role


@pytest.mark.parametrize("action", [policies.EXPORT_UNMASKED_GRANT, policies.EXPORT_UNMASKED_REVOKE])
def test_granting_the_unmasked_export_is_the_security_administrators(world, action):
    users, secadmin = world["users"], make_user(Role.SECURITY_ADMIN, username="sec")
    target = users["futian"]
    assert policies.allowed(secadmin, action, target)
    assert not policies.allowed(None, action, target)
    assert not policies.allowed(AnonymousUser(), action, target)
    for name in ("sysadmin", "city", "futian"):
        assert not policies.allowed(users[name], action, target), name
    with pytest.raises(PermissionDenied):
        policies.require(users["sysadmin"], action, target)
