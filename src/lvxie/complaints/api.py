"""Complaints over HTTP, for the handlers (and, masked, the lawyer and firm complained of), scoped as
the pages are (404 outside): the list with the page's filters, one complaint, registering one that came
by letter, telephone or referral, its steps, the people named on it, a declared conflict. The public's
form and tracking are in `lvxie.public.api`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lvxie.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    READ_ERRORS,
    UPDATE_ERRORS,
    FirmRef,
    Id,
    Input,
    RegionRef,
    Text,
    page,
    register_error_codes,
)
from lvxie.registry.models import LawFirm, Lawyer

from . import policies, selectors, services
from .choices import AccessKind, ComplaintSource, ComplaintStatus, ConductKind, TriageCriterion
from .lists import COMPLAINTS
from .models import Complaint
from .selectors import MASK

router = Router(tags=["complaints"])

register_error_codes(
    "complaints",
    (
        "captcha",
        "conflict",
        "criteria_required",
        "decision_required",
        "finished",
        "firm_mismatch",
        "future",
        "kind",
        "not_found",
        "reason_required",
        "required",
        "stale",
        "too_long",
        "too_many",
        "transition",
        "unknown_action",
        "unknown_user",
    ),
)


class LawyerRef(Schema):
    id: int
    name: str


class ComplaintRow(Schema):
    id: int
    number: str
    received_on: dt.date
    source: ComplaintSource
    lawyer: LawyerRef | None
    firm: FirmRef | None
    region: RegionRef
    conduct: ConductKind
    complainant: str
    status: ComplaintStatus
    due_on: dt.date | None


class ComplaintOut(ComplaintRow):
    referring_body: str
    referring_reference: str
    confidential: bool
    facts: str | None = Field(description="null where the actor may not read the account (confidential)")
    request: str | None
    complainant_phone: str | None
    complainant_email: str | None
    complainant_address: str | None
    papers_requested: str
    decision_reason: str
    referred_to: str
    track: str
    triage_criteria: list[str]
    outcome: str
    outcome_text: str
    version: int
    steps: list[str] = Field(description="the steps the caller may take now")


class ComplaintPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ComplaintRow]


ComplaintFilters = COMPLAINTS.api_schema("ComplaintFilters")


def _due(complaint: Complaint) -> dt.date | None:
    clock = complaint.handling_clock or complaint.acceptance_clock
    return clock.due_on if clock is not None and clock.state == "running" else None


def _row(complaint: Complaint) -> dict[str, Any]:
    """A list row: the complainant as the list annotated it for the caller (masked where it must be)."""
    return {
        "id": complaint.pk,
        "number": complaint.number,
        "received_on": complaint.received_on,
        "source": complaint.source,
        "lawyer": complaint.lawyer,
        "firm": complaint.firm,
        "region": complaint.region,
        "conduct": complaint.conduct,
        "complainant": complaint.complainant_shown,  # type: ignore[attr-defined]  # annotated by complaint_rows
        "status": complaint.status,
        "due_on": _due(complaint),
    }


def _out(request: HttpRequest, complaint: Complaint) -> dict[str, Any]:
    actor = request.user
    identity = selectors.identity_shown(actor, complaint)
    handles = policies.handles(actor, complaint)
    facts = selectors.facts_shown(actor, complaint)
    return {
        **_row(complaint),
        "complainant": complaint.complainant_name if identity else str(MASK),
        "referring_body": complaint.referring_body,
        "referring_reference": complaint.referring_reference,
        "confidential": complaint.confidential,
        "facts": complaint.facts if facts else None,
        "request": complaint.request if facts else None,
        "complainant_phone": complaint.complainant_phone if handles else None,
        "complainant_email": complaint.complainant_email if handles else None,
        "complainant_address": complaint.complainant_address if handles else None,
        "papers_requested": complaint.papers_requested,
        "decision_reason": complaint.decision_reason,
        "referred_to": complaint.referred_to,
        "track": complaint.track,
        "triage_criteria": complaint.triage_criteria if handles else [],
        "outcome": complaint.outcome,
        "outcome_text": complaint.outcome_text,
        "version": complaint.version,
        "steps": [t.name for t in services.COMPLAINT_WORKFLOW.available(actor, complaint)],
    }


def _get(request: HttpRequest, complaint_id: int, what: str = "api") -> Complaint:
    return selectors.complaint_get(request.user, complaint_id, what=what)


@router.get("/complaints", response={200: ComplaintPage, **READ_ERRORS}, summary="List complaints")
def complaint_list(request: HttpRequest, filters: Query[ComplaintFilters]):  # type: ignore[valid-type]  # built by the ListDef
    found = page(COMPLAINTS.api_query(request.user, filters).items, filters)
    return {**found, "items": [_row(c) for c in found["items"]]}


@router.get(
    "/complaints/{complaint_id}", response={200: ComplaintOut, **DETAIL_ERRORS}, summary="Get a complaint"
)
def complaint_detail(request: HttpRequest, complaint_id: Id):
    return _out(request, _get(request, complaint_id))


class RegisterIn(Input):
    source: ComplaintSource
    received_on: dt.date | None = None
    referring_body: Text = ""
    referring_reference: Text = ""
    lawyer_id: int | None = None
    firm_id: int | None = None
    conduct: ConductKind
    facts: Text
    request: Text = ""
    complainant_name: Text
    complainant_phone: Text = ""
    complainant_email: Text = ""
    complainant_address: Text = ""
    confidential: bool = False


class RegisteredOut(Schema):
    complaint: ComplaintOut
    code: str = Field(description="the secret code for the complainant, given only in this answer")


def _subject(actor, lawyer_id: int | None, firm_id: int | None) -> tuple[Lawyer | None, LawFirm | None]:
    lawyer = Lawyer.objects.visible_to(actor).filter(pk=lawyer_id).first() if lawyer_id else None
    firm = LawFirm.objects.visible_to(actor).filter(pk=firm_id).first() if firm_id else None
    if (lawyer_id and lawyer is None) or (firm_id and firm is None):
        raise ValidationError(
            {"lawyer_id": ValidationError(_("No such lawyer or law firm."), code="not_found")}
        )
    return lawyer, firm


@router.post(
    "/complaints",
    response={201: RegisteredOut, **CREATE_ERRORS},
    summary="Register a complaint (letter, phone, referral)",
)
def complaint_register(request: HttpRequest, payload: RegisterIn):
    if payload.source == ComplaintSource.ONLINE:
        raise ValidationError(
            {"source": ValidationError(_("Online complaints come through the public form."), code="kind")}
        )
    lawyer, firm = _subject(request.user, payload.lawyer_id, payload.firm_id)
    intake = services.Intake(
        lawyer=lawyer,
        firm=firm,
        conduct=payload.conduct,
        facts=payload.facts,
        request=payload.request,
        complainant_name=payload.complainant_name,
        complainant_phone=payload.complainant_phone,
        complainant_email=payload.complainant_email,
        complainant_address=payload.complainant_address,
        confidential=payload.confidential,
    )
    done = services.complaint_register(
        actor=request.user,
        intake=intake,
        source=payload.source,
        received_on=payload.received_on,
        referring_body=payload.referring_body,
        referring_reference=payload.referring_reference,
    )
    complaint = _get(request, done.complaint.pk)
    return Status(201, {"complaint": _out(request, complaint), "code": services.format_code(done.code)})


class StepIn(Input):
    version: int
    reason: Text = ""
    decision: str = ""
    referred_to: Text = ""
    criteria: list[TriageCriterion] = []


@router.post(
    "/complaints/{complaint_id}/steps/{action}",
    response={200: ComplaintOut, **UPDATE_ERRORS},
    summary="Take a step of the complaint (see ComplaintAction)",
)
def complaint_step(request: HttpRequest, complaint_id: Id, action: str, payload: StepIn):
    complaint = _get(request, complaint_id, "step")
    services.complaint_step(
        actor=request.user,
        complaint=complaint,
        action=action,
        version=payload.version,
        reason=payload.reason,
        decision=payload.decision,
        referred_to=payload.referred_to,
        criteria=[str(c) for c in payload.criteria],
    )
    return _out(request, _get(request, complaint_id, "step"))


class NameIn(Input):
    username: Text
    kind: AccessKind


class PersonOut(Schema):
    username: str
    kind: AccessKind


@router.post(
    "/complaints/{complaint_id}/people",
    response={200: list[PersonOut], **UPDATE_ERRORS},
    summary="Name a handler or reader",
)
def complaint_name(request: HttpRequest, complaint_id: Id, payload: NameIn):
    complaint = _get(request, complaint_id, "name")
    user = get_user_model().objects.filter(username=payload.username).first()
    if user is None:
        raise ValidationError(
            {"username": ValidationError(_("No account has this name."), code="unknown_user")}
        )
    services.complaint_name(actor=request.user, complaint=complaint, user=user, kind=payload.kind)
    return [{"username": p.user.username, "kind": p.kind} for p in selectors.people(complaint)]


class ConflictIn(Input):
    note: Text


@router.post(
    "/complaints/{complaint_id}/conflict",
    response={204: None, **UPDATE_ERRORS},
    summary="Declare a conflict of interest",
)
def complaint_conflict(request: HttpRequest, complaint_id: Id, payload: ConflictIn):
    complaint = _get(request, complaint_id, "conflict")
    services.conflict_declare(actor=request.user, complaint=complaint, note=payload.note)
    return Status(204, None)
