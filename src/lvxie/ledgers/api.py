"""Ledgers and items over HTTP, scoped like the pages. Changes name the version they were made on
(optimistic locking): a stale one is a 422 with code "stale"."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from lvxie.core.api import (
    CREATE_ERRORS,
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
from lvxie.notifications.selectors import firm_accounts

from . import selectors, services
from .choices import ItemAction, ItemStatus
from .models import Ledger, RectificationItem

router = Router(tags=["ledgers"])

register_error_codes(
    "ledgers",
    (
        "closed",
        "no_evidence",
        "not_editable",
        "not_of_firm",
        "one_owner",
        "reason_required",
        "required",
        "stale",
        "transition",
        "unknown_action",
        "unknown_firm",
    ),
)


class LedgerOut(Schema):
    id: int
    title: str
    year: int
    firm: FirmRef | None
    party_org: PartyOrgRef | None
    region: RegionRef
    notice_id: int | None
    campaign: str
    item_total: int
    item_closed: int
    item_submitted: int
    item_overdue: int


class LedgerPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LedgerOut]


class ItemOut(Schema):
    id: int
    ledger_id: int
    number: str
    problem: str
    goal: str
    measures: str
    responsible: str
    responsible_user_id: int | None
    deadline: date
    status: ItemStatus
    overdue: bool
    reason: str
    version: int
    closed_at: datetime | None
    evidence: list[str]

    @staticmethod
    def resolve_overdue(obj: RectificationItem) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_evidence(obj: RectificationItem) -> list[str]:
        return [f.name for f in obj.evidence.all()]


class ItemPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemOut]


class LedgerFilters(Page):
    q: str = ""
    year: int | None = Field(None, ge=2000, le=2100)
    overdue: bool = False


class ItemFilters(Page):
    status: str = ""


class ItemIn(BaseModel):
    problem: str = Field(min_length=1)
    goal: str = Field(min_length=1)
    measures: str = Field(min_length=1)
    responsible: str = Field(min_length=1, max_length=50)
    responsible_user: int | None = Field(None, ge=1, description="Account of the responsible person (id).")
    deadline: date


class ItemPatch(BaseModel):
    version: int = Field(ge=1, description="The version the change was made on.")
    problem: str | None = Field(None, min_length=1)
    goal: str | None = Field(None, min_length=1)
    measures: str | None = Field(None, min_length=1)
    responsible: str | None = Field(None, min_length=1, max_length=50)
    responsible_user: int | None = Field(None, ge=1, description="Account of the responsible person (id).")
    deadline: date | None = None


class TransitionIn(BaseModel):
    action: ItemAction
    version: int = Field(ge=1)
    reason: str = ""


def _account(ledger: Ledger, fields: dict) -> dict:
    """Replace the responsible person's account id by the account, among those acting for the firm (an
    id outside them is reported like one that does not exist)."""
    if fields.get("responsible_user") is not None:
        accounts = firm_accounts(ledger.firm_id, ledger.party_org_id)
        user = accounts.filter(pk=fields["responsible_user"]).first()
        if user is None:
            raise ValidationError(
                {
                    "responsible_user": ValidationError(
                        _("This account does not act for the firm."), code="not_of_firm"
                    )
                }
            )
        fields["responsible_user"] = user
    return fields


def _ledger(request, ledger_id: int) -> Ledger:
    return get_object_or_404(selectors.ledger_list(request.user), pk=ledger_id)


def _item(request, item_id: int) -> RectificationItem:
    return get_object_or_404(
        RectificationItem.objects.visible_to(request.user).select_related(
            "ledger__firm__region", "ledger__party_org", "ledger__region"
        ),
        pk=item_id,
    )


@router.get("/ledgers", response={200: LedgerPage, **READ_ERRORS}, summary="List rectification ledgers")
def ledger_list(request: HttpRequest, filters: Query[LedgerFilters]):
    rows = selectors.ledger_list(request.user, q=filters.q, year=filters.year, overdue=filters.overdue)
    return page(rows, filters)


@router.get("/ledgers/{ledger_id}", response={200: LedgerOut, **DETAIL_ERRORS}, summary="Get a ledger")
def ledger_detail(request: HttpRequest, ledger_id: Id):
    return _ledger(request, ledger_id)


@router.get(
    "/ledgers/{ledger_id}/items", response={200: ItemPage, **DETAIL_ERRORS}, summary="List a ledger's items"
)
def item_list(request: HttpRequest, ledger_id: Id, filters: Query[ItemFilters]):
    ledger = _ledger(request, ledger_id)
    return page(
        selectors.item_list(request.user, ledger, status=filters.status).prefetch_related("evidence"), filters
    )


@router.post(
    "/ledgers/{ledger_id}/items",
    response={201: ItemOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Add an item",
)
def item_create(request: HttpRequest, ledger_id: Id, payload: ItemIn):
    ledger = get_object_or_404(
        Ledger.objects.visible_to(request.user).select_related("firm__region", "party_org"), pk=ledger_id
    )
    item = services.item_add(actor=request.user, ledger=ledger, **_account(ledger, payload.model_dump()))
    return Status(201, _item(request, item.pk))


@router.get("/items/{item_id}", response={200: ItemOut, **DETAIL_ERRORS}, summary="Get an item")
def item_detail(request: HttpRequest, item_id: Id):
    return _item(request, item_id)


@router.patch("/items/{item_id}", response={200: ItemOut, **UPDATE_ERRORS}, summary="Change an item")
def item_update(request: HttpRequest, item_id: Id, payload: ItemPatch):
    item = _item(request, item_id)
    fields = _account(item.ledger, payload.model_dump(exclude_unset=True, exclude_none=True))
    services.item_update(actor=request.user, item=item, **fields)
    return _item(request, item_id)


@router.post(
    "/items/{item_id}/transition", response={200: ItemOut, **UPDATE_ERRORS}, summary="Move an item along"
)
def item_transition(request: HttpRequest, item_id: Id, payload: TransitionIn):
    """Start, submit for closure, close (销号), send back or reopen an item."""
    item = _item(request, item_id)
    services.item_transition(
        actor=request.user, item=item, action=payload.action, version=payload.version, reason=payload.reason
    )
    return _item(request, item_id)
