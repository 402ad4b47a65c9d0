"""Records owned by exactly one firm or one Party organization (a ledger, a notice's receipt): the check
constraint that says so and who sees them, written once. The model has two nullable foreign keys named
`firm` and `party_org`, and a `region` (the owner's district, or the organization's region)."""

from django.db import models
from django.db.models import Q

from .scoping import ScopeView, combine, path_q

ONE_OWNER = Q(firm__isnull=False, party_org__isnull=True) | Q(firm__isnull=True, party_org__isnull=False)


def one_owner_constraint(name: str) -> models.CheckConstraint:
    """Exactly one of `firm` and `party_org` is set (the database refuses anything else)."""
    return models.CheckConstraint(condition=ONE_OWNER, name=name)


def owner_scope_q(view: ScopeView, prefix: str = "") -> Q:
    """Who sees such a record (at the lookup `prefix`): a firm's, its firm and the staff over its
    district; a Party organization's, its committee staff (by region) and its secretaries (the
    organization's subtree), never region staff or firms: it is Party-side data."""
    regions = path_q(f"{prefix}region__path", view.region_paths)
    party_regions = path_q(f"{prefix}region__path", view.party_region_paths)
    firm_owned = Q(**{f"{prefix}party_org__isnull": True})
    org_owned = Q(**{f"{prefix}party_org__isnull": False})
    return combine(
        regions & firm_owned if regions else Q(),
        Q(**{f"{prefix}firm_id__in": view.firm_ids}) if view.firm_ids else Q(),
        party_regions & org_owned if party_regions else Q(),
        path_q(f"{prefix}party_org__path", view.party_org_paths),
    )
