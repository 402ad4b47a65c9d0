"""Reads on the Party side. Organizations and members start from `visible_to(actor)` (the Party side of
the scope); coverage figures from the actor's coverage subtrees. Anything else is a 404."""

from datetime import date

from django.db.models import Count, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lvxie.core.paths import under
from lvxie.core.scoping import NOTHING, path_q, scope_of
from lvxie.core.statements import Statements
from lvxie.core.types import Actor
from lvxie.registry.models import Lawyer, Region
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo

from .choices import ORG_COVERED, CoverageState, MemberStatus, OrgKind, OrgStatus, TransferStatus
from .coverage import Figures, min_lawyers, protected_region_figures, region_figures
from .models import FirmCoverage, Instructor, MemberTransfer, OrgFirm, Pairing, PartyMembership, PartyOrg


def org_list(
    actor: Actor, *, q: str = "", kind: str = "", status: str = "", region: Region | None = None
) -> QuerySet[PartyOrg]:
    """The organizations the actor may see, in tree order, with their current member count."""
    orgs = PartyOrg.objects.visible_to(actor).select_related("region", "parent")
    if q:
        orgs = orgs.filter(name__contains=q)
    if kind:
        orgs = orgs.filter(kind=kind)
    if status:
        orgs = orgs.filter(status=status)
    if region is not None:
        orgs = orgs.filter(region_path__startswith=region.path)
    return orgs.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MemberStatus.ACTIVE))
    ).order_by("path")


def knows_lawyer(actor, lawyer: Lawyer) -> bool:
    """Is this lawyer one the actor knows on the Party side: practising in the region of their committee
    staff role, or (a secretary) in a firm their organizations sit in or cover?"""
    if actor is None or under(lawyer.region.path, scope_of(actor).party_region_paths):
        return True
    paths = scope_of(actor).party_org_paths
    if not paths or lawyer.firm_id is None:
        return False
    links = OrgFirm.objects.filter(firm_id=lawyer.firm_id, until__isnull=True, org__status=OrgStatus.ACTIVE)
    return links.filter(path_q("org__path", paths)).exists()


def org_firms(org: PartyOrg) -> QuerySet:
    """The firms an organization sits in or covers now."""
    return org.firm_links.filter(until__isnull=True).select_related("firm", "firm__region")


def member_list(
    actor: Actor, org: PartyOrg, *, status: str = MemberStatus.ACTIVE
) -> QuerySet[PartyMembership]:
    """Members of one organization (callers audit the read with `services.members_read`)."""
    members = (
        PartyMembership.objects.visible_to(actor).filter(org=org).select_related("lawyer", "lawyer__firm")
    )
    if status:
        members = members.filter(status=status)
    return members.order_by("lawyer__name_pinyin", "id")


def transfer_list(actor: Actor, *, status: str = "") -> QuerySet[MemberTransfer]:
    """Transfers the actor sees from either side, newest first."""
    transfers = MemberTransfer.objects.visible_to(actor).select_related("from_org", "to_org")
    return transfers.filter(status=status) if status else transfers


def committee_path(org: PartyOrg) -> Coalesce:
    """The path of the industry Party committee an organization belongs to (the nearest one at or above
    it; the organization's own where none is), as an expression: read in the query that uses it."""
    return _committee_path([int(pk) for pk in org.path.split("/") if pk], org.path)


def _committee_path(ids: list, path: str) -> Coalesce:
    above = PartyOrg.objects.filter(pk__in=ids, kind=OrgKind.INDUSTRY_COMMITTEE).order_by("-path")
    return Coalesce(Subquery(above.values("path")[:1]), Value(path))


def transfer_targets(actor: Actor | None, member: PartyMembership) -> QuerySet[PartyOrg]:
    """Where a member may be transferred: any active organization under the committee their organization
    belongs to, or that the actor keeps, in whose region the lawyer practises (not their own)."""
    ancestors, org_ids, org_path = _placed(member)
    return _targets(actor, ancestors, member.org_id, org_ids, org_path)


def _placed(member: PartyMembership) -> tuple[list[str], list[int], str]:
    """What a member's targets depend on: the paths above the lawyer's district, and their organization's
    path (its organizations' ids, and the path itself)."""
    path = member.lawyer.region.path
    ancestors = [path[: i + 1] for i, ch in enumerate(path) if ch == "/"]
    return ancestors, [int(pk) for pk in member.org.path.split("/") if pk], member.org.path


def _targets(actor: Actor | None, ancestors: list, org_id: int, org_ids: list, org_path: str):
    orgs = PartyOrg.objects.filter(status=OrgStatus.ACTIVE, region_path__in=ancestors).exclude(pk=org_id)
    if actor is None:
        return orgs
    scope = scope_of(actor)
    return orgs.filter(
        Q(path__startswith=_committee_path(org_ids, org_path))
        | path_q("region_path", scope.party_region_paths)
        | path_q("path", scope.party_org_paths)
    )


_TARGETS = Statements()


def is_transfer_target(actor: Actor | None, member: PartyMembership, org: PartyOrg) -> bool:
    """Whether `org` is one of `transfer_targets(actor, member)`: asked on every transfer, so compiled once
    per shape (how many paths and ids, and the actor's Party scope, which the query holds as constants)."""
    ancestors, org_ids, org_path = _placed(member)
    scope = None if actor is None else scope_of(actor)
    key = (
        "target",
        len(ancestors),
        len(org_ids),
        scope and (scope.party_region_paths, scope.party_org_paths),
    )
    a, k = len(ancestors), len(org_ids)

    def build(*values):
        found = _targets(
            actor, list(values[:a]), values[a], list(values[a + 1 : a + 1 + k]), values[a + 1 + k]
        )
        return found.filter(pk=values[-1]).values_list("pk")[:1]

    return bool(_TARGETS.rows(key, build, *ancestors, member.org_id, *org_ids, org_path, org.pk))


def instructor_list(actor: Actor, *, active: bool = True) -> QuerySet[Instructor]:
    instructors = Instructor.objects.visible_to(actor).select_related("firm", "org")
    return instructors.filter(ended_on__isnull=True) if active else instructors


def pairing_list(actor: Actor, org: PartyOrg) -> QuerySet[Pairing]:
    return (
        Pairing.objects.visible_to(actor)
        .filter(Q(org=org) | Q(partner_org=org))
        .select_related("org", "partner_org", "partner_firm")
    )


def committees_for(actor: Actor) -> QuerySet[PartyOrg]:
    """Active industry committees the actor manages (for instructors and new organizations)."""
    return PartyOrg.objects.filter(
        path_q("region_path", scope_of(actor).party_region_paths) or NOTHING,
        kind=OrgKind.INDUSTRY_COMMITTEE,
        status=OrgStatus.ACTIVE,
    )


def coverage_regions(actor: Actor) -> QuerySet[Region]:
    """Regions whose coverage figures the actor may open: inside a coverage subtree."""
    return Region.objects.filter(path_q("path", scope_of(actor).coverage_region_paths) or NOTHING)


def coverage_root(actor: Actor) -> Region:
    """The highest region of the actor's coverage scope (404 when there is none)."""
    region = coverage_regions(actor).order_by("path").first()
    if region is None:
        raise Http404
    return region


def coverage_in_full(actor: Actor, region: Region) -> bool:
    """Does the actor see this region's coverage in full (Party committee staff over it), or only in the
    protected form that cannot single out a member (`coverage.protected_region_figures`)?"""
    return under(region.path, scope_of(actor).party_region_paths)


def coverage_figures(actor: Actor, region: Region) -> tuple[Figures, list[Figures]]:
    """Totals and per-child figures of a region the actor may open (404 otherwise): in full for the
    Party side, protected for everyone else."""
    if not under(region.path, scope_of(actor).coverage_region_paths):  # as coverage_regions(actor) says
        raise Http404
    return region_figures(region) if coverage_in_full(actor, region) else protected_region_figures(region)


FLAGS = {
    "needs_own_org": Q(needs_own_org=True),
    "members_unorganized": Q(members_unorganized=True),
    "uncovered": Q(state=CoverageState.NONE),
    "not_organized": ~Q(state__in=ORG_COVERED),
}
# Flags that reveal how many members a firm has: the Party side only.
MEMBER_FLAGS = {"needs_own_org", "members_unorganized"}


def firm_coverage_list(
    actor: Actor, *, region: Region, state: str = "", flag: str = "", q: str = ""
) -> QuerySet[FirmCoverage]:
    """The counted firms of a region subtree with their coverage, for the drill-down. Outside the Party
    side only firms of at least `min_lawyers()` lawyers are listed (whatever the filter), so neither a
    row nor a count of rows says anything about a smaller firm, and member-based flags are ignored."""
    if not under(region.path, scope_of(actor).coverage_region_paths):
        raise Http404
    rows = FirmCoverage.objects.filter(region_path__startswith=region.path, counted=True).select_related(
        "firm", "firm__region", "org"
    )
    if not coverage_in_full(actor, region):
        rows = rows.filter(lawyers__gte=min_lawyers())
        if flag in MEMBER_FLAGS:
            flag = ""
    if state:
        rows = rows.filter(state=state)
    if flag in FLAGS:
        rows = rows.filter(FLAGS[flag])
    if q:
        rows = rows.filter(firm__name__contains=q)
    return rows.order_by("firm__name", "firm_id")


def todos(actor: Actor, today: date) -> list[Todo]:
    """待办 of the Party side: the member transfers awaiting the actor's acceptance (their organization
    receives, or they are the committee staff over it). One query."""
    from . import policies

    pending = transfer_list(actor, status=TransferStatus.PENDING).select_related("from_org", "to_org")
    return [
        todo(
            title=str(
                _("Member transfer from %(from)s to %(to)s") % {"from": t.from_org.name, "to": t.to_org.name}
            ),
            url=t.get_absolute_url(),
            kind=str(_("Accept a member transfer")),
            created=t.requested_at,
            due=None,
            today=today,
        )
        for t in pending.order_by("requested_at", "id")[:PER_PROVIDER]
        if policies.allowed(actor, policies.TRANSFER_ACCEPT, t)
    ]
