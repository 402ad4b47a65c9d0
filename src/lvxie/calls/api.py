"""Calls for submissions over HTTP, scoped like the pages (404 outside scope): list and read calls,
open and close them, a unit's submission (save, submit), the issuer's return and accept, a reviewer's
score, the results and their publication. `GET /public/call-results` needs no log-in and lists only
what `workflow.publication.published` shows now."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _t
from ninja import Query, Router, Schema, Status

from lvxie.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    READ_ERRORS,
    UPDATE_ERRORS,
    FirmRef,
    Id,
    Input,
    Page,
    PartyOrgRef,
    RegionRef,
    page,
    partial,
    pick,
    register_error_codes,
)
from lvxie.core.scoping import path_q
from lvxie.notices.choices import AudienceKind
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm, Region

from . import policies, selectors, services
from .choices import CallStatus, SubmissionStatus, UnitKind
from .models import Call, Submission

router = Router(tags=["calls"])

register_error_codes(
    "calls",
    (
        "audience_kind",
        "choice",
        "classic_cases",
        "closed",
        "conflict_of_interest",
        "criteria",
        "date",
        "empty_audience",
        "ends_before_start",
        "grade",
        "kind",
        "max_value",
        "min_value",
        "no_files",
        "not_accepted",
        "not_draft",
        "not_editable",
        "not_open",
        "not_public",
        "not_reviewing",
        "not_scored",
        "nothing_accepted",
        "number",
        "opened",
        "outside_region",
        "past_due",
        "published",
        "quota_range",
        "range",
        "reason_required",
        "reviewer_scope",
        "scores_missing",
        "stale",
        "too_long",
        "too_many",
        "transition",
        "unit_kind",
        "unknown_category",
        "unknown_criterion",
        "unknown_field",
        "unknown_firm",
        "unknown_flag",
    ),
)


class CallOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    region: RegionRef
    status: CallStatus
    unit_kind: UnitKind
    deadline: dt.date | None
    deadline_label: str
    quotas: dict[str, int]

    @staticmethod
    def resolve_deadline_label(obj: Call) -> str:
        return selectors.deadline_label(obj)


class CallRow(CallOut):
    total: int
    submitted: int
    returned: int
    accepted: int
    late: int


class CallPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CallRow]


class NamedRef(Schema):
    id: int
    name: str


class SubmissionOut(Schema):
    id: int
    call_id: int
    firm: FirmRef | None
    party_org: PartyOrgRef | None
    lawyer: NamedRef | None
    region: RegionRef
    status: SubmissionStatus
    values: dict[str, Any]
    flags: list[str]
    submitted_at: dt.datetime | None
    late: bool
    return_reason: str
    version: int


class SubmissionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SubmissionOut]


class ValuesIn(Schema):
    values: dict[str, str | int | float | None]
    version: int | None = None


class ReasonIn(Schema):
    reason: str


class ScoreIn(Schema):
    points: dict[str, int | str]  # a grade's code for a criterion rated on a scale
    comment: str = ""
    reason: str = ""


class ScoreOut(Schema):
    reviewer_id: int
    points: dict[str, int]
    total: Decimal
    scored_at: dt.datetime
    changed_at: dt.datetime | None


class ResultOut(Schema):
    rank: int | None
    unit: str
    district: str
    title: str
    late: bool
    criteria: dict[str, Decimal]
    total: Decimal | None


class PublicResultOut(Schema):
    window_id: int
    title: str
    region: str
    shown_until: dt.datetime
    results: list[ResultOut]


class CallFilters(Page):
    q: str = ""
    status: CallStatus | None = None


class SubmissionFilters(Page):
    status: SubmissionStatus | None = None


def _call(request: HttpRequest, call_id: int) -> Call:
    return get_object_or_404(Call.objects.visible_to(request.user).select_related("region"), pk=call_id)


class CallIn(Input):
    """A call as the page writes it; `quotas`: places per category of a kind with categories (each
    category's default when left out)."""

    title: str
    kind: str
    region_id: int
    unit_kind: UnitKind = UnitKind.FIRM
    description: str = ""
    audience_kind: AudienceKind = AudienceKind.SUBTREE
    audience_region_id: int | None = None
    audience_firm_kinds: list[str] = []
    audience_firm_ids: list[int] = []
    audience_party_org_ids: list[int] = []
    deadline: dt.date | None = None
    deadline_working_days: int | None = None
    reviewer_ids: list[int] = []
    quotas: dict[str, int] = {}


# A change: only what is given changes (the units, kind, region and places only while a draft).
CallChangeIn = partial(CallIn, "CallChangeIn")


def _paths(request: HttpRequest) -> tuple[str, ...]:
    return policies.issuing_paths(request.user, party=False) + policies.issuing_paths(
        request.user, party=True
    )


def _references(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """The ids of an input as the services take them: regions the caller issues for, firms and Party
    organizations the caller sees, active people (the service checks each against the call)."""
    paths = _paths(request)
    if "region_id" in data:
        data["region"] = pick(
            Region.objects.filter(path__in=paths),
            data.pop("region_id"),
            code_field="code",
            field="region",
            message=_t("Choose a region you issue calls for."),
        )
    if "audience_region_id" in data:
        region_id = data.pop("audience_region_id")
        data["audience_region"] = (
            None
            if region_id is None
            else pick(
                Region.objects.filter(path_q("path", paths)) if paths else Region.objects.none(),
                region_id,
                code_field="code",
                field="audience_region",
                message=_t("The recipients must be in the issuing region."),
            )
        )
    for key, name, queryset in (
        ("audience_firm_ids", "audience_firms", LawFirm.objects.visible_to(request.user)),
        ("audience_party_org_ids", "audience_party_orgs", PartyOrg.objects.visible_to(request.user)),
        ("reviewer_ids", "reviewers", selectors.reviewer_choices(request.user)),
    ):
        if key in data:
            ids = data.pop(key)
            found = list(queryset.filter(pk__in=ids))
            if len(found) != len(set(ids)):
                raise ValidationError(
                    {name: ValidationError(_t("Some of these cannot be chosen."), code="does_not_exist")}
                )
            data[name] = found
    return data


@router.post(
    "/calls",
    response={201: CallOut, **CREATE_ERRORS},
    summary="Write a call as a draft (with places per category for a kind with categories)",
)
def call_create(request: HttpRequest, payload: CallIn):
    if not policies.allowed(request.user, policies.CALL_CREATE):
        raise PermissionDenied
    call = services.call_create(actor=request.user, **_references(request, payload.model_dump()))
    return Status(201, _call(request, call.pk))


@router.patch(
    "/calls/{call_id}",
    response={200: CallOut, **UPDATE_ERRORS},
    summary="Change a call (its units, kind and places per category only while a draft)",
)
def call_update(request: HttpRequest, call_id: Id, payload: CallChangeIn):  # type: ignore[valid-type]
    call = _call(request, call_id)
    data = _references(request, payload.model_dump(exclude_unset=True))  # type: ignore[attr-defined]
    services.call_update(actor=request.user, call=call, **data)
    return _call(request, call_id)


def _submission(request: HttpRequest, submission_id: int) -> Submission:
    return get_object_or_404(
        Submission.objects.visible_to(request.user).select_related(
            "call", "call__region", "firm", "party_org", "lawyer", "region"
        ),
        pk=submission_id,
    )


def _result(row: selectors.ResultRow) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "unit": row.unit,
        "district": row.district,
        "title": row.title,
        "late": row.late,
        "criteria": row.criteria,
        "total": row.total,
    }


@router.get("/calls", response={200: CallPage, **READ_ERRORS}, summary="List calls for submissions")
def call_list(request: HttpRequest, filters: Query[CallFilters]):
    return page(selectors.call_list(request.user, q=filters.q, status=filters.status or ""), filters)


@router.get("/calls/{call_id}", response={200: CallOut, **DETAIL_ERRORS}, summary="Get a call")
def call_detail(request: HttpRequest, call_id: Id):
    return _call(request, call_id)


@router.post("/calls/{call_id}/open", response={200: CallOut, **UPDATE_ERRORS}, summary="Open a call")
def call_open(request: HttpRequest, call_id: Id):
    call = _call(request, call_id)
    services.call_open(actor=request.user, call=call)
    return _call(request, call_id)


@router.post(
    "/calls/{call_id}/close", response={200: CallOut, **UPDATE_ERRORS}, summary="Close a call to submissions"
)
def call_close(request: HttpRequest, call_id: Id):
    services.call_close(actor=request.user, call=_call(request, call_id))
    return _call(request, call_id)


@router.get(
    "/calls/{call_id}/submissions",
    response={200: SubmissionPage, **DETAIL_ERRORS},
    summary="List a call's submissions (a unit sees only its own)",
)
def submission_list(request: HttpRequest, call_id: Id, filters: Query[SubmissionFilters]):
    call = _call(request, call_id)
    services.party_read(actor=request.user, obj=call, what="api:submissions")
    return page(selectors.submission_list(request.user, call, status=filters.status or ""), filters)


@router.get(
    "/submissions/{submission_id}", response={200: SubmissionOut, **DETAIL_ERRORS}, summary="Get a submission"
)
def submission_detail(request: HttpRequest, submission_id: Id):
    submission = _submission(request, submission_id)
    services.party_read(actor=request.user, obj=submission, what="api")
    return submission


@router.patch(
    "/submissions/{submission_id}",
    response={200: SubmissionOut, **UPDATE_ERRORS},
    summary="Save a draft submission",
)
def submission_save(request: HttpRequest, submission_id: Id, payload: ValuesIn):
    submission = _submission(request, submission_id)
    services.submission_save(
        actor=request.user, submission=submission, values=payload.values, version=payload.version
    )
    return _submission(request, submission_id)


@router.post(
    "/submissions/{submission_id}/submit", response={200: SubmissionOut, **UPDATE_ERRORS}, summary="Submit"
)
def submission_submit(request: HttpRequest, submission_id: Id):
    services.submission_submit(actor=request.user, submission=_submission(request, submission_id))
    return _submission(request, submission_id)


@router.post(
    "/submissions/{submission_id}/return",
    response={200: SubmissionOut, **UPDATE_ERRORS},
    summary="Return a submission for correction (with the reason)",
)
def submission_return(request: HttpRequest, submission_id: Id, payload: ReasonIn):
    services.submission_return(
        actor=request.user, submission=_submission(request, submission_id), reason=payload.reason
    )
    return _submission(request, submission_id)


@router.post(
    "/submissions/{submission_id}/accept", response={200: SubmissionOut, **UPDATE_ERRORS}, summary="Accept"
)
def submission_accept(request: HttpRequest, submission_id: Id):
    services.submission_accept(actor=request.user, submission=_submission(request, submission_id))
    return _submission(request, submission_id)


@router.post(
    "/submissions/{submission_id}/score",
    response={200: ScoreOut, **UPDATE_ERRORS},
    summary="Score an accepted submission (a reviewer of the call)",
)
def score_submit(request: HttpRequest, submission_id: Id, payload: ScoreIn):
    submission = _submission(request, submission_id)
    if not policies.is_reviewer(request.user, submission.call):
        raise Http404
    return services.score_submit(
        actor=request.user,
        submission=submission,
        points=payload.points,
        comment=payload.comment,
        reason=payload.reason,
    )


@router.get(
    "/submissions/{submission_id}/scores",
    response={200: list[ScoreOut], **DETAIL_ERRORS},
    summary="The scores of a submission the caller may read (others' hidden until all have scored)",
)
def score_list(request: HttpRequest, submission_id: Id):
    return list(selectors.scores_visible_to(request.user, _submission(request, submission_id)))


@router.get(
    "/calls/{call_id}/results",
    response={200: list[ResultOut], **DETAIL_ERRORS},
    summary="The results of a call (issuing staff and reviewers)",
)
def call_results(request: HttpRequest, call_id: Id):
    call = _call(request, call_id)
    if not policies.allowed(request.user, policies.RESULT_VIEW, call):
        raise Http404
    services.party_read(actor=request.user, obj=call, what="api:results")
    return [_result(r) for r in selectors.results(call)]


@router.post(
    "/calls/{call_id}/publish",
    response={200: CallOut, **UPDATE_ERRORS},
    summary="Publish the results on the public site for a window",
)
def result_publish(request: HttpRequest, call_id: Id):
    services.result_publish(actor=request.user, call=_call(request, call_id))
    return _call(request, call_id)


@router.get(
    "/public/call-results",
    auth=None,
    response={200: list[PublicResultOut], **READ_ERRORS},
    summary="Results of calls shown on the public site now (no log-in)",
)
def public_call_results(request: HttpRequest):
    return [
        {
            "window_id": e["window"].pk,
            "title": e["call"].title,
            "region": e["call"].region.name,
            "shown_until": e["window"].ends_at,
            "results": [_result(r) for r in selectors.results(e["call"]) if r.total is not None],
        }
        for e in selectors.published_results()
    ]
