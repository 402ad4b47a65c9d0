"""Reads of notifications: only one's own."""

from django.db.models import Q, QuerySet

from lvxie.accounts.choices import REGION_ROLES, REGISTRY_EDITORS, Role
from lvxie.accounts.models import User

from .models import Notification


def notification_list(actor, *, unread: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.visible_to(actor)
    return notifications.unread() if unread else notifications


def unread_count(actor) -> int:
    return Notification.objects.visible_to(actor).unread().count()


def firm_people(firm_ids: list[int]):
    """The people who act for these firms: their administrators' active accounts."""
    return User.objects.filter(
        is_active=True, roles__role=Role.FIRM_ADMIN, roles__firm_id__in=firm_ids
    ).distinct()


def firm_accounts(firm_id: int):
    """Everyone with an account acting in the firm: its administrators and its lawyers."""
    return User.objects.filter(
        Q(roles__role=Role.FIRM_ADMIN, roles__firm_id=firm_id) | Q(lawyer__firm_id=firm_id), is_active=True
    ).distinct()


def region_people(path: str):
    """Staff with a region editing role over the region at `path` (the level above a firm there)."""
    ancestors = [path[: i + 1] for i, ch in enumerate(path) if ch == "/"]
    return User.objects.filter(
        is_active=True,
        roles__role__in=REGION_ROLES & REGISTRY_EDITORS,
        roles__region__path__in=ancestors,
    ).distinct()
