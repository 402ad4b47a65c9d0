"""Notices over HTTP, scoped like the pages: the notices the caller may see, the receipts of one (a
recipient sees only its own), and a recipient's acknowledgement (a firm's administrator, a Party
organization's secretary). Writing and publishing stay on the pages, which
carry the attachments."""

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from lvxie.core.api import (
    DETAIL_ERRORS,
    READ_ERRORS,
    UPDATE_ERRORS,
    FirmRef,
    Id,
    Page,
    PartyOrgRef,
    RegionRef,
    page,
    register_error_codes,
)

from . import selectors, services
from .choices import AudienceKind, NoticeStatus, ReceiptState
from .models import Notice, Receipt

router = Router(tags=["notices"])

register_error_codes(
    "notices",
    (
        "already_acknowledged",
        "empty_audience",
        "empty_reply",
        "late",
        "not_published",
        "outside_region",
        "past_due",
        "published",
        "required",
        "unknown_firm",
    ),
)


class NoticeOut(Schema):
    id: int
    title: str
    body: str
    status: NoticeStatus
    sender_region: RegionRef
    audience_kind: AudienceKind
    reply_required: bool
    reply_hint: str
    reply_due: date | None
    late_replies_allowed: bool
    published_at: datetime | None


class NoticeRow(NoticeOut):
    total: int
    read: int
    acknowledged: int
    replied: int
    overdue: int


class NoticePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[NoticeRow]


class ReceiptOut(Schema):
    id: int
    notice_id: int
    firm: FirmRef | None
    party_org: PartyOrgRef | None
    region: RegionRef
    state: ReceiptState
    read_at: datetime | None
    acknowledged_at: datetime | None
    replied_at: datetime | None
    reply_text: str
    files: list[str]

    @staticmethod
    def resolve_state(obj: Receipt) -> str:
        return obj.state()

    @staticmethod
    def resolve_files(obj: Receipt) -> list[str]:
        return [f.name for f in obj.files.all()]


class ReceiptPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReceiptOut]


class NoticeFilters(Page):
    q: str = ""
    status: NoticeStatus | None = None


class ReceiptFilters(Page):
    state: str = ""


@router.get("/notices", response={200: NoticePage, **READ_ERRORS}, summary="List notices")
def notice_list(request: HttpRequest, filters: Query[NoticeFilters]):
    return page(selectors.notice_list(request.user, q=filters.q, status=filters.status or ""), filters)


@router.get("/notices/{notice_id}", response={200: NoticeOut, **DETAIL_ERRORS}, summary="Get a notice")
def notice_detail(request: HttpRequest, notice_id: Id):
    """Reading a notice through the API opens it for the caller's firm or organization, as the page does."""
    notice = get_object_or_404(
        Notice.objects.visible_to(request.user).select_related("sender_region"), pk=notice_id
    )
    receipt = selectors.own_receipt(request.user, notice) if notice.is_published else None
    if receipt is not None:
        services.receipt_open(actor=request.user, receipt=receipt)
    return notice


@router.get(
    "/notices/{notice_id}/receipts",
    response={200: ReceiptPage, **DETAIL_ERRORS},
    summary="List a notice's receipts",
)
def receipt_list(request: HttpRequest, notice_id: Id, filters: Query[ReceiptFilters]):
    notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=notice_id)
    return page(selectors.receipt_list(request.user, notice, state=filters.state), filters)


@router.post(
    "/receipts/{receipt_id}/acknowledge",
    response={200: ReceiptOut, **UPDATE_ERRORS},
    summary="Acknowledge a notice (the recipient firm or Party organization)",
)
def receipt_acknowledge(request: HttpRequest, receipt_id: Id):
    receipt = get_object_or_404(
        Receipt.objects.visible_to(request.user).select_related("notice"), pk=receipt_id
    )
    services.receipt_acknowledge(actor=request.user, receipt=receipt)
    return selectors.receipt_list(request.user, receipt.notice).get(pk=receipt.pk)
