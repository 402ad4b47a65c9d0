"""Member development over HTTP, through the same services and checks as the pages: the pipeline list
(the list definition's filters), one record with its decisions, a new application, a step, and the
counts per organization and year. Party-side roles only (anyone else: 404), reads audited like the
pages."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from lvxie.core.api import (
    DETAIL_ERRORS,
    PARTY_CREATE_ERRORS,
    PARTY_READ_ERRORS,
    UPDATE_ERRORS,
    FirmRef,
    Id,
    Input,
    PartyOrgRef,
    page,
    register_error_codes,
)
from lvxie.core.scoping import scope_of
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm

from . import selectors, services
from .choices import PersonKind, Stage, Step
from .lists import RECRUITS
from .models import Recruit

router = Router(tags=["recruitment"])

register_error_codes(
    "recruitment",
    (
        "already_member",
        "already_recruit",
        "before_previous",
        "date_required",
        "extended_once",
        "extension_months",
        "future",
        "meeting_date",
        "meeting_kind",
        "meeting_not_held",
        "meeting_step",
        "not_full_member",
        "org_inactive",
        "person_kind",
        "probation_not_over",
        "reason_required",
        "same_introducer",
        "self_introducer",
        "stale",
        "too_young",
        "training_year",
        "transition",
        "unavailable",
        "unknown_action",
        "unknown_firm",
        "unknown_meeting",
        "unknown_member",
    ),
)

RecruitFilters = RECRUITS.api_schema("RecruitFilters")


class IntroducerRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.lawyer.name


class RecruitRow(Schema):
    id: int
    name: str
    person_kind: PersonKind
    org: PartyOrgRef
    firm: FirmRef | None
    stage: Stage
    applied_on: dt.date
    probation_ends_on: dt.date | None
    version: int


class EventOut(Schema):
    step: Step
    meeting_id: int | None
    from_stage: str
    to_stage: Stage
    decided_on: dt.date
    body: str
    reference: str
    reason: str
    actor_name: str


class RecruitOut(RecruitRow):
    birth_year: int | None
    firm_manager: bool
    activist_on: dt.date | None
    target_on: dt.date | None
    admitted_on: dt.date | None
    approved_on: dt.date | None
    extended: bool
    full_on: dt.date | None
    ended_on: dt.date | None
    introducer_1: IntroducerRef | None
    introducer_2: IntroducerRef | None
    membership_id: int | None
    events: list[EventOut]
    steps: list[str] = Field(description="The steps the caller may take now.")

    @staticmethod
    def resolve_events(obj: Recruit) -> list:
        return list(obj.events.all())

    @staticmethod
    def resolve_steps(obj: Recruit, context) -> list[str]:
        actor = context["request"].user
        return [t.name for t in services.RECRUIT_WORKFLOW.available(actor, obj)]


class RecruitPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RecruitRow]


class RecruitIn(Input):
    org: Id
    person_kind: PersonKind
    applied_on: dt.date
    licence_no: str = Field("", max_length=17)
    certificate_no: str = Field("", max_length=20)
    name: str = Field("", max_length=50)
    firm: Id | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    firm_manager: bool = False
    reference: str = Field("", max_length=200)


class StepIn(Input):
    version: int = Field(ge=0)
    decided_on: dt.date | None = Field(None, description="The decision's date; a meeting's by default.")
    meeting: Id | None = Field(
        None, description="The orglife meeting (held, of this organization) that decided."
    )
    reference: str = Field("", max_length=200)
    reason: str = Field("", max_length=2000)
    introducer_1: Id | None = None
    introducer_2: Id | None = None
    extension_months: int | None = None


class CountOut(Schema):
    org: PartyOrgRef
    year: int
    applied: int
    activists: int
    targets: int
    admitted: int
    full: int


def _party_side(request: HttpRequest) -> None:
    if not scope_of(request.user).party_side:
        raise Http404


def _recruit(request: HttpRequest, recruit_id: int) -> Recruit:
    _party_side(request)
    return get_object_or_404(selectors.recruit_detail(request.user), pk=recruit_id)


@router.get(
    "/recruitment", response={200: RecruitPage, **PARTY_READ_ERRORS}, summary="List member development"
)
def recruit_list(request: HttpRequest, filters: Query[RecruitFilters]):  # type: ignore[valid-type]  # built by ListDef
    _party_side(request)
    services.recruits_read(actor=request.user, org=None, what="api")
    return page(RECRUITS.api_query(request.user, filters).items, filters)


@router.get(
    "/recruitment/counts",
    response={200: list[CountOut], **PARTY_READ_ERRORS},
    summary="Member development per organization and year",
)
def recruit_counts(request: HttpRequest, org: Id | None = None):
    _party_side(request)
    root = get_object_or_404(PartyOrg.objects.visible_to(request.user), pk=org) if org else None
    return [
        {"org": {"id": r.org_id, "name": r.org_name}, "year": r.year, **r.counts}
        for r in selectors.counts(request.user, org=root)
    ]


@router.get("/recruitment/{recruit_id}", response={200: RecruitOut, **DETAIL_ERRORS}, summary="Get a record")
def recruit_detail(request: HttpRequest, recruit_id: Id):
    recruit = _recruit(request, recruit_id)
    services.recruits_read(actor=request.user, org=recruit.org, what=f"api:{recruit.pk}")
    return recruit


@router.post(
    "/recruitment", response={201: RecruitOut, **PARTY_CREATE_ERRORS}, summary="Record an application"
)
def recruit_create(request: HttpRequest, payload: RecruitIn):
    _party_side(request)
    org = get_object_or_404(PartyOrg.objects.visible_to(request.user), pk=payload.org)
    fields = payload.model_dump(exclude={"org", "firm"})
    firm = LawFirm.objects.filter(pk=payload.firm).first() if payload.firm else None
    recruit = services.recruit_create(actor=request.user, org=org, firm=firm, **fields)
    return Status(201, _recruit(request, recruit.pk))


@router.post(
    "/recruitment/{recruit_id}/steps/{step}",
    response={200: RecruitOut, **UPDATE_ERRORS},
    summary="Take a step (a branch decision or the committee's approval)",
)
def recruit_step(request: HttpRequest, recruit_id: Id, step: Step, payload: StepIn):
    recruit = _recruit(request, recruit_id)
    services.recruit_step(actor=request.user, recruit=recruit, step=step, **payload.model_dump())
    return _recruit(request, recruit_id)
