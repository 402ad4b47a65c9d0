"""Reads about access: a user's scope (the union of their role assignments) and who holds a role."""

from dataclasses import replace

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from lvxie.accounts.choices import (
    COVERAGE_READERS,
    FIRM_ROLES,
    PARTY_ORG_ROLES,
    PARTY_REGION_ROLES,
    REGION_ROLES,
    REGISTRY_EDITORS,
    SELF_ROLES,
    SENSITIVE_READERS,
    Role,
)
from lvxie.core import request_cache
from lvxie.core.paths import under
from lvxie.core.scoping import Scope

from .models import RoleAssignment


def _minimal(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by a shorter one, so each row is matched by as few LIKEs as possible."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not under(path, kept):
            kept.append(path)
    return tuple(sorted(kept))


def scope_for_user(user) -> Scope:
    """Union of the user's role assignments (the LVXIE_SCOPE_PROVIDER: use
    `lvxie.core.scoping.scope_of`, which caches it)."""
    roles: set[str] = set()
    paths, edit_paths, sensitive_paths = set(), set(), set()
    firms: set[int] = set()
    edit_firms: set[int] = set()
    lawyers: set[int] = set()
    party_paths, party_org_paths, coverage_paths, discipline_paths = set(), set(), set(), set()
    for assignment in RoleAssignment.objects.filter(user=user).select_related("region", "party_org"):
        role = assignment.role
        roles.add(role)
        if role in PARTY_REGION_ROLES:
            party_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
        if role in COVERAGE_READERS:
            coverage_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
        if role == Role.DISCIPLINE_OFFICER:
            discipline_paths.add(assignment.region.path)  # type: ignore[union-attr]  # bound by RoleAssignment.clean
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
        discipline_region_paths=_minimal(discipline_paths),
        audit_reader=Role.AUDITOR in roles,
        account_manager=Role.SYSTEM_ADMIN in roles,
    )


# Bumped when a region or Party organization path may have changed: every cached scope is then stale.
SCOPE_GENERATION = request_cache.PATHS_GENERATION


def scope_key(user_id: int) -> str:
    return f"scope:{user_id}"


def cached_scope_for_user(user) -> Scope:
    """`scope_for_user` kept in the request cache (lvxie.core.request_cache), one round trip per request.
    An entry holds what it was computed from besides the role rows (the session version, which a revoked
    role rotates; the linked lawyer; the path generation); role rows forget it when they change
    (lvxie.access.signals)."""
    key = scope_key(user.pk)
    found = request_cache.cache().get_many([key, SCOPE_GENERATION])
    stamp = (user.session_version, user.lawyer_id, found.get(SCOPE_GENERATION, 0))
    entry = found.get(key)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    # (the generation it was computed under travels with it: what is cached beside it is keyed by it)
    scope = replace(scope_for_user(user), generation=str(stamp[2]))
    request_cache.cache().set(key, (stamp, scope), request_cache.TIMEOUT)
    return scope


def role_holders(role: str) -> QuerySet:
    """The active accounts that hold `role` (anywhere): e.g. the auditors told of each role grant."""
    return get_user_model().objects.filter(is_active=True, roles__role=role).distinct()
