"""Reads of notifications: only one's own."""

from django.db.models import Q, QuerySet

from lvxie.accounts.choices import PARTY_REGION_ROLES, REGION_ROLES, REGISTRY_EDITORS, Role
from lvxie.accounts.models import User
from lvxie.core import request_cache
from lvxie.core.statements import Statements
from lvxie.core.types import Actor

from .models import Notification


def notification_list(actor: Actor, *, unread: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.visible_to(actor)
    return notifications.unread() if unread else notifications


def unread_key(user_id: int | None) -> str:
    return f"unread:{user_id}"


def unread_count(actor: Actor) -> int:
    """The top bar's figure on every page: kept in the request cache (lvxie.core.request_cache) until a
    notification is sent to or read by the user (services forget it)."""
    return request_cache.remember(
        unread_key(actor.pk), lambda: Notification.objects.visible_to(actor).unread().count()
    )


def firm_people(firm_ids: list[int], org_ids: list[int] | tuple = ()):
    """The people who act for these firms (their administrators' active accounts) and for these
    Party organizations (their secretaries' active accounts)."""
    return User.objects.filter(
        Q(roles__role=Role.FIRM_ADMIN, roles__firm_id__in=firm_ids)
        | Q(roles__role=Role.ORG_SECRETARY, roles__party_org_id__in=org_ids),
        is_active=True,
    ).distinct()


def firm_accounts(firm_id: int | None, org_id: int | None = None):
    """Everyone with an account acting in the firm (its administrators and its lawyers), or for the
    Party organization (its secretaries)."""
    if org_id is not None:
        return User.objects.filter(
            roles__role=Role.ORG_SECRETARY, roles__party_org_id=org_id, is_active=True
        ).distinct()
    return User.objects.filter(
        Q(roles__role=Role.FIRM_ADMIN, roles__firm_id=firm_id) | Q(lawyer__firm_id=firm_id), is_active=True
    ).distinct()


def region_people(*paths: str, party: bool = False):
    """Staff with a region editing role over the regions at `paths` (the level above a firm there), or,
    with `party`, Party committee staff over them (the level above a Party organization there)."""
    return _over(sorted(_ancestors(paths)), party)


def _ancestors(paths) -> set[str]:
    return {path[: i + 1] for path in paths for i, ch in enumerate(path) if ch == "/"}


def _over(ancestors, party: bool):
    return User.objects.filter(
        is_active=True,
        roles__role__in=PARTY_REGION_ROLES if party else REGION_ROLES & REGISTRY_EDITORS,
        roles__region__path__in=ancestors,
    ).distinct()


_PEOPLE = Statements()


def people_of(
    *, firm_ids=(), org_ids=(), over: tuple[str, ...] | list[str] = (), party: bool = False
) -> list[User]:
    """`firm_people(firm_ids, org_ids)` and `region_people(*over, party=party)` together, each user once,
    in one query compiled once per shape (how many of each): a transfer's or a decision's message is on
    the path of every write that sends it."""
    firms, orgs, paths = sorted(set(firm_ids)), sorted(set(org_ids)), sorted(_ancestors(over))
    n, m = len(firms), len(orgs)

    def build(*values):
        people = firm_people(list(values[:n]), list(values[n : n + m]))
        return people | _over(list(values[n + m :]), party) if paths else people

    return _PEOPLE.rows(("people", n, m, len(paths), party), build, *firms, *orgs, *paths)
