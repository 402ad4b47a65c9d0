"""Reads about users: above all, a user's scope."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from lvxie.core.paths import under
from lvxie.core.scoping import Scope, scope_of

from .choices import (
    COVERAGE_READERS,
    DUTY_ROLES,
    FIRM_ROLES,
    PARTY_ORG_ROLES,
    PARTY_REGION_ROLES,
    REGION_ROLES,
    REGISTRY_EDITORS,
    SELF_ROLES,
    SENSITIVE_READERS,
    Role,
)
from .models import LoginThrottle, RoleAssignment


def _minimal(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by a shorter one, so each row is matched by as few LIKEs as possible."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not under(path, kept):
            kept.append(path)
    return tuple(sorted(kept))


def scope_for_user(user) -> Scope:
    """Union of the user's role assignments (use `lvxie.core.scoping.scope_of`, which caches it)."""
    roles: set[str] = set()
    paths, edit_paths, sensitive_paths = set(), set(), set()
    firms: set[int] = set()
    edit_firms: set[int] = set()
    lawyers: set[int] = set()
    party_paths, party_org_paths, coverage_paths = set(), set(), set()
    for assignment in RoleAssignment.objects.filter(user=user).select_related("region", "party_org"):
        role = assignment.role
        roles.add(role)
        if role in PARTY_REGION_ROLES:
            party_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
        if role in COVERAGE_READERS:
            coverage_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
        if role in PARTY_ORG_ROLES:
            party_org_paths.add(assignment.party_org.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
        elif role in REGION_ROLES:
            paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
            if role in REGISTRY_EDITORS:
                edit_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
            if role in SENSITIVE_READERS:
                sensitive_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
        elif role in FIRM_ROLES:
            firms.add(assignment.firm_id)  # type: ignore[arg-type]  # bound by RoleAssignment.clean
            if role in REGISTRY_EDITORS:
                edit_firms.add(assignment.firm_id)  # type: ignore[arg-type]  # bound by RoleAssignment.clean
        elif role in SELF_ROLES and user.lawyer_id:
            lawyers.add(user.lawyer_id)
    return Scope(
        roles=frozenset(roles),
        region_paths=_minimal(paths),
        firm_ids=frozenset(firms),
        lawyer_ids=frozenset(lawyers),
        edit_region_paths=_minimal(edit_paths),
        edit_firm_ids=frozenset(edit_firms),
        sensitive_region_paths=_minimal(sensitive_paths),
        party_region_paths=_minimal(party_paths),
        party_org_paths=_minimal(party_org_paths),
        coverage_region_paths=_minimal(coverage_paths),
        audit_reader=Role.AUDITOR in roles,
        account_manager=Role.SYSTEM_ADMIN in roles,
    )


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
