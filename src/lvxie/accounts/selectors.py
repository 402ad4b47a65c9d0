"""Reads about users: log-in blocks and who must give a one-time code (their scope: lvxie.access)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from lvxie.core.scoping import scope_of

from .choices import DUTY_ROLES
from .models import LoginThrottle


@dataclass(frozen=True)
class LoginBlock:
    """Why a log-in step is refused before its password or code is looked at: the account is locked
    (`kind` account), or its client address must wait a little (`kind` address); and until when."""

    kind: str
    until: datetime


def login_block(*, username: str, ip: str | None) -> LoginBlock | None:
    """The lock of this account name, else the wait of this address (None: no address), if any right now."""
    keys = Q(kind=LoginThrottle.Kind.ACCOUNT, key=username.lower()[:150])
    if ip:
        keys |= Q(kind=LoginThrottle.Kind.ADDRESS, key=ip)
    # "account" sorts before "address": the lock is the one to report when both apply.
    found = LoginThrottle.objects.filter(keys, locked_until__gt=timezone.now()).order_by("kind").first()
    return LoginBlock(kind=found.kind, until=found.locked_until) if found and found.locked_until else None


def account_locked_until(user) -> datetime | None:
    """When the lock of this account after failed log-ins runs out, or None when it is not locked."""
    block = login_block(username=user.username, ip=None)
    return block.until if block else None


def needs_totp(user) -> bool:
    """Administrator roles must log in with a one-time code; anyone who set one up uses it too."""
    return bool(user.totp_secret) or is_duty_admin(user)


def is_duty_admin(user) -> bool:
    return bool(scope_of(user).roles & DUTY_ROLES)
