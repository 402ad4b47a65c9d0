"""The public's complaint endpoints (no log-in), with the checks of the pages: the rate limit per
address, the CAPTCHA (ask for a challenge, show its picture, send the answer with the complaint), the
upload checks and limits; and tracking by number and code, which says nothing when either is wrong."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lvxie.complaints import captcha
from lvxie.complaints import selectors as complaint_selectors
from lvxie.complaints import services as complaint_services
from lvxie.complaints.choices import ComplaintStatus, ConductKind
from lvxie.complaints.fields import FilesField
from lvxie.core.api import CREATE_ERRORS, UPDATE_ERRORS, ErrorOut, Id, Text
from lvxie.registry.models import LawFirm, Lawyer

from .ratelimit import over_limit

router = Router(tags=["public"], auth=None)


def _limited(request: HttpRequest) -> None:
    """The public pages' rate limit, counted in the same window."""
    if over_limit(request) is not None:
        raise HttpError(429, str(_("Too many requests: wait a minute and try again.")))


class CaptchaOut(Schema):
    token: str
    image_url: str = Field(description="the question as a PNG; answer it in `captcha_answer`")


@router.post(
    "/public/complaints/captcha",
    response={200: CaptchaOut, 429: ErrorOut, **CREATE_ERRORS},
    summary="A CAPTCHA challenge",
)
def public_complaint_captcha(request: HttpRequest):
    _limited(request)
    token = captcha.challenge_new()
    return {"token": token, "image_url": reverse("public:complaint_captcha", args=[token])}


class ComplaintIn(Schema):
    lawyer_id: Id | None = None
    firm_id: Id | None = None
    conduct: ConductKind
    facts: Text = Field(max_length=complaint_services.FACTS_MAX)
    request: Text = Field("", max_length=1000)
    complainant_name: Text = Field(max_length=50)
    complainant_phone: Text = Field("", max_length=30)
    complainant_email: Text = Field("", max_length=254)
    complainant_address: Text = Field("", max_length=200)
    confidential: bool = False
    captcha_token: Text = Field(max_length=64)
    captcha_answer: Text = Field(max_length=8)


class ComplaintReceiptOut(Schema):
    number: str
    code: str = Field(description="the secret code: given only in this answer")


@router.post(
    "/public/complaints",
    response={201: ComplaintReceiptOut, 429: ErrorOut, **CREATE_ERRORS},
    summary="Make a complaint",
)
def public_complaint_create(
    request: HttpRequest, payload: Form[ComplaintIn], files: File[list[UploadedFile] | None] = None
):
    _limited(request)
    captcha.challenge_check(payload.captcha_token, payload.captcha_answer)
    lawyer = Lawyer.objects.filter(pk=payload.lawyer_id).first() if payload.lawyer_id else None
    firm = LawFirm.objects.filter(pk=payload.firm_id).first() if payload.firm_id else None
    if (payload.lawyer_id and lawyer is None) or (payload.firm_id and firm is None):
        raise ValidationError(
            {"lawyer_id": ValidationError(_("No such lawyer or law firm."), code="not_found")}
        )
    try:
        checked = FilesField(required=False).clean(list(files or []))
    except ValidationError as exc:
        raise ValidationError({"files": exc}) from exc
    intake = complaint_services.Intake(
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
    done = complaint_services.complaint_submit(intake=intake, files=checked)
    return Status(201, {"number": done.complaint.number, "code": complaint_services.format_code(done.code)})


class TrackIn(Schema):
    number: Text = Field(max_length=20)
    code: Text = Field(max_length=20)


class StepOut(Schema):
    at: dt.datetime
    status: str


class TrackOut(Schema):
    number: str
    status: ComplaintStatus
    status_label: str
    received_on: dt.date
    papers_requested: str
    decision_reason: str
    referred_to: str
    track: str
    outcome: str
    outcome_text: str
    steps: list[StepOut]


@router.post(
    "/public/complaints/track",
    response={200: TrackOut, 429: ErrorOut, **UPDATE_ERRORS},
    summary="Follow a complaint",
)
def public_complaint_track(request: HttpRequest, payload: TrackIn):
    _limited(request)
    found = complaint_selectors.track(payload.number, payload.code)
    if found is None:
        raise HttpError(404, str(_("No complaint matches this number and code.")))
    return {
        "number": found.number,
        "status": found.status,
        "status_label": found.get_status_display(),
        "received_on": found.received_on,
        "papers_requested": found.papers_requested if found.status == ComplaintStatus.AWAITING_PAPERS else "",
        "decision_reason": found.decision_reason,
        "referred_to": found.referred_to,
        "track": found.get_track_display() if found.track else "",
        "outcome": found.get_outcome_display() if found.outcome else "",
        "outcome_text": found.outcome_text,
        "steps": [{"at": at, "status": label} for at, label in complaint_selectors.public_steps(found)],
    }
