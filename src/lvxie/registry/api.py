"""The registry over HTTP: law firms and lawyers. Reads go through the selectors (so through
`visible_to`), writes through the services (so validation, scope checks and the audit log).

Out of scope is 404 on every path, PATCH included. In a request body, a region, firm or head office
the caller cannot see is reported like one that does not exist: a 422 on that field, not a 404 of
the whole request, so the client learns which field to fix and nothing about other districts.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator

from lvxie.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    READ_ERRORS,
    UPDATE_ERRORS,
    FirmRef,
    Id,
    IdOrCode,
    Input,
    Page,
    RegionRef,
    Text,
    max_length,
    page,
    page_of,
    partial,
    pick,
    register_error_codes,
)
from lvxie.core.lists import SEARCH_MAX_LENGTH
from lvxie.core.types import Actor
from lvxie.core.validators import mask_id_number, mask_phone, normalize_credit_code, normalize_id_number

from . import lists, selectors, services
from .choices import (
    FIRM_KINDS,
    FirmKind,
    FirmStatus,
    Gender,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
)
from .models import LawFirm, Lawyer
from .search import search, search_lawyers

router = Router(tags=["registry"])

register_error_codes("registry", ("before_licence", "does_not_exist", "required", "unknown"))


class FirmOut(Schema):
    """A law firm as the API shows it, with the number of its lawyers."""

    id: int
    name: str
    kind: FirmKind
    kind_label: str
    status: FirmStatus
    status_label: str
    credit_code: str
    licence_no: str
    region: RegionRef
    address: str
    head_name: str
    founded_on: date | None
    party_building_in_bylaws: bool
    parent_firm_id: int | None
    lawyer_count: int
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(obj: LawFirm) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: LawFirm) -> str:
        return str(obj.get_status_display())


class LawyerOut(Schema):
    """A lawyer as the API shows them: ID number and phone only ever masked."""

    id: int
    name: str
    gender: Gender
    kind: LawyerKind
    kind_label: str
    status: LawyerStatus
    status_label: str
    licence_no: str
    firm: FirmRef | None
    employer: str
    region: RegionRef
    first_licensed_year: int
    practice_areas: list[PracticeArea]
    id_number_masked: str
    phone_masked: str
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(obj: Lawyer) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Lawyer) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_practice_areas(obj: Lawyer) -> list[str]:
        return obj.practice_area_codes

    @staticmethod
    def resolve_id_number_masked(obj: Lawyer) -> str:
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone_masked(obj: Lawyer) -> str:
        return mask_phone(obj.phone)


class FirmPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[FirmOut]


class LawyerPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LawyerOut]


# The list endpoints' query parameters come from the lists' definitions (lists.py): the same filters,
# by the same names, as the list pages and the exports.
FirmFilters = lists.FIRMS.api_schema("FirmFilters")
LawyerFilters = lists.LAWYERS.api_schema("LawyerFilters")


class FirmIn(Input):
    """A new law firm. Status starts as practising; status changes are transitions of their own."""

    name: Text = Field(max_length=max_length(LawFirm, "name"))
    kind: FirmKind = FirmKind.PARTNERSHIP
    credit_code: Text
    licence_no: Text
    region: IdOrCode = Field(description="District: id or region code.")
    address: Text = Field("", max_length=max_length(LawFirm, "address"))
    head_name: Text = Field("", max_length=max_length(LawFirm, "head_name"))
    founded_on: date | None = None
    party_building_in_bylaws: bool = False
    parent_firm: IdOrCode | None = Field(None, description="Head office of a branch: id or credit code.")

    @field_validator("credit_code")
    @classmethod
    def _normalize_credit_code(cls, value: str) -> str:
        return normalize_credit_code(value)


class LawyerIn(Input):
    """A new lawyer. `region` may be left out for a lawyer in a firm: they practise in its district."""

    name: Text = Field(max_length=max_length(Lawyer, "name"))
    gender: Gender
    kind: LawyerKind = LawyerKind.FULL_TIME
    licence_no: Text
    firm: IdOrCode | None = Field(None, description="Law firm: id or credit code.")
    employer: Text = Field("", max_length=max_length(Lawyer, "employer"))
    # Optional but not nullable: a lawyer always has a district.
    region: IdOrCode = Field(None, description="District: id or region code.")  # type: ignore[assignment]
    # The column's range on PostgreSQL; SQLite would store any integer.
    first_licensed_year: int = Field(ge=0, le=32767)
    practice_areas: list[PracticeArea] = []
    phone: Text = Field("", max_length=max_length(Lawyer, "phone"))
    id_number: Text = ""

    @field_validator("id_number")
    @classmethod
    def _normalize_id_number(cls, value: str) -> str:
        return normalize_id_number(value)


FirmPatch = partial(FirmIn, "FirmPatch")
LawyerPatch = partial(LawyerIn, "LawyerPatch")


def _resolve(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the references in input data by the objects they name."""
    firms = LawFirm.objects.visible_to(actor)
    if data.get("region") is not None:
        data["region"] = pick(
            selectors.districts_for(actor),
            data["region"],
            code_field="code",
            field="region",
            message=_("There is no such district."),
        )
    for field in ("firm", "parent_firm"):
        if data.get(field) is not None:
            data[field] = pick(
                firms,
                data[field],
                code_field="credit_code",
                field=field,
                message=_("There is no such law firm."),
            )
    if "practice_areas" in data:
        codes = list(dict.fromkeys(data["practice_areas"]))
        data["practice_areas"] = f",{','.join(codes)}," if codes else ""
    return data


def _firm(actor: Actor, firm_id: int) -> LawFirm:
    return get_object_or_404(lists.FIRMS.rows(actor), pk=firm_id)


def _lawyer(actor: Actor, lawyer_id: int) -> Lawyer:
    return get_object_or_404(lists.LAWYERS.rows(actor), pk=lawyer_id)


@router.get("/firms", response={200: FirmPage, **READ_ERRORS}, summary="List law firms")
def firm_list(request: HttpRequest, filters: Query[FirmFilters]) -> dict[str, Any]:  # type: ignore[valid-type]
    """The firms the caller may see, filtered; a region the caller cannot see matches nothing."""
    return page(lists.FIRMS.api_query(request.user, filters).items, filters)


@router.get("/firms/{firm_id}", response={200: FirmOut, **DETAIL_ERRORS}, summary="Get a law firm")
def firm_detail(request: HttpRequest, firm_id: Id) -> LawFirm:
    return _firm(request.user, firm_id)


@router.post("/firms", response={201: FirmOut, **CREATE_ERRORS}, summary="Register a law firm")
def firm_create(request: HttpRequest, payload: FirmIn) -> Status:
    fields = _resolve(request.user, payload.model_dump())
    firm = services.firm_register(actor=request.user, **fields)
    return Status(201, _firm(request.user, firm.pk))


@router.patch("/firms/{firm_id}", response={200: FirmOut, **UPDATE_ERRORS}, summary="Change a law firm")
def firm_update(request: HttpRequest, firm_id: Id, payload: FirmPatch) -> LawFirm:  # type: ignore[valid-type]
    firm = get_object_or_404(LawFirm.objects.visible_to(request.user).select_related("region"), pk=firm_id)
    fields = _resolve(request.user, payload.model_dump(exclude_unset=True))  # type: ignore[attr-defined]  # a schema built by partial()
    services.firm_update(actor=request.user, firm=firm, **fields)
    return _firm(request.user, firm.pk)


@router.get("/lawyers", response={200: LawyerPage, **READ_ERRORS}, summary="List lawyers")
def lawyer_list(request: HttpRequest, filters: Query[LawyerFilters]) -> dict[str, Any]:  # type: ignore[valid-type]
    """The lawyers the caller may see, filtered; a region or firm the caller cannot see matches nothing."""
    searched = _search_alone(request.user, filters)
    if searched is not None:
        return searched
    return page(lists.LAWYERS.api_query(request.user, filters).items, filters)


def _search_alone(actor: Actor, filters: Page) -> dict[str, Any] | None:
    """The first page of a search with no other filter (a search box's keystroke, the commonest call):
    answered by the compiled search (`search_lawyers`), the same rows in the same order as the list's own
    `q` filter, which counts them only when the page is full (`page_of`). None for any other request."""
    values = filters.model_dump(exclude=set(Page.model_fields))
    text = str(values.pop("q", "") or "").strip()
    if (
        filters.offset
        or not text
        or len(text) > SEARCH_MAX_LENGTH
        or any(v not in (None, "") for v in values.values())
    ):
        return None
    items = search_lawyers(actor, text, limit=filters.limit)
    return page_of(items, filters, lambda: lists.LAWYERS.api_query(actor, filters).items.count())


@router.get("/lawyers/{lawyer_id}", response={200: LawyerOut, **DETAIL_ERRORS}, summary="Get a lawyer")
def lawyer_detail(request: HttpRequest, lawyer_id: Id) -> Lawyer:
    return _lawyer(request.user, lawyer_id)


@router.post("/lawyers", response={201: LawyerOut, **CREATE_ERRORS}, summary="Register a lawyer")
def lawyer_create(request: HttpRequest, payload: LawyerIn) -> Status:
    fields = _resolve(request.user, payload.model_dump())
    if fields["region"] is None:
        if fields["firm"] is None or fields["kind"] not in FIRM_KINDS:
            raise ValidationError(
                {
                    "region": ValidationError(
                        _("Give the district of a lawyer who does not practise in a law firm."),
                        code="required",
                    )
                }
            )
        del fields["region"]  # the service places a lawyer in a firm in the firm's district
    lawyer = services.lawyer_register(actor=request.user, **fields)
    return Status(201, _lawyer(request.user, lawyer.pk))


@router.patch("/lawyers/{lawyer_id}", response={200: LawyerOut, **UPDATE_ERRORS}, summary="Change a lawyer")
def lawyer_update(request: HttpRequest, lawyer_id: Id, payload: LawyerPatch) -> Lawyer:  # type: ignore[valid-type]
    lawyer = get_object_or_404(
        Lawyer.objects.visible_to(request.user).select_related("region", "firm"), pk=lawyer_id
    )
    fields = _resolve(request.user, payload.model_dump(exclude_unset=True))  # type: ignore[attr-defined]  # a schema built by partial()
    services.lawyer_update(actor=request.user, lawyer=lawyer, **fields)
    return _lawyer(request.user, lawyer.pk)


class SearchFirmOut(Schema):
    id: int
    name: str
    credit_code: str
    licence_no: str
    region: RegionRef
    status: FirmStatus


class SearchOut(Schema):
    firms: list[SearchFirmOut]
    lawyers: list[LawyerOut]


class SearchQuery(Schema):
    q: Text = Field(
        ...,
        min_length=1,
        max_length=60,
        description="Name (either script), pinyin, initials or number prefix.",
    )
    limit: int = Field(20, ge=1, le=50)


@router.get("/search", response={200: SearchOut, **READ_ERRORS}, summary="Search firms and lawyers")
def search_view(request: HttpRequest, filters: Query[SearchQuery]) -> dict[str, Any]:
    """Best matches first: exact name, then names starting with the query, then containing it."""
    return search(request.user, filters.q, limit=filters.limit)
