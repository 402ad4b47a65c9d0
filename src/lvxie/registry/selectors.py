"""Reads from the registry. Every function starts from `visible_to(actor)`."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from lvxie.core.chinese import normalize_query
from lvxie.core.scoping import NOTHING, path_q, scope_of

from .choices import RegionLevel
from .models import BarCommittee, LawFirm, Lawyer, OverseasOffice, Region, Trainee


def name_match(queryset: QuerySet, text: str, *, number_field: str | None = None) -> QuerySet:
    """Filter by what a person typed: Chinese in either script, pinyin, initials or a number prefix."""
    query = normalize_query(text)
    if query["kind"] == "han":
        return queryset.filter(name_simplified__contains=query["simplified"])
    if query["kind"] == "code":
        return (
            queryset.filter(**{f"{number_field}__startswith": query["prefix"]})
            if number_field
            else queryset.none()
        )
    latin = query["text"]
    if not latin:
        return queryset
    return queryset.filter(Q(name_pinyin__startswith=latin) | Q(name_initials__startswith=latin))


def _in_region(queryset: QuerySet, region: Region | None, lookup: str = "region__path") -> QuerySet:
    return queryset.filter(**{f"{lookup}__startswith": region.path}) if region else queryset


def firm_list(
    actor,
    *,
    q: str = "",
    region: Region | None = None,
    kind: str = "",
    status: str = "",
    party_building_in_bylaws: bool | None = None,
) -> QuerySet[LawFirm]:
    firms = LawFirm.objects.visible_to(actor).select_related("region")
    if q:
        firms = name_match(firms, q, number_field="credit_code")
    firms = _in_region(firms, region)
    if kind:
        firms = firms.filter(kind=kind)
    if status:
        firms = firms.filter(status=status)
    if party_building_in_bylaws is not None:
        firms = firms.filter(party_building_in_bylaws=party_building_in_bylaws)
    # A correlated count, not JOIN + GROUP BY: the database counts only the rows of the page shown,
    # and the paginator's total leaves it out.
    lawyers = Lawyer.objects.filter(firm=OuterRef("pk")).order_by().values("firm").annotate(n=Count("id"))
    return firms.annotate(lawyer_count=Coalesce(Subquery(lawyers.values("n")), 0)).order_by("name", "id")


def lawyer_list(
    actor,
    *,
    q: str = "",
    region: Region | None = None,
    firm: LawFirm | None = None,
    kind: str = "",
    status: str = "",
    practice_area: str = "",
) -> QuerySet[Lawyer]:
    lawyers = Lawyer.objects.visible_to(actor).select_related("firm", "region")
    if q:
        lawyers = name_match(lawyers, q, number_field="licence_no")
    lawyers = _in_region(lawyers, region)
    if firm:
        lawyers = lawyers.filter(firm=firm)
    if kind:
        lawyers = lawyers.filter(kind=kind)
    if status:
        lawyers = lawyers.filter(status=status)
    if practice_area:
        lawyers = lawyers.filter(practice_areas__contains=f",{practice_area},")
    return lawyers


def trainee_list(
    actor, *, q: str = "", region: Region | None = None, firm: LawFirm | None = None, status: str = ""
) -> QuerySet[Trainee]:
    trainees = Trainee.objects.visible_to(actor).select_related("firm", "supervisor")
    if q:
        trainees = name_match(trainees, q, number_field="certificate_no")
    trainees = _in_region(trainees, region, "firm__region__path")
    if firm:
        trainees = trainees.filter(firm=firm)
    if status:
        trainees = trainees.filter(status=status)
    return trainees


def committee_list(actor, *, q: str = "", kind: str = "") -> QuerySet[BarCommittee]:
    committees = BarCommittee.objects.visible_to(actor).select_related("region")
    if q:
        committees = committees.filter(name__contains=q)
    if kind:
        committees = committees.filter(kind=kind)
    return committees.annotate(member_count=Count("memberships")).order_by("kind", "name")


def office_list(actor, *, q: str = "", country: str = "") -> QuerySet[OverseasOffice]:
    offices = OverseasOffice.objects.visible_to(actor).select_related("firm")
    if q:
        offices = offices.filter(Q(city__contains=q) | Q(firm__name__contains=q))
    if country:
        offices = offices.filter(country=country)
    return offices


def regions_openable(actor) -> QuerySet[Region]:
    """Regions inside the actor's subtrees. Their ancestors are visible by name (breadcrumbs) but
    opening one would show figures beyond the actor's scope, so it is not openable."""
    return Region.objects.filter(path_q("path", scope_of(actor).region_paths) or NOTHING)


def districts_for(actor) -> QuerySet[Region]:
    """The districts the actor may see, for filters and forms."""
    return Region.objects.visible_to(actor).filter(level=RegionLevel.DISTRICT)


def region_children_counts(actor, region: Region) -> list[dict]:
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
        LawFirm.objects.visible_to(actor).filter(region__path__startswith=region.path), "region__path"
    )
    lawyer_counts = grouped(
        Lawyer.objects.visible_to(actor).filter(region__path__startswith=region.path), "region__path"
    )
    return [
        {
            "region": child,
            "firms": firm_counts.get(child.path, 0),
            "lawyers": lawyer_counts.get(child.path, 0),
        }
        for child in children
    ]


def dashboard_counts(actor) -> dict:
    """Totals and per-district, per-kind counts of firms and lawyers in the actor's scope."""
    firms = LawFirm.objects.visible_to(actor)
    lawyers = Lawyer.objects.visible_to(actor)
    return {
        "firms": firms.count(),
        "lawyers": lawyers.count(),
        "trainees": Trainee.objects.visible_to(actor).count(),
        "committees": BarCommittee.objects.visible_to(actor).count(),
        "offices": OverseasOffice.objects.visible_to(actor).count(),
        "firms_by_district_kind": list(
            firms.values("region__name", "kind").annotate(n=Count("id")).order_by("region__name", "kind")
        ),
        "lawyers_by_district_kind": list(
            lawyers.values("region__name", "kind").annotate(n=Count("id")).order_by("region__name", "kind")
        ),
    }
