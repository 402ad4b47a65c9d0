"""Secretaries' reports over HTTP, scoped like the pages (404 outside scope, or for anyone but the
committee and the panel on a review): list the reviews, open the year's review, the year's results
table (oral or written, combined score, rating), mark an oral report, put a shortcoming in the ledger.
Writing, sending, returning, accepting and rating a report are the calls API's
(`/calls/submissions/...`), through the same services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from lvxie.accounts.models import User
from lvxie.calls import services as calls_services
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.models import Submission
from lvxie.core.api import (
    DETAIL_ERRORS,
    PARTY_CREATE_ERRORS,
    PARTY_READ_ERRORS,
    UPDATE_ERRORS,
    Id,
    RegionRef,
    Text,
    register_error_codes,
)
from lvxie.party.models import PartyOrg
from lvxie.registry.models import Region

from . import policies, selectors, services
from .choices import Rating
from .kinds import CODE, rated

router = Router(tags=["secretary reports"])

register_error_codes(
    "secretary_reports",
    ("criteria", "not_accepted", "oral_outside", "org_kind", "required", "unknown", "year"),
)


class ReviewOut(Schema):
    id: int
    title: str
    region: RegionRef
    status: CallStatus
    deadline: dt.date | None
    total: int = 0
    submitted: int = 0
    returned: int = 0
    accepted: int = 0


class CriterionIn(Schema):
    label: Text = Field(min_length=1, max_length=100)
    weight: int = Field(ge=1, le=100)


class ReviewIn(Schema):
    region_id: Id
    year: int = Field(ge=2000, le=2100)
    org_ids: list[Id] = Field(default_factory=list, description="Empty: every basic-level organization")
    oral_org_ids: list[Id] = Field(default_factory=list)
    reviewer_ids: list[Id] = Field(min_length=1)
    deadline_working_days: int = Field(ge=1, le=365)
    criteria: list[CriterionIn] = Field(default_factory=list, description="Empty: the kind's")
    title: Text = Field("", max_length=200)


class YearRowOut(Schema):
    submission_id: int
    party_org_id: int
    organization: str
    district: str
    oral: bool
    status: SubmissionStatus
    rank: int | None
    criteria: dict[str, Decimal]
    total: Decimal | None
    rating: Rating | None


class OralIn(Schema):
    oral: bool


class ShortcomingIn(Schema):
    problem: Text = Field(min_length=1, max_length=2000)
    goal: Text = Field(min_length=1, max_length=2000)
    measures: Text = Field(min_length=1, max_length=2000)
    responsible: Text = Field(min_length=1, max_length=50)
    deadline: dt.date


class ItemOut(Schema):
    id: int
    number: str
    ledger_id: int
    problem: str
    deadline: dt.date


def _review(request: HttpRequest, call_id: int):
    call = selectors.review_of(request.user, call_id)
    if call is None or not policies.allowed(request.user, policies.RESULTS_VIEW, call):
        raise Http404
    return call


def _submission(request: HttpRequest, submission_id: int) -> Submission:
    return get_object_or_404(
        Submission.objects.visible_to(request.user)
        .filter(call__kind=CODE)
        .select_related("call", "party_org"),
        pk=submission_id,
    )


def _pick(field: str, ids: list[int], queryset: QuerySet) -> list:
    """The rows named by id among those the caller may choose; any other id is refused by name."""
    found = list(queryset.filter(pk__in=ids))
    unknown = sorted(set(ids) - {o.pk for o in found})
    if unknown:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Unknown or not yours to choose: %(ids)s"),
                    code="unknown",
                    params={"ids": ", ".join(map(str, unknown))},
                )
            }
        )
    return found


@router.get(
    "/secretary-reports", response={200: list[ReviewOut], **PARTY_READ_ERRORS}, summary="List the reviews"
)
def secretary_reviews(request: HttpRequest):
    return list(selectors.review_list(request.user)[:200])


@router.post(
    "/secretary-reports", response={201: ReviewOut, **PARTY_CREATE_ERRORS}, summary="Open the year's review"
)
def secretary_review_open(request: HttpRequest, payload: ReviewIn):
    actor = request.user
    region = get_object_or_404(Region, pk=payload.region_id)
    policies.require(actor, policies.REVIEW_OPEN, region)
    orgs_all = selectors.affiliated_orgs(actor, region)
    orgs = _pick("orgs", payload.org_ids, orgs_all) if payload.org_ids else list(orgs_all)
    oral = _pick("oral_orgs", payload.oral_org_ids, PartyOrg.objects.visible_to(actor))
    reviewers = _pick("reviewers", payload.reviewer_ids, User.objects.filter(is_active=True))
    criteria = [rated(f"c{n}", c.label, c.weight) for n, c in enumerate(payload.criteria, start=1)]
    call = services.review_open(
        actor=actor,
        region=region,
        year=payload.year,
        orgs=orgs,
        oral_orgs=oral,
        reviewers=reviewers,
        deadline_working_days=payload.deadline_working_days,
        criteria=criteria,
        title=payload.title,
    )
    return Status(201, selectors.review_list(actor).get(pk=call.pk))


@router.get(
    "/secretary-reports/{call_id}/results",
    response={200: list[YearRowOut], **DETAIL_ERRORS},
    summary="The year's results table (the committee and the panel)",
)
def secretary_review_results(request: HttpRequest, call_id: Id):
    call = _review(request, call_id)
    calls_services.party_read(actor=request.user, obj=call, what="api:secretary_reports")
    return [
        {
            "submission_id": r.pk,
            "party_org_id": r.party_org_id,
            "organization": r.organization,
            "district": r.district,
            "oral": r.oral,
            "status": r.status,
            "rank": r.rank,
            "criteria": r.criteria,
            "total": r.total,
            "rating": r.rating,
        }
        for r in selectors.year_table(request.user, call)
    ]


@router.post(
    "/secretary-reports/submissions/{submission_id}/oral",
    response={200: YearRowOut, **UPDATE_ERRORS},
    summary="Mark (or unmark) an organization to report orally at the meeting",
)
def secretary_report_oral(request: HttpRequest, submission_id: Id, payload: OralIn):
    submission = services.oral_mark(
        actor=request.user, submission=_submission(request, submission_id), oral=payload.oral
    )
    row = next(
        r
        for r in secretary_review_results(request, submission.call_id)
        if r["submission_id"] == submission.pk
    )
    return row


@router.post(
    "/secretary-reports/submissions/{submission_id}/shortcomings",
    response={201: ItemOut, **UPDATE_ERRORS},
    summary="Put a shortcoming named in a report in the organization's rectification ledger",
)
def secretary_report_shortcoming(request: HttpRequest, submission_id: Id, payload: ShortcomingIn):
    submission = _submission(request, submission_id)
    if not policies.allowed(request.user, policies.SHORTCOMING, submission):
        raise Http404
    item = services.shortcoming_to_ledger(actor=request.user, submission=submission, **payload.dict())
    return Status(201, item)
