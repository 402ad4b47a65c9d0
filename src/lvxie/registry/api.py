"""The registry over HTTP: law firms and lawyers. Reads go through the selectors (so through
`visible_to`), writes through the services (so validation, scope checks and the audit log).

Out of scope is 404 on every path, PATCH included. In a request body, a region, firm or head office
the caller cannot see is reported like one that does not exist: a 422 on that field, not a 404 of
the whole request, so the client learns which field to fix and nothing about other districts.
"""

from copy import copy
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel, PlainValidator, WithJsonSchema, create_model, field_validator

from lvxie.core.types import Actor
from lvxie.core.validators import mask_id_number, mask_phone, normalize_credit_code, normalize_id_number

from . import selectors, services
from .choices import (
    FIRM_KINDS,
    FirmKind,
    FirmStatus,
    Gender,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
)
from .models import LawFirm, Lawyer, Region
from .search import search

M = TypeVar("M", bound=Model)

router = Router(tags=["registry"])

MAX_PAGE = 200
MAX_ID = 2**63 - 1  # the largest BigAutoField; beyond it a lookup would overflow the database integer

# PostgreSQL cannot store NUL characters in text; refuse them as a 422 instead of failing in the driver.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, Field(pattern=NO_NUL)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _id_or_code(value: object) -> int | str:
    """A JSON number is an id, a JSON string a code: "440304" stays a code, and true is not id 1."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 7.0 is the integer 7 in JSON Schema
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID:
        return value
    if isinstance(value, str) and 1 <= len(value) <= 32 and "\x00" not in value:
        return value
    raise ValueError("give an id (a positive integer) or a code (a string of 1 to 32 characters)")


# A reference in a body (a region by id or code, a firm by id or credit code). One validator rather
# than a pydantic union, so an error names the field alone, not "region.constrained-int".
IdOrCode = Annotated[
    int | str,
    PlainValidator(_id_or_code),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                {"type": "string", "minLength": 1, "maxLength": 32, "pattern": NO_NUL},
            ],
            "description": "An id (JSON number) or a code (JSON string).",
        }
    ),
]


def _length(model: type[Model], field: str) -> int:
    """The model field's max_length, so the schema documents it and refuses longer text up front."""
    return model._meta.get_field(field).max_length  # type: ignore[return-value, union-attr]  # a text column


# Shared by every router; lvxie.config.api produces these shapes.


class ErrorOut(Schema):
    detail: str
    # Set on the errors lvxie.core.errors answers (a body that is not JSON, a form without its boundary,
    # too large, a NUL character…): a stable code beside the translated `detail`.
    code: str | None = Field(None, description="a stable code, e.g. malformed_body, bad_form, too_large")


class FieldErrorOut(Schema):
    field: str = Field(description='The input field; "__all__" for the record as a whole.')
    code: str
    message: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


def errors(*codes: int) -> dict[int, type[Schema]]:
    """The error responses an operation can give, for its `response={...}` (and so the schema)."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in codes}


READ_ERRORS = errors(401, 422)
DETAIL_ERRORS = errors(401, 404, 422)
CREATE_ERRORS = errors(400, 401, 403, 422)
UPDATE_ERRORS = errors(400, 401, 403, 404, 422)


class RegionRef(Schema):
    id: int
    code: str
    name: str


class FirmRef(Schema):
    id: int
    name: str


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


class Page(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=2**31 - 1)  # within every database's OFFSET range


class FirmFilters(Page):
    q: Text = Field("", description="Name (either script, pinyin, initials) or credit-code prefix.")
    region: Text = Field("", description="Region code; the region's whole subtree.")
    kind: FirmKind | None = None
    status: FirmStatus | None = None
    party_building_in_bylaws: bool | None = None


class LawyerFilters(Page):
    q: Text = Field("", description="Name (either script, pinyin, initials) or licence-number prefix.")
    region: Text = Field("", description="Region code; the region's whole subtree.")
    firm: Id | None = Field(None, description="Law firm id.")
    kind: LawyerKind | None = None
    status: LawyerStatus | None = None
    practice_area: PracticeArea | None = None


class Input(BaseModel):
    """A request body. Plain pydantic, not ninja's Schema: Schema reads attributes from anything, so a
    JSON array would pass as an empty PATCH; here a body that is not an object is a 422."""


class FirmIn(Input):
    """A new law firm. Status starts as practising; status changes are transitions of their own."""

    name: Text = Field(max_length=_length(LawFirm, "name"))
    kind: FirmKind = FirmKind.PARTNERSHIP
    credit_code: Text
    licence_no: Text
    region: IdOrCode = Field(description="District: id or region code.")
    address: Text = Field("", max_length=_length(LawFirm, "address"))
    head_name: Text = Field("", max_length=_length(LawFirm, "head_name"))
    founded_on: date | None = None
    party_building_in_bylaws: bool = False
    parent_firm: IdOrCode | None = Field(None, description="Head office of a branch: id or credit code.")

    @field_validator("credit_code")
    @classmethod
    def _normalize_credit_code(cls, value: str) -> str:
        return normalize_credit_code(value)


class LawyerIn(Input):
    """A new lawyer. `region` may be left out for a lawyer in a firm: they practise in its district."""

    name: Text = Field(max_length=_length(Lawyer, "name"))
    gender: Gender
    kind: LawyerKind = LawyerKind.FULL_TIME
    licence_no: Text
    firm: IdOrCode | None = Field(None, description="Law firm: id or credit code.")
    employer: Text = Field("", max_length=_length(Lawyer, "employer"))
    # Optional but not nullable: a lawyer always has a district.
    region: IdOrCode = Field(None, description="District: id or region code.")  # type: ignore[assignment]
    # The column's range on PostgreSQL; SQLite would store any integer.
    first_licensed_year: int = Field(ge=0, le=32767)
    practice_areas: list[PracticeArea] = []
    phone: Text = Field("", max_length=_length(Lawyer, "phone"))
    id_number: Text = ""

    @field_validator("id_number")
    @classmethod
    def _normalize_id_number(cls, value: str) -> str:
        return normalize_id_number(value)


def partial(schema: type[Input], name: str) -> type[Input]:
    """The PATCH form of an input schema: every field optional, none newly nullable (a field that may
    not be empty stays a plain string), so `model_dump(exclude_unset=True)` is exactly the change."""
    fields: Any = {}
    for key, field in schema.model_fields.items():
        optional = copy(field)  # keeps the constraints (pattern, ranges), drops only the requirement
        optional.default = None
        fields[key] = (field.annotation, optional)
    return create_model(name, __base__=schema, __doc__=f"A partial change; see {schema.__name__}.", **fields)


FirmPatch = partial(FirmIn, "FirmPatch")
LawyerPatch = partial(LawyerIn, "LawyerPatch")


def _pick(
    queryset: QuerySet[M], value: int | str, *, code_field: str, field: str, message: str | Promise
) -> M:
    """The object an input names by id or code, among those the caller may see; else a field error."""
    lookup: dict[str, int | str] = {"pk": value} if isinstance(value, int) else {code_field: value}
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ValidationError({field: ValidationError(str(message), code="does_not_exist")})
    return found


def _resolve(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the references in input data by the objects they name."""
    firms = LawFirm.objects.visible_to(actor)
    if data.get("region") is not None:
        data["region"] = _pick(
            selectors.districts_for(actor),
            data["region"],
            code_field="code",
            field="region",
            message=_("There is no such district."),
        )
    for field in ("firm", "parent_firm"):
        if data.get(field) is not None:
            data[field] = _pick(
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


def _visible_region(actor: Actor, code: str) -> Region | None:
    return Region.objects.visible_to(actor).filter(code=code).first()


def _page(queryset: QuerySet, filters: Page) -> dict[str, Any]:
    return {
        "count": queryset.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(queryset[filters.offset : filters.offset + filters.limit]),
    }


def _firm(actor: Actor, firm_id: int) -> LawFirm:
    return get_object_or_404(selectors.firm_list(actor), pk=firm_id)


def _lawyer(actor: Actor, lawyer_id: int) -> Lawyer:
    return get_object_or_404(selectors.lawyer_list(actor), pk=lawyer_id)


@router.get("/firms", response={200: FirmPage, **READ_ERRORS}, summary="List law firms")
def firm_list(request: HttpRequest, filters: Query[FirmFilters]) -> dict[str, Any]:
    """The firms the caller may see, filtered; a region the caller cannot see matches nothing."""
    region = _visible_region(request.user, filters.region) if filters.region else None
    if filters.region and region is None:
        return _page(LawFirm.objects.none(), filters)
    firms = selectors.firm_list(
        request.user,
        q=filters.q,
        region=region,
        kind=filters.kind or "",
        status=filters.status or "",
        party_building_in_bylaws=filters.party_building_in_bylaws,
    )
    return _page(firms, filters)


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
def lawyer_list(request: HttpRequest, filters: Query[LawyerFilters]) -> dict[str, Any]:
    """The lawyers the caller may see, filtered; a region or firm the caller cannot see matches nothing."""
    actor = request.user
    region = _visible_region(actor, filters.region) if filters.region else None
    firm = LawFirm.objects.visible_to(actor).filter(pk=filters.firm).first() if filters.firm else None
    if (filters.region and region is None) or (filters.firm and firm is None):
        return _page(Lawyer.objects.none(), filters)
    lawyers = selectors.lawyer_list(
        actor,
        q=filters.q,
        region=region,
        firm=firm,
        kind=filters.kind or "",
        status=filters.status or "",
        practice_area=filters.practice_area or "",
    )
    return _page(lawyers, filters)


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
