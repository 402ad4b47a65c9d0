"""Who may see what. Every scoped model's manager has `visible_to(actor)`; selectors start from it.

A user's scope is the union of their role assignments: region subtrees (materialized path prefixes),
firms, and their own lawyer record. Anything outside it does not exist for them (404, never 403). Core
imports no app: the function that computes a scope is named by the setting LVXIE_SCOPE_PROVIDER
(lvxie.access.selectors.scope_for_user).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.module_loading import import_string

from lvxie.core.types import Actor


@dataclass(frozen=True)
class Scope:
    """What one user may see (`region_paths`, `firm_ids`, `lawyer_ids`) and edit (`edit_*`)."""

    roles: frozenset[str] = frozenset()
    region_paths: tuple[str, ...] = ()
    firm_ids: frozenset[int] = frozenset()
    lawyer_ids: frozenset[int] = frozenset()
    edit_region_paths: tuple[str, ...] = ()
    edit_firm_ids: frozenset[int] = frozenset()
    sensitive_region_paths: tuple[str, ...] = ()
    # Party side: committee staff see organizations and members in region subtrees; a secretary sees
    # their organization's subtree (PartyOrg paths). Coverage figures (aggregates) reach further.
    party_region_paths: tuple[str, ...] = ()
    party_org_paths: tuple[str, ...] = ()
    coverage_region_paths: tuple[str, ...] = ()
    # Complaints and disciplinary cases: discipline officers in region subtrees (case-level grants to
    # the staff an officer names are the cases' own business).
    discipline_region_paths: tuple[str, ...] = ()
    audit_reader: bool = False
    account_manager: bool = False
    # The path generation (core.request_cache.PATHS_GENERATION) the scope was read under, where a shared
    # cache keeps it: what is kept of regions and Party organizations for this scope is keyed by it.
    generation: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.region_paths or self.firm_ids or self.lawyer_ids)

    @property
    def party_side(self) -> bool:
        return bool(self.party_region_paths or self.party_org_paths)

    def reads(self) -> ScopeView:
        return ScopeView(
            self.region_paths, self.firm_ids, self.lawyer_ids, self.party_region_paths, self.party_org_paths
        )

    def edits(self) -> ScopeView:
        return ScopeView(self.edit_region_paths, self.edit_firm_ids, frozenset())

    def sensitive(self) -> ScopeView:
        """Where this user may unmask ID numbers and phones (own record included)."""
        return ScopeView(self.sensitive_region_paths, frozenset(), self.lawyer_ids)


@dataclass(frozen=True)
class ScopeView:
    """One facet of a scope (read, edit, or sensitive) as the three kinds of grant. The read facet also
    carries the Party side, for models a Party organization can own (notice receipts, ledgers)."""

    region_paths: tuple[str, ...]
    firm_ids: frozenset[int]
    lawyer_ids: frozenset[int]
    party_region_paths: tuple[str, ...] = ()
    party_org_paths: tuple[str, ...] = ()


NOTHING = Q(pk__in=[])


def path_q(lookup: str, paths: tuple[str, ...]) -> Q:
    """Q for 'the object's region path lies under one of these paths'."""
    q = Q()
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


@cache
def scope_provider() -> Callable[..., Scope]:
    """The function of settings.LVXIE_SCOPE_PROVIDER (user -> Scope), imported once."""
    return import_string(settings.LVXIE_SCOPE_PROVIDER)


def scope_of(actor: Actor | None) -> Scope:
    """The scope of a user, computed once per user object."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return Scope()
    cached = getattr(actor, "_lvxie_scope", None)
    if cached is None:
        cached = scope_provider()(actor)
        actor._lvxie_scope = cached  # type: ignore[attr-defined]  # a cache on the user object, not a field
    return cached


class ScopedQuerySet(models.QuerySet):
    """A queryset whose model defines `scope_q(view: ScopeView) -> Q`."""

    def visible_to(self, actor: Actor | None):
        return self.filter(self.model.scope_q(scope_of(actor).reads()))

    def sensitive_to(self, actor: Actor | None):
        return self.filter(self.model.scope_q(scope_of(actor).sensitive()))


def combine(*parts: Q) -> Q:
    """OR together the non-empty parts; nothing at all when every part is empty."""
    result = Q()
    for part in parts:
        if part:
            result |= part
    return result if result else NOTHING
