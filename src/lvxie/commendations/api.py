"""Commendations and contests over HTTP, scoped like the pages (404 outside scope), through the same
services: a unit's nominations, the panel's votes, the panel's decision, the public notice, the
decisions on objections, the awards; a contest's prizes and its published collection; the honours.
`GET /public/commendation-notices` and `/public/collections` need no log-in and list only what the
publication windows show now."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from lvxie.calls import policies as call_policies
from lvxie.calls.models import Call, Submission
from lvxie.core.api import CREATE_ERRORS, DETAIL_ERRORS, READ_ERRORS, UPDATE_ERRORS, Id, register_error_codes
from lvxie.party.models import PartyOrg
from lvxie.workflow.models import Objection

from . import policies, reports, selectors, services
from .choices import NominationStatus, PrizeLevel
from .kinds import COMMENDATION_KINDS
from .models import Honour, Nomination

router = Router(tags=["commendations"])

register_error_codes(
    "commendations",
    (
        "category",
        "decided",
        "duplicate",
        "ineligible",
        "no_nominee",
        "no_prizes",
        "not_commendation",
        "not_editable",
        "not_open",
        "not_reviewing",
        "not_scored",
        "nothing_accepted",
        "nothing_in_notice",
        "nothing_recommended",
        "notice_running",
        "objections_waiting",
        "over_quota",
        "range",
        "required",
        "scores_missing",
        "too_long",
        "transition",
        "unknown_lawyer",
        "votes_missing",
    ),
)


class NominationOut(Schema):
    id: int
    call_id: int
    submission_id: int
    category: str
    category_label: str
    name: str
    unit: str
    deeds: str
    status: NominationStatus
    reason: str
    votes_for: int | None = None
    votes_against: int | None = None


class NominateIn(Schema):
    category: str
    deeds: str
    licence_no: str = ""
    party_org_id: int | None = None


class VoteIn(Schema):
    approve: bool
    reason: str = ""


class NoticeIn(Schema):
    days: int = services.NOTICE_DAYS


class DecisionIn(Schema):
    upheld: bool
    reason: str


class CountOut(Schema):
    count: int


class PanelOut(Schema):
    recommended: int
    declined: int


class PrizesIn(Schema):
    first: int = 0
    second: int = 0
    third: int = 0
    excellence: int = 0


class PrizeOut(Schema):
    submission_id: int
    level: PrizeLevel
    rank: int


class HonourOut(Schema):
    id: int
    holder: str
    title: str
    awarded_on: dt.date
    public: bool


class PublicNoticeOut(Schema):
    window_id: int
    commendation: str
    category: str
    name: str
    unit: str
    shown_until: dt.datetime


class WinnerOut(Schema):
    title: str
    unit: str
    prize: str


class PublicCollectionOut(Schema):
    window_id: int
    title: str
    shown_until: dt.datetime
    winners: list[WinnerOut]


def _round(request: HttpRequest, call_id: int, *, commendation: bool = True) -> Call:
    call = get_object_or_404(Call.objects.visible_to(request.user).select_related("region"), pk=call_id)
    if (call.kind in COMMENDATION_KINDS) != commendation or (not commendation and not call.spec.scored):
        raise Http404
    return call


def _nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.visible_to(request.user).select_related("call", "submission"), pk=nomination_id
    )


def _out(actor, row: Nomination) -> dict:
    tally = selectors.tally_visible_to(actor, row)
    return {
        "id": row.pk,
        "call_id": row.call_id,
        "submission_id": row.submission_id,
        "category": row.category,
        "category_label": row.category_label,
        "name": row.name,
        "unit": row.unit_name,
        "deeds": row.deeds,
        "status": row.status,
        "reason": row.reason,
        "votes_for": tally[0] if tally else None,
        "votes_against": tally[1] if tally else None,
    }


@router.get(
    "/commendations/rounds/{call_id}/nominations",
    response={200: list[NominationOut], **DETAIL_ERRORS},
    summary="The nominations of a commendation round the caller may see (the votes once all have voted)",
)
def nomination_list(request: HttpRequest, call_id: Id):
    call = _round(request, call_id)
    rows = list(selectors.nominations(request.user, call))
    if call.party and rows:
        services.nominations_read(actor=request.user, call=call, what="api")
    return [_out(request.user, r) for r in rows]


@router.post(
    "/commendations/submissions/{submission_id}/nominations",
    response={201: NominationOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Nominate (the unit's people; the eligibility is checked from the records)",
)
def nominate(request: HttpRequest, submission_id: Id, payload: NominateIn):
    submission = get_object_or_404(
        Submission.objects.visible_to(request.user).select_related("call", "party_org", "firm"),
        pk=submission_id,
    )
    if submission.call.kind not in COMMENDATION_KINDS:
        raise Http404
    org = None
    if payload.party_org_id is not None and submission.party_org is not None:
        org = get_object_or_404(
            PartyOrg.objects.filter(path__startswith=submission.party_org.path), pk=payload.party_org_id
        )
    nominee = services.nominee_for(
        submission=submission, category=payload.category, licence_no=payload.licence_no, party_org=org
    )
    row = services.nominate(
        actor=request.user,
        submission=submission,
        category=payload.category,
        nominee=nominee,
        deeds=payload.deeds,
    )
    return Status(201, _out(request.user, row))


@router.delete(
    "/commendations/nominations/{nomination_id}",
    response={204: None, **UPDATE_ERRORS},
    summary="Withdraw a nomination while the unit's submission is a draft or returned",
)
def nomination_withdraw(request: HttpRequest, nomination_id: Id):
    services.nomination_withdraw(actor=request.user, nomination=_nomination(request, nomination_id))
    return Status(204, None)


@router.post(
    "/commendations/nominations/{nomination_id}/vote",
    response={200: NominationOut, **UPDATE_ERRORS},
    summary="A panel member's vote (a change needs a reason; a conflict of interest is refused)",
)
def vote(request: HttpRequest, nomination_id: Id, payload: VoteIn):
    row = _nomination(request, nomination_id)
    if not call_policies.is_reviewer(request.user, row.call):
        raise Http404
    services.vote_cast(actor=request.user, nomination=row, approve=payload.approve, reason=payload.reason)
    return _out(request.user, _nomination(request, nomination_id))


@router.post(
    "/commendations/rounds/{call_id}/panel-decision",
    response={200: PanelOut, **UPDATE_ERRORS},
    summary="Count the panel's votes: recommended within each category's places",
)
def panel_decide(request: HttpRequest, call_id: Id):
    return services.panel_decide(actor=request.user, call=_round(request, call_id))


@router.post(
    "/commendations/rounds/{call_id}/notice",
    response={200: CountOut, **UPDATE_ERRORS},
    summary="Open the public notice of the recommended for a number of working days",
)
def notice_open(request: HttpRequest, call_id: Id, payload: NoticeIn):
    return {
        "count": services.notice_open(actor=request.user, call=_round(request, call_id), days=payload.days)
    }


@router.post(
    "/commendations/objections/{objection_id}/decision",
    response={200: NominationOut, **UPDATE_ERRORS},
    summary="Decide an objection from the public (upheld: that award is stopped)",
)
def objection_decide(request: HttpRequest, objection_id: Id, payload: DecisionIn):
    objection = get_object_or_404(
        Objection.objects.visible_to(request.user).select_related("window"), pk=objection_id
    )
    try:
        nomination = services.nomination_of(objection)
    except Nomination.DoesNotExist as exc:
        raise Http404 from exc
    services.objection_decide(
        actor=request.user, objection=objection, upheld=payload.upheld, reason=payload.reason
    )
    return _out(request.user, _nomination(request, nomination.pk))


@router.post(
    "/commendations/rounds/{call_id}/awards",
    response={200: CountOut, **UPDATE_ERRORS},
    summary="Confirm the awards after the public notice",
)
def award(request: HttpRequest, call_id: Id):
    return {"count": services.award_confirm(actor=request.user, call=_round(request, call_id))}


@router.get(
    "/commendations/rounds/{call_id}/results.{fmt}",
    response={200: None, **DETAIL_ERRORS},
    summary="A commendation round's results as .xlsx or PDF (the issuing side; audited)",
)
def round_export(request: HttpRequest, call_id: Id, fmt: str):
    call = _round(request, call_id)
    if fmt not in ("xlsx", "pdf") or not policies.allowed(request.user, policies.RESULTS_EXPORT, call):
        raise Http404
    results = selectors.round_results(request.user, call)
    services.results_export(actor=request.user, call=call, fmt=fmt, rows=len(results))
    return reports.results_response(call, results, fmt)


@router.get(
    "/commendations/contests/{call_id}/prizes",
    response={200: list[PrizeOut], **DETAIL_ERRORS},
    summary="A contest's prizes (issuing staff and judges)",
)
def prize_list(request: HttpRequest, call_id: Id):
    call = _round(request, call_id, commendation=False)
    if not call_policies.allowed(request.user, call_policies.RESULT_VIEW, call):
        raise Http404
    return list(selectors.prizes(call))


@router.post(
    "/commendations/contests/{call_id}/prizes",
    response={200: list[PrizeOut], **UPDATE_ERRORS},
    summary="Give a contest's prizes by rank",
)
def prizes_award(request: HttpRequest, call_id: Id, payload: PrizesIn):
    call = _round(request, call_id, commendation=False)
    return services.prizes_award(actor=request.user, call=call, counts=payload.dict())


@router.post(
    "/commendations/contests/{call_id}/collection",
    response={200: CountOut, **UPDATE_ERRORS},
    summary="Publish the collection of winning entries on the public site",
)
def collection_publish(request: HttpRequest, call_id: Id):
    call = services.collection_publish(actor=request.user, call=_round(request, call_id, commendation=False))
    return {"count": len(selectors.prizes(call))}


@router.get(
    "/commendations/honours", response={200: list[HonourOut], **READ_ERRORS}, summary="Honours on the records"
)
def honour_list(request: HttpRequest):
    rows: list[Honour] = list(selectors.honours(request.user)[:500])
    if any(h.party for h in rows):
        services.honours_read(actor=request.user, what="api")
    return [
        {
            "id": h.pk,
            "holder": h.holder.name if h.holder else "",
            "title": h.title,
            "awarded_on": h.awarded_on,
            "public": h.public,
        }
        for h in rows
    ]


@router.get(
    "/public/commendation-notices",
    auth=None,
    response={200: list[PublicNoticeOut], **READ_ERRORS},
    summary="The public notice of commendations now (no log-in): name, unit and category only",
)
def public_notices(request: HttpRequest):
    return [
        {
            "window_id": e["window"].pk,
            "commendation": e["call_title"],
            "category": e["category"],
            "name": e["name"],
            "unit": e["unit"],
            "shown_until": e["window"].ends_at,
        }
        for e in selectors.notices_published()
    ]


@router.get(
    "/public/collections",
    auth=None,
    response={200: list[PublicCollectionOut], **READ_ERRORS},
    summary="Contests' collections of winning entries on the public site now (no log-in)",
)
def public_collections(request: HttpRequest):
    return [
        {
            "window_id": e["window"].pk,
            "title": e["call"].title,
            "shown_until": e["window"].ends_at,
            "winners": e["winners"],
        }
        for e in selectors.collections_published()
    ]
