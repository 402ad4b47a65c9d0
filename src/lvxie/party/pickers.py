"""Picker sources of the Party side (see lvxie.core.pickers): organizations, found by part of their name
and told apart by kind and region. A committee's subtree can hold hundreds of them."""

from django.db.models import QuerySet
from django.http import Http404

from lvxie.core.pickers import Source, register
from lvxie.core.types import Actor

from . import policies, selectors
from .choices import OrgKind, OrgStatus
from .models import PartyMembership, PartyOrg


def _by_name(orgs: QuerySet, text: str) -> QuerySet:
    return orgs.filter(name__contains=text)


def _exact_name(orgs: QuerySet, text: str) -> QuerySet:
    return orgs.filter(name=text.strip())


def _detail(org: PartyOrg) -> str:
    return f"{org.get_kind_display()} · {org.region.name}"


def active_orgs(actor: Actor, *kinds: str) -> QuerySet[PartyOrg]:
    """Active organizations the actor sees (of `kinds`, when given)."""
    orgs = PartyOrg.objects.visible_to(actor).filter(status=OrgStatus.ACTIVE)
    orgs = orgs.filter(kind__in=kinds) if kinds else orgs
    return orgs.select_related("region").order_by("path")


def _merge_targets(actor: Actor) -> QuerySet[PartyOrg]:
    kinds = [k for k in OrgKind.values if k not in (OrgKind.INDUSTRY_COMMITTEE, OrgKind.TEMPORARY_BRANCH)]
    return active_orgs(actor, *kinds)


def _transfer_targets(actor: Actor, member: str | int = "") -> QuerySet[PartyOrg]:
    """Where the member (by id) may go, for someone who keeps the member's records; otherwise 404."""
    found = (
        PartyMembership.objects.visible_to(actor)
        .select_related("org", "lawyer__region")
        .filter(pk=int(member))
        .first()
    )
    if found is None or not policies.allowed(actor, policies.ORG_KEEP, found.org):
        raise Http404
    return selectors.transfer_targets(actor, found).select_related("region").order_by("path")


def _source(name: str, queryset, params: tuple[str, ...] = ()) -> Source:
    return register(
        Source(
            name=name, queryset=queryset, search=_by_name, exact=_exact_name, detail=_detail, params=params
        )
    )


ACTIVE_ORGS = _source("party.active_orgs", active_orgs)
MERGE_TARGETS = _source("party.merge_targets", _merge_targets)
JOINT_BRANCHES = _source("party.joint_branches", lambda actor: active_orgs(actor, OrgKind.JOINT_BRANCH))
COMMITTEES = _source(
    "party.committees",
    lambda actor: selectors.committees_for(actor).select_related("region").order_by("path"),
)
TRANSFER_TARGETS = _source("party.transfer_targets", _transfer_targets, params=("member",))
