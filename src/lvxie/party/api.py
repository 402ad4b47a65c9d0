"""The Party side over HTTP: organizations and their members (Party-side roles only; every member read
is audited), coverage figures per region (also for region administrators, protected), and the writes
the pages make: founding and dissolving an organization, assigning an instructor, transferring a member
and deciding the transfer. The writes call the pages' services with the pages' checks: anything outside
the caller's Party scope, and everything for roles outside the Party side, is a 404; a visible object
the caller may not change is a 403; a transfer already decided is a 409."""

import re
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator

from lvxie.core.api import (
    DETAIL_ERRORS,
    READ_ERRORS,
    Id,
    Page,
    RegionRef,
    Text,
    errors,
    page,
    pick,
    register_error_codes,
)
from lvxie.core.scoping import NOTHING, path_q, scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import LawFirm, Lawyer, Region

from . import policies, selectors, services
from .choices import MemberKind, MemberStatus, OrgKind, OrgStatus, TransferAction, TransferStatus
from .coverage import Figures
from .models import Instructor, MemberTransfer, PartyMembership, PartyOrg

router = Router(tags=["party"])

register_error_codes(
    "party",
    (
        "already_member",
        "bad_parent",
        "bad_status",
        "before_founded",
        "before_party",
        "before_since",
        "does_not_exist",
        "ended",
        "ends_before_start",
        "firm_outside",
        "firm_taken",
        "has_children",
        "has_members",
        "lawyer_outside",
        "merge_firms",
        "merge_kind",
        "merge_self",
        "moved",
        "needs_parent",
        "no_firms",
        "not_active",
        "not_committee",
        "not_in_joint",
        "not_joint",
        "not_probationary",
        "not_target",
        "one_firm",
        "org_inactive",
        "own_org",
        "partner",
        "pending",
        "reason_required",
        "region_outside_parent",
        "same_org",
        "self_pair",
        "too_early",
        "transition",
        "unavailable",
        "unknown",
        "unknown_action",
        "unknown_item",
    ),
)


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
    return page(orgs.prefetch_related("firm_links"), filters)


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


WRITE_ERRORS = errors(400, 401, 403, 404, 409, 422)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    # pydantic would also take a number (Unix time) or a numeric string for a date: only YYYY-MM-DD here.
    if isinstance(value, date) or (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("a date as YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_iso_day)]


def _party_side(request: HttpRequest) -> None:
    """The writes exist only for the Party side, as the pages do (PartySideMixin)."""
    if not scope_of(request.user).party_side:
        raise Http404


def _in_party_region(actor: Actor, queryset: QuerySet, lookup: str) -> QuerySet:
    return queryset.filter(path_q(lookup, scope_of(actor).party_region_paths) or NOTHING)


class OrgIn(Schema):
    name: Annotated[Text, Field(min_length=1, max_length=100)]
    kind: OrgKind
    region_id: Id
    parent_id: Id | None = None
    firm_ids: list[Id] = Field(default_factory=list, max_length=200)
    founded_on: Day
    secretary_id: Id | None = None
    deputy_id: Id | None = None


class DateIn(Schema):
    on: Day


class InstructorIn(Schema):
    org_id: Id = Field(description="The industry Party committee that sends the instructor.")
    firm_id: Id
    name: Annotated[Text, Field(min_length=1, max_length=50)]
    phone: Annotated[Text, Field(max_length=20)] = ""
    started_on: Day


class InstructorOut(Schema):
    id: int
    name: str
    org_id: int
    firm_id: int
    started_on: date
    ended_on: date | None


class TransferIn(Schema):
    to_org_id: Id = Field(description="Any active organization under the member's Party committee.")
    on: Day


class TransferDecisionIn(Schema):
    action: TransferAction
    reason: Annotated[Text, Field(max_length=1000)] = ""


class TransferOut(Schema):
    """A transfer; `moved_id` is the new membership once accepted. Names the lawyer: reads are audited."""

    id: int
    member_id: int
    lawyer_id: int
    from_org_id: int
    to_org_id: int
    on: date
    status: TransferStatus
    reason: str
    moved_id: int | None
    requested_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_lawyer_id(obj: MemberTransfer) -> int:
        return obj.member.lawyer_id


def _org_fields(actor: Actor, payload: OrgIn) -> dict[str, Any]:
    """The page's choices (OrgForm): a city or district of the caller's Party scope, a committee they
    manage, firms and lawyers in their Party regions; anything else is a field error."""
    regions = _in_party_region(actor, Region.objects.filter(level__in=["city", "district"]), "path")
    fields: dict[str, Any] = {
        "name": payload.name,
        "kind": payload.kind,
        "founded_on": payload.founded_on,
        "region": pick(regions, payload.region_id, code_field="code", field="region_id",
                        message=_("There is no such region.")),
        "parent": None,
        "secretary": None,
        "deputy": None,
    }  # fmt: skip
    if payload.parent_id is not None:
        fields["parent"] = pick(
            selectors.committees_for(actor),
            payload.parent_id,
            code_field="pk",
            field="parent_id",
            message=_("There is no such Party committee."),
        )
    firms = list(_in_party_region(actor, LawFirm.objects.select_related("region"), "region__path").filter(
        pk__in=payload.firm_ids
    ))  # fmt: skip
    if len(firms) != len(set(payload.firm_ids)):
        raise ValidationError(
            {"firm_ids": ValidationError(_("There is no such law firm."), code="does_not_exist")}
        )
    fields["firms"] = firms
    lawyers = _in_party_region(actor, Lawyer.objects.all(), "region__path")
    for name in ("secretary", "deputy"):
        value = getattr(payload, f"{name}_id")
        if value is not None:
            fields[name] = pick(lawyers, value, code_field="pk", field=f"{name}_id",
                                 message=_("There is no such lawyer."))  # fmt: skip
    return fields


def _org(actor: Actor, org_id: int) -> PartyOrg:
    return get_object_or_404(selectors.org_list(actor).prefetch_related("firm_links"), pk=org_id)


@router.post("/party/orgs", response={201: OrgOut, **WRITE_ERRORS}, summary="Found a Party organization")
def org_create(request: HttpRequest, payload: OrgIn) -> Status:
    """For Party committee staff (a secretary gets 403, as on the page)."""
    _party_side(request)
    policies.require(request.user, policies.ORG_CREATE)
    org = services.org_create(actor=request.user, **_org_fields(request.user, payload))
    return Status(201, _org(request.user, org.pk))


@router.post(
    "/party/orgs/{org_id}/dissolve",
    response={200: OrgOut, **WRITE_ERRORS},
    summary="Dissolve a Party organization",
)
def org_dissolve(request: HttpRequest, org_id: Id, payload: DateIn) -> PartyOrg:
    _party_side(request)
    org = get_object_or_404(PartyOrg.objects.visible_to(request.user), pk=org_id)
    policies.require(request.user, policies.ORG_EDIT, org)
    services.org_dissolve(actor=request.user, org=org, on=payload.on)
    return _org(request.user, org.pk)


@router.post(
    "/party/instructors",
    response={201: InstructorOut, **WRITE_ERRORS},
    summary="Assign a Party-building instructor",
)
def instructor_assign(request: HttpRequest, payload: InstructorIn) -> Status:
    _party_side(request)
    policies.require(request.user, policies.INSTRUCTOR_ASSIGN)
    org = pick(selectors.committees_for(request.user), payload.org_id, code_field="pk", field="org_id",
                message=_("There is no such Party committee."))  # fmt: skip
    firm = pick(
        _in_party_region(request.user, LawFirm.objects.select_related("region"), "region__path"),
        payload.firm_id,
        code_field="pk",
        field="firm_id",
        message=_("There is no such law firm."),
    )
    instructor: Instructor = services.instructor_assign(
        actor=request.user,
        org=org,
        firm=firm,
        name=payload.name,
        phone=payload.phone,
        started_on=payload.started_on,
    )
    return Status(201, instructor)


def _transfer(actor: Actor, transfer_id: int) -> MemberTransfer:
    return get_object_or_404(
        MemberTransfer.objects.visible_to(actor).select_related("member", "from_org", "to_org"),
        pk=transfer_id,
    )


def _transfer_read(actor: Actor, transfer: MemberTransfer) -> MemberTransfer:
    """Answering with a transfer names a member: recorded like the member list."""
    receiving = policies.allowed(actor, policies.ORG_KEEP, transfer.to_org)
    services.members_read(
        actor=actor,
        org=transfer.to_org if receiving else transfer.from_org,
        what=f"api:transfer:{transfer.pk}",
    )
    return transfer


@router.post(
    "/party/members/{member_id}/transfer",
    response={201: TransferOut, **WRITE_ERRORS},
    summary="Ask for a member's transfer (accepted at once when the caller is the receiving side)",
)
def member_transfer(request: HttpRequest, member_id: Id, payload: TransferIn) -> Status:
    _party_side(request)
    member = get_object_or_404(
        PartyMembership.objects.visible_to(request.user).select_related("org", "lawyer__region"), pk=member_id
    )
    policies.require(request.user, policies.ORG_KEEP, member.org)
    to_org = selectors.transfer_targets(request.user, member).filter(pk=payload.to_org_id).first()
    if to_org is None:
        raise ValidationError(
            {
                "to_org_id": ValidationError(
                    _("Choose an organization under the same Party committee."), code="not_target"
                )
            }
        )
    transfer = services.membership_transfer(actor=request.user, member=member, to_org=to_org, on=payload.on)
    return Status(201, transfer)


@router.get(
    "/party/transfers/{transfer_id}", response={200: TransferOut, **DETAIL_ERRORS}, summary="Get a transfer"
)
def transfer_detail(request: HttpRequest, transfer_id: Id) -> MemberTransfer:
    return _transfer_read(request.user, _transfer(request.user, transfer_id))


@router.post(
    "/party/transfers/{transfer_id}/decide",
    response={200: TransferOut, **WRITE_ERRORS},
    summary="Accept, refuse (with a reason) or withdraw a transfer",
)
def transfer_decide(request: HttpRequest, transfer_id: Id, payload: TransferDecisionIn):
    _party_side(request)
    transfer = _transfer(request.user, transfer_id)
    try:
        transfer = services.transfer_decide(
            actor=request.user, transfer=transfer, action=payload.action, reason=payload.reason
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) in ("transition", "moved"):
            # Decided already, or the member left meanwhile: a conflict with the transfer's state.
            return Status(409, {"detail": " ".join(str(m) for m in exc.messages)})
        raise
    return _transfer_read(request.user, transfer)
