"""Disciplinary cases over HTTP, scoped like the pages (404 for whoever may not see a case): list and
read cases (the whole record for the officers over a case and the staff they named; the lawyer or firm
it is about gets the notice, their answer and the decisions), open one, take a step, write the
investigation record, name a person, get a document (PDF), the oversight figures of a subtree.
`GET /public/sanctions` needs no log-in and lists only what `workflow.publication.published` shows now.
Every read by someone other than an officer over the case is audited, as on the pages."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from lvxie.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    READ_ERRORS,
    UPDATE_ERRORS,
    Id,
    Input,
    RegionRef,
    Text,
    page,
    register_error_codes,
)
from lvxie.core.pdf import pdf_response
from lvxie.registry.models import LawFirm, Lawyer

from . import policies, selectors, services
from .choices import CaseSource, CaseStatus
from .lists import CASES
from .models import DisciplinaryCase
from .views import document_context

router = Router(tags=["discipline"])

register_error_codes(
    "discipline",
    (
        "conduct",
        "conflict",
        "does_not_exist",
        "unknown",
        "date",
        "decision_required",
        "one_subject",
        "period_open",
        "period_over",
        "publish_days",
        "reason_required",
        "record_required",
        "stale",
        "transition",
        "unknown_action",
    ),
)


class StageOut(Schema):
    state: CaseStatus
    entered_at: dt.datetime
    left_at: dt.datetime | None
    working_days: int | None


class CaseRow(Schema):
    id: int
    number: str
    subject: str
    region: RegionRef
    conduct: str
    source: CaseSource
    status: CaseStatus
    summary: str
    opened_at: dt.datetime
    clock: str
    version: int


class CaseOut(CaseRow):
    notice_facts: str
    notified_on: dt.date | None
    answer: str
    hearing_requested: bool
    hearing_on: dt.date | None
    sanction_kind: str
    decision_reasons: str
    decided_on: dt.date | None
    review_grounds: str
    review_decision: str
    review_reasons: str
    final_on: dt.date | None
    documents: list[str]
    steps: list[str]
    # The record: only for the officers over the case and the staff they named (else null).
    facts: str | None
    investigation_record: str | None
    hearing_record: str | None
    stages: list[StageOut] | None


class CasePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseRow]


class CaseIn(Input):
    lawyer: Id | None = None
    firm: Id | None = None
    conduct: Text
    summary: Text
    facts: Text


class StepIn(Input):
    version: int | None = None
    reason: Text = ""
    decision: Text = ""
    investigation_record: Text = ""
    hearing_on: dt.date | None = None
    public: bool | None = None
    publish_days: int | None = None


class RecordIn(Input):
    version: int
    text: Text


class GrantIn(Input):
    username: Text


class CountOut(Schema):
    code: str
    label: str
    count: int


class MedianOut(Schema):
    code: str
    label: str
    median_working_days: float | None


class OversightOut(Schema):
    region: RegionRef
    today: dt.date
    total: int
    open: int
    past_clock: int
    by_stage: list[CountOut]
    by_source: list[CountOut]
    by_conduct: list[CountOut]
    ageing: list[CountOut]
    median_days: list[MedianOut]
    complaints_by_status: list[CountOut]
    complaints_by_source: list[CountOut]


class PublicSanctionOut(Schema):
    window_id: int
    subject: str
    firm: str
    kind: str
    decided_on: dt.date
    reasons: str
    shown_until: dt.date


CaseFilters = CASES.api_schema("CaseFilters")


def _case(request: HttpRequest, case_id: int) -> DisciplinaryCase:
    try:
        return selectors.case_for(request.user, case_id)
    except DisciplinaryCase.DoesNotExist as exc:
        raise Http404 from exc


def _row(case: DisciplinaryCase) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "subject": str(case.subject),
        "region": case.region,
        "conduct": case.conduct,
        "source": case.source,
        "status": case.status,
        "summary": case.summary,
        "opened_at": case.opened_at,
        "clock": selectors.clock_text(case),
        "version": case.version,
    }


def _out(request: HttpRequest, case: DisciplinaryCase) -> dict:
    record = selectors.sees_record(request.user, case)
    fields = (
        "notice_facts", "notified_on", "answer", "hearing_requested", "hearing_on", "sanction_kind",
        "decision_reasons", "decided_on", "review_grounds", "review_decision", "review_reasons", "final_on",
    )  # fmt: skip
    return {
        **_row(case),
        **{name: getattr(case, name) for name in fields},
        "documents": [kind for kind, _label in selectors.documents(case)],
        "steps": [
            t.name
            for t in services.CASE_WORKFLOW.available(request.user, case)
            if services.period_allows(case, t.name)
        ],
        "facts": case.facts if record else None,
        "investigation_record": case.investigation_record if record else None,
        "hearing_record": case.hearing_record if record else None,
        "stages": list(case.stages.all()) if record else None,
    }


@router.get("/discipline/cases", response={200: CasePage, **READ_ERRORS}, summary="List disciplinary cases")
def discipline_case_list(request: HttpRequest, filters: Query[CaseFilters]):  # type: ignore[valid-type]  # built by ListDef
    found = page(CASES.api_query(request.user, filters).items, filters)
    services.cases_listed(actor=request.user, cases=found["items"], what="api list")
    return {**found, "items": [_row(c) for c in found["items"]]}


@router.get("/discipline/cases/{case_id}", response={200: CaseOut, **DETAIL_ERRORS}, summary="Get a case")
def discipline_case_detail(request: HttpRequest, case_id: Id):
    case = _case(request, case_id)
    services.case_read(actor=request.user, case=case, what="api")
    return _out(request, case)


@router.post(
    "/discipline/cases",
    response={201: CaseOut, **CREATE_ERRORS},
    summary="Open a case on the bar's own motion",
)
def discipline_case_open(request: HttpRequest, body: CaseIn):
    if (body.lawyer is None) == (body.firm is None):
        raise ValidationError(_("Name one lawyer or one law firm."), code="one_subject")
    lawyer = Lawyer.objects.select_related("region").filter(pk=body.lawyer).first() if body.lawyer else None
    firm = LawFirm.objects.select_related("region").filter(pk=body.firm).first() if body.firm else None
    if lawyer is None and firm is None:
        raise ValidationError(
            {
                "lawyer" if body.lawyer else "firm": ValidationError(
                    _("No such lawyer or law firm."), code="does_not_exist"
                )
            }
        )
    case = services.case_open(
        actor=request.user,
        lawyer=lawyer,
        firm=firm,
        conduct=body.conduct,
        summary=body.summary,
        facts=body.facts,
    )
    return Status(201, _out(request, _case(request, case.pk)))


@router.post(
    "/discipline/cases/{case_id}/steps/{action}",
    response={200: CaseOut, **UPDATE_ERRORS},
    summary="Take a step of a case",
)
def discipline_case_step(request: HttpRequest, case_id: Id, action: str, body: StepIn):
    case = _case(request, case_id)
    services.case_step(actor=request.user, case=case, action=action, **body.model_dump())
    return _out(request, _case(request, case_id))


@router.post(
    "/discipline/cases/{case_id}/record",
    response={200: CaseOut, **UPDATE_ERRORS},
    summary="Write the investigation record",
)
def discipline_case_record(request: HttpRequest, case_id: Id, body: RecordIn):
    case = _case(request, case_id)
    services.investigation_record_save(actor=request.user, case=case, text=body.text, version=body.version)
    return _out(request, _case(request, case_id))


@router.post(
    "/discipline/cases/{case_id}/grants",
    response={200: CaseOut, **UPDATE_ERRORS},
    summary="Name a person on a case",
)
def discipline_case_grant(request: HttpRequest, case_id: Id, body: GrantIn):
    case = _case(request, case_id)
    user = get_user_model().objects.filter(username=body.username, is_active=True).first()
    if user is None:
        raise ValidationError(
            {"username": ValidationError(_("No active account has this username."), code="unknown")}
        )
    services.case_grant(actor=request.user, case=case, user=user)
    return _out(request, _case(request, case_id))


@router.get(
    "/discipline/cases/{case_id}/documents/{kind}",
    response={**DETAIL_ERRORS},
    summary="A document of a case (PDF)",
)
def discipline_case_document(request: HttpRequest, case_id: Id, kind: str):
    case = _case(request, case_id)
    if kind not in dict(selectors.documents(case)):
        raise Http404
    services.case_read(actor=request.user, case=case, what=f"document:{kind}")
    return pdf_response("discipline/pdf/document.html", document_context(case, kind), f"{case.number}-{kind}")


class OversightFilters(Schema):
    region: Text = ""


def _counts(rows) -> list[dict]:
    return [{"code": c, "label": label, "count": n} for c, label, n in rows]


@router.get(
    "/discipline/oversight",
    response={200: OversightOut, **DETAIL_ERRORS},
    summary="Oversight figures of a subtree",
)
def discipline_oversight(request: HttpRequest, filters: Query[OversightFilters]):
    regions = selectors.oversight_regions(request.user)
    region = regions.filter(code=filters.region).first() if filters.region else regions.first()
    if region is None or not policies.allowed(request.user, policies.OVERSIGHT, region):
        raise Http404
    f = selectors.oversight(region)
    return {
        "region": region,
        "today": f.today,
        "total": f.total,
        "open": f.open,
        "past_clock": f.past_clock,
        "by_stage": _counts(f.by_stage),
        "by_source": _counts(f.by_source),
        "by_conduct": _counts(f.by_conduct),
        "ageing": _counts(f.ageing),
        "median_days": [
            {"code": c, "label": label, "median_working_days": m} for c, label, m in f.median_days
        ],
        "complaints_by_status": _counts(f.complaints_by_status),
        "complaints_by_source": _counts(f.complaints_by_source),
    }


@router.get(
    "/public/sanctions",
    auth=None,
    response={200: list[PublicSanctionOut], **READ_ERRORS},
    summary="Sanctions shown in the public look-up now (no log-in)",
)
def public_sanctions(request: HttpRequest):
    return selectors.published_sanctions()
