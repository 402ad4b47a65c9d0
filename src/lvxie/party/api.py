"""The Party side over HTTP: organizations and their members (Party-side roles only; every member read
is audited) and coverage figures per region (also for region administrators). Read-only: writes are
made on the pages, through the same services."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from lvxie.registry.api import DETAIL_ERRORS, READ_ERRORS, Id, Page, RegionRef, Text, _page
from lvxie.registry.models import Region

from . import selectors, services
from .choices import MemberKind, MemberStatus, OrgKind, OrgStatus
from .coverage import Figures
from .models import PartyOrg

router = Router(tags=["party"])


class OrgOut(Schema):
    id: int
    name: str
    kind: OrgKind
    kind_label: str
    status: OrgStatus
    parent_id: int | None
    region: RegionRef
    founded_on: date
    ended_on: date | None
    firm_ids: list[int]
    member_count: int

    @staticmethod
    def resolve_kind_label(obj: PartyOrg) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_firm_ids(obj: PartyOrg) -> list[int]:
        return [link.firm_id for link in obj.firm_links.all() if link.until is None]


class OrgPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OrgOut]


class OrgFilters(Page):
    q: Text = ""
    kind: OrgKind | None = None
    status: OrgStatus | None = None


class MemberOut(Schema):
    id: int
    lawyer_id: int
    lawyer_name: str
    firm_id: int | None
    kind: MemberKind
    status: MemberStatus
    joined_party_on: date
    joined_on: date
    ended_on: date | None
    transferred_from_id: int | None

    @staticmethod
    def resolve_lawyer_name(obj) -> str:
        return obj.lawyer.name

    @staticmethod
    def resolve_firm_id(obj) -> int | None:
        return obj.lawyer.firm_id


class MemberFilters(Schema):
    status: MemberStatus = Field(MemberStatus.ACTIVE)


class CoverageOut(Schema):
    """The coverage figures of one region subtree (rates in per cent, null when the base is zero). For
    callers outside the Party side they are `protected`: states and rates count only firms with enough
    lawyers (the others are `small_firms`), members only regions where the count singles out no one
    (null when there is none), and `orgs` is empty."""

    region: RegionRef
    protected: bool
    firms: int
    small_firms: int
    own_org: int
    joint_branch: int
    work_only: int
    uncovered: int
    firms_with_members: int
    needs_own_org: int
    lawyers: int
    members: int | None
    probationary_members: int | None
    member_share: float | None
    org_coverage_rate: float | None
    work_coverage_rate: float | None
    bylaws_rate: float | None
    orgs: dict[str, int]


class CoverageReportOut(Schema):
    total: CoverageOut
    children: list[CoverageOut]


@router.get("/party/orgs", response={200: OrgPage, **READ_ERRORS}, summary="List Party organizations")
def org_list(request: HttpRequest, filters: Query[OrgFilters]) -> dict[str, Any]:
    """Organizations in the caller's Party scope (none for roles outside the Party side)."""
    orgs = selectors.org_list(request.user, q=filters.q, kind=filters.kind or "", status=filters.status or "")
    return _page(orgs.prefetch_related("firm_links"), filters)


@router.get(
    "/party/orgs/{org_id}", response={200: OrgOut, **DETAIL_ERRORS}, summary="Get a Party organization"
)
def org_detail(request: HttpRequest, org_id: Id) -> PartyOrg:
    return get_object_or_404(selectors.org_list(request.user).prefetch_related("firm_links"), pk=org_id)


@router.get(
    "/party/orgs/{org_id}/members",
    response={200: list[MemberOut], **DETAIL_ERRORS},
    summary="List the members of a Party organization (audited)",
)
def member_list(request: HttpRequest, org_id: Id, filters: Query[MemberFilters]) -> list:
    org = get_object_or_404(PartyOrg.objects.visible_to(request.user), pk=org_id)
    members = list(selectors.member_list(request.user, org, status=filters.status))
    services.members_read(actor=request.user, org=org, what=f"api:{filters.status}")
    return members


def _figures_out(figures: Figures) -> dict[str, Any]:
    out = {name: getattr(figures, name) for name in CoverageOut.model_fields}
    if not figures.members_shown:
        out["members"] = out["probationary_members"] = None
    return out


@router.get(
    "/party/coverage/{region_id}",
    response={200: CoverageReportOut, **DETAIL_ERRORS},
    summary="Coverage figures of a region subtree",
)
def coverage(request: HttpRequest, region_id: Id) -> dict[str, Any]:
    """The region's totals and one row per child region. Member-derived firm counts are aggregates;
    who is a member is never part of this answer."""
    region = get_object_or_404(Region, pk=region_id)
    total, children = selectors.coverage_figures(request.user, region)
    return {"total": _figures_out(total), "children": [_figures_out(child) for child in children]}
