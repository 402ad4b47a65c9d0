"""The request cache (lvxie.core.request_cache) with a real shared cache configured: a user's scope, unread
count and navigation are computed once, and forgotten by the writes that change them."""

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvxie.access.services import role_assign, role_revoke
from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.core.scoping import scope_of
from lvxie.notifications.models import Notification
from lvxie.notifications.selectors import unread_count
from lvxie.notifications.services import notification_read, notifications_read_all, notify
from lvxie.party.models import PartyOrg


@pytest.fixture
def shared_cache(settings):
    """A local-memory cache as the "request" alias: one process, so as shared as Redis is in production."""
    settings.CACHES = {
        **settings.CACHES,
        "request": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-request"},
    }
    caches["request"].clear()
    yield caches["request"]
    caches["request"].clear()


def fresh(user: User) -> User:
    """The user as the next request loads them: a new object, no scope computed on it yet."""
    return User.objects.get(pk=user.pk)


def queries(fn) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as seen:
        result = fn()
    return result, len(seen)


def test_the_scope_is_computed_once_and_a_new_role_shows_at_once(shared_cache, world, secadmin):
    user, futian, nanshan = world["users"]["futian"], world["regions"]["futian"], world["regions"]["nanshan"]
    first, computed = queries(lambda: scope_of(fresh(user)))
    again, cached = queries(lambda: scope_of(fresh(user)))
    assert first == again and first.region_paths == (futian.path,)
    assert cached == computed - 1  # only the user row: no role rows read
    role_assign(actor=None, user=user, role=Role.DISTRICT_ADMIN, region=nanshan)
    assert scope_of(fresh(user)).region_paths == tuple(sorted([futian.path, nanshan.path]))


def test_a_revoked_role_ends_the_cached_scope(shared_cache, world, secadmin):
    user = world["users"]["nanshan"]
    assert scope_of(fresh(user)).region_paths
    role_revoke(actor=secadmin, assignment=user.roles.get())
    assert scope_of(fresh(user)).is_empty


def test_a_moved_party_organization_moves_its_secretaries_scope(shared_cache, world):
    city = world["regions"]["city"]
    on = date(2024, 1, 1)
    parent = PartyOrg.objects.create(name="上级党委", region=city, kind="industry_committee", founded_on=on)
    child = PartyOrg.objects.create(name="支部", region=city, kind="independent_branch", founded_on=on)
    for org, path in ((parent, f"{parent.pk}/"), (child, f"{child.pk}/")):
        org.path = path
        org.save(update_fields=["path"])
    user = User.objects.create_user(username="secretary", password="pw-Test-12345")
    user.roles.create(role=Role.ORG_SECRETARY, party_org=child)
    assert scope_of(fresh(user)).party_org_paths == (f"{child.pk}/",)
    child.path = f"{parent.pk}/{child.pk}/"
    child.save(update_fields=["path"])
    assert scope_of(fresh(user)).party_org_paths == (f"{parent.pk}/{child.pk}/",)


def test_the_unread_count_is_kept_until_a_notification_is_sent_or_read(shared_cache, world):
    user = world["users"]["firm"]
    assert unread_count(user) == 0
    assert queries(lambda: unread_count(user)) == (0, 0)
    notify(users=[user], title="一", email=False)
    notify(users=[user], title="二", email=False)
    assert unread_count(user) == 2
    notification_read(actor=user, notification=Notification.objects.filter(recipient=user).first())
    assert unread_count(user) == 1
    notifications_read_all(actor=user)
    assert unread_count(user) == 0


def test_the_navigation_is_shared_by_the_same_roles_in_one_language(shared_cache, client, world):
    def nav(user, language="zh-hans") -> str:
        client.force_login(user)
        client.cookies["django_language"] = language
        page = client.get(reverse("home")).content.decode()
        return page[page.index('<nav class="mainnav"') : page.index("</nav>")]

    futian, nanshan, auditor = world["users"]["futian"], world["users"]["nanshan"], world["users"]["auditor"]
    assert nav(futian) == nav(nanshan)
    assert reverse("audit:event_list") in nav(auditor) and reverse("audit:event_list") not in nav(futian)
    assert "Law firms" in nav(futian, "en") and "Law firms" not in nav(futian)
    assert any(key.startswith(":1:template.cache.mainnav") for key in shared_cache._cache)
