"""Reads from the registry. Every function starts from `visible_to(actor)`. The lists (firms, lawyers,
trainees, committees, offices) are defined in lists.py, for their pages, API and exports alike."""

from collections.abc import Callable

from django.db.models import Count, QuerySet

from lvxie.core.scoping import NOTHING, path_q, scope_of
from lvxie.core.statements import Statements
from lvxie.core.types import Actor

from .choices import LawyerKind, RegionLevel
from .models import BarCommittee, CommitteeMembership, LawFirm, Lawyer, OverseasOffice, Region, Trainee

# A lawyer's page asks these of every view: compiled once (per scope where the scope matters).
_PAGE_READS = Statements()


def lawyer_sensitive_to(actor: Actor | None, lawyer: Lawyer) -> bool:
    """Whether the actor may see this lawyer's ID number and phone unmasked (may reveal them)."""
    return lawyer.lies_in(scope_of(actor).sensitive())


def committee_seats(lawyer_id: int) -> list[CommitteeMembership]:
    """The lawyer's seats on bar committees, with their committees (public within the registry)."""

    def build(pk):
        return CommitteeMembership.objects.filter(lawyer_id=pk).select_related("committee")

    return _PAGE_READS.rows(("seats",), build, lawyer_id)


def likely_duplicates(actor: Actor, lawyer: Lawyer) -> QuerySet[Lawyer]:
    """Other lawyers the actor may see with the same name after 繁→简 folding in the same firm: the same
    person entered twice (张斌 / 張斌) more often than two namesakes in one firm."""
    if not lawyer.firm_id:
        return Lawyer.objects.none()
    return (
        Lawyer.objects.visible_to(actor)
        .filter(firm_id=lawyer.firm_id, name_simplified=lawyer.name_simplified)
        .exclude(pk=lawyer.pk)
    )


def regions_openable(actor: Actor) -> QuerySet[Region]:
    """Regions inside the actor's subtrees. Their ancestors are visible by name (breadcrumbs) but
    opening one would show figures beyond the actor's scope, so it is not openable."""
    return Region.objects.filter(path_q("path", scope_of(actor).region_paths) or NOTHING)


def districts_for(actor: Actor | None) -> QuerySet[Region]:
    """The districts the actor may see, for filters and forms."""
    return Region.objects.visible_to(actor).filter(level=RegionLevel.DISTRICT)


# Below a region of this depth (its path's parts: 86/ a country, 86/44/ a province), a list's filter offers
# the next level down: a province's hundred districts or the nation's 2,800 are no drop-down (they made a
# national administrator's every list page 135 KB and 200 ms).
_LEVEL_BELOW = {1: RegionLevel.PROVINCE, 2: RegionLevel.CITY}


def filter_regions(actor: Actor | None) -> tuple[RegionLevel, Callable[[], list[Region]]]:
    """The regions a list's region filter offers the actor (read when the drop-down is drawn: an API call
    or an export only cleans the value), and their level: their districts, or, for an actor over a
    province or the nation, the level below their broadest region (its cities, the provinces). Compiled
    once per scope: every list page draws it."""
    scope = scope_of(actor)
    broadest = min((path.count("/") for path in scope.region_paths), default=0)
    level = _LEVEL_BELOW.get(broadest, RegionLevel.DISTRICT)

    def build():
        return Region.objects.visible_to(actor).filter(level=level)

    return level, lambda: _PAGE_READS.rows(("filter regions", scope.reads(), level), build)


def region_children_counts(actor: Actor, region: Region) -> list[dict]:
    """Each child region of `region` with the number of firms and lawyers in its subtree that the
    actor may see: two grouped queries, not one per child."""
    children = list(Region.objects.visible_to(actor).filter(parent=region))
    depth = region.depth + 1

    def grouped(queryset, path_field):
        counts: dict[str, int] = {}
        for path, n in queryset.values_list(path_field).annotate(n=Count("id")).values_list(path_field, "n"):
            key = "/".join(path.split("/")[:depth]) + "/"
            counts[key] = counts.get(key, 0) + n
        return counts

    firm_counts = grouped(
        LawFirm.objects.visible_to(actor).filter(region_path__startswith=region.path), "region_path"
    )
    lawyer_counts = grouped(
        Lawyer.objects.visible_to(actor).filter(region_path__startswith=region.path), "region_path"
    )
    return [
        {
            "region": child,
            "firms": firm_counts.get(child.path, 0),
            "lawyers": lawyer_counts.get(child.path, 0),
        }
        for child in children
    ]


def firm_figures(firm: LawFirm) -> dict:
    """The firm's own totals: its lawyers (and by kind), trainees and overseas offices. The same for
    everyone who may see the firm, a lawyer of it as much as the bureau: counts are not personal data,
    while the lists behind them stay scoped. Callers got `firm` from `visible_to`."""
    grouped = firm.lawyers.order_by().values_list("kind").annotate(n=Count("id"))
    by_kind = dict(grouped.values_list("kind", "n"))
    return {
        "lawyers": sum(by_kind.values()),
        "lawyers_by_kind": [(label, by_kind[kind]) for kind, label in LawyerKind.choices if kind in by_kind],
        "trainees": firm.trainees.count(),
        "offices": firm.overseas_offices.count(),
    }


def dashboard_counts(actor: Actor) -> dict:
    """Totals and per-district, per-kind counts of firms and lawyers in the actor's region subtrees (the
    dashboard of region roles; a firm or a lawyer's own record is not a region and gets its own page)."""
    regions = scope_of(actor).region_paths
    firms = LawFirm.objects.filter(path_q("region_path", regions) or NOTHING)
    lawyers = Lawyer.objects.filter(path_q("region_path", regions) or NOTHING)
    return {
        "firms": firms.count(),
        "lawyers": lawyers.count(),
        "trainees": Trainee.objects.filter(path_q("firm__region_path", regions) or NOTHING).count(),
        "committees": BarCommittee.objects.filter(path_q("region__path", regions) or NOTHING).count(),
        "offices": OverseasOffice.objects.filter(path_q("firm__region_path", regions) or NOTHING).count(),
        # In the regions' order (the path), which the dashboard's charts share.
        "firms_by_district_kind": list(
            firms.values("region__path", "region__name", "kind")
            .annotate(n=Count("id"))
            .order_by("region__path", "kind")
        ),
        "lawyers_by_district_kind": list(
            lawyers.values("region__path", "region__name", "kind")
            .annotate(n=Count("id"))
            .order_by("region__path", "kind")
        ),
    }
