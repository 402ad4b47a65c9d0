"""The one check every app's policy tests make of an action: the system may, the anonymous user may
not, the actor in scope may, the one out of scope and the one in the wrong role may not, and `require`
refuses both of those with PermissionDenied."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied


def assert_decides(policies, action, obj, inside, outside, wrong) -> None:
    assert policies.allowed(None, action, obj)
    assert not policies.allowed(AnonymousUser(), action, obj)
    assert policies.allowed(inside, action, obj)
    assert not policies.allowed(outside, action, obj)
    assert not policies.allowed(wrong, action, obj)
    for refused in (outside, wrong):
        with pytest.raises(PermissionDenied):
            policies.require(refused, action, obj)
