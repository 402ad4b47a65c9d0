"""What every app's HTTP API shares: the error shapes, the error codes (listed per domain and shown in
the OpenAPI schema), the field types of paths and bodies (Id, IdOrCode, Text), the references to
records of other apps (RegionRef, FirmRef, PartyOrgRef), paging (`Page` and one `page()`) and the
lookup of a record named by id or code (`pick`).

Each app's api.py imports from here, never from another app's api.py. The NinjaAPI itself (auth, the
exception handlers that produce these shapes) is wiring and lives in lvxie.config.api.
"""

from collections.abc import Callable, Iterable
from copy import copy
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from ninja import Field, Schema
from pydantic import BaseModel, PlainValidator, WithJsonSchema, create_model

from lvxie.core.paging import rows_between

M = TypeVar("M", bound=Model)

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


def max_length(model: type[Model], field: str) -> int:
    """The model field's max_length, so the schema documents it and refuses longer text up front."""
    return model._meta.get_field(field).max_length  # type: ignore[return-value, union-attr]  # a text column


class ErrorCode(StrEnum):
    """The codes of a `{"detail", "code"}` error (ErrorOut): a request refused before or around the
    operation (lvxie.core.errors and the request guard in lvxie.core.middleware answer these)."""

    MALFORMED_BODY = "malformed_body"
    BAD_FORM = "bad_form"
    BAD_CONTENT_LENGTH = "bad_content_length"
    NUL_CHARACTER = "nul_character"
    TOO_MANY_FIELDS = "too_many_fields"
    TOO_LARGE = "too_large"
    BAD_REQUEST = "bad_request"
    FORBIDDEN = "forbidden"
    CSRF_FAILED = "csrf_failed"
    NOT_FOUND = "not_found"
    SERVER_ERROR = "server_error"


# domain → the codes a 422 row of that domain may carry (besides pydantic's own error types).
_FIELD_CODES: dict[str, tuple[str, ...]] = {}


def register_error_codes(domain: str, codes: Iterable[str]) -> tuple[str, ...]:
    """Declare the codes a domain's validation gives in 422 rows, for the OpenAPI schema. Each app calls
    this once from its api.py; calling it again for a domain replaces its list."""
    _FIELD_CODES[domain] = tuple(sorted(set(codes)))
    return _FIELD_CODES[domain]


def error_codes() -> dict[str, tuple[str, ...]]:
    """The 422 codes by domain, domains in alphabetical order."""
    return dict(sorted(_FIELD_CODES.items()))


register_error_codes(
    "common",
    (
        "invalid",
        "required",
        "ambiguous",
        "birth_date",
        "blank",
        "category",
        "charset",
        "check_char",
        "control_char",
        "empty",
        "file_type",
        "format",
        "founded_range",
        "future_year",
        "gender",
        "length",
        "region",
        "too_large",
        "unknown",
        "unsafe_file",
        "year",
    ),
)


# Shared by every router; lvxie.config.api produces these shapes.


class ErrorOut(Schema):
    detail: str
    # Set on the errors lvxie.core.errors answers (a body that is not JSON, a form without its boundary,
    # too large, a NUL character…): a stable code beside the translated `detail`.
    code: ErrorCode | None = Field(
        None, description="a stable code, e.g. malformed_body, bad_form, too_large"
    )


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
# Party-side endpoints answer 404 to anyone without a Party-side role, as to an object out of scope.
PARTY_READ_ERRORS = DETAIL_ERRORS
PARTY_CREATE_ERRORS = errors(400, 401, 403, 404, 422)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Complete a generated OpenAPI schema: every operation may answer 400 (the request guard refuses a
    malformed request before the operation runs, whatever its parameters), and the 422 rows' `code`
    lists the registered codes of each domain."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    ref_template = "#/components/schemas/{model}"
    for name, model in (("ErrorOut", ErrorOut), ("FieldErrorOut", FieldErrorOut)):
        if name not in components:
            definition = model.model_json_schema(ref_template=ref_template)
            components.update(definition.pop("$defs", {}))
            components[name] = definition
    by_domain = error_codes()
    code = components["FieldErrorOut"]["properties"]["code"]
    code["description"] = (
        "A stable code: the model's or service's own (by domain below) or pydantic's error type "
        "(missing, int_parsing, string_too_long…). "
        + "; ".join(f"{domain}: {', '.join(codes)}" for domain, codes in by_domain.items())
    )
    code["x-codes-by-domain"] = {domain: list(codes) for domain, codes in by_domain.items()}
    malformed = {
        "description": "Malformed request",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {}).setdefault(400, malformed)
    return schema


# How every app shows a record of another app inside its own: the shape only, no model.


class RegionRef(Schema):
    id: int
    code: str
    name: str


class FirmRef(Schema):
    id: int
    name: str


class PartyOrgRef(Schema):
    id: int
    name: str


class Input(BaseModel):
    """A request body. Plain pydantic, not ninja's Schema: Schema reads attributes from anything, so a
    JSON array would pass as an empty PATCH; here a body that is not an object is a 422."""


def partial(schema: type[Input], name: str) -> type[Input]:
    """The PATCH form of an input schema: every field optional, none newly nullable (a field that may
    not be empty stays a plain string), so `model_dump(exclude_unset=True)` is exactly the change."""
    fields: Any = {}
    for key, field in schema.model_fields.items():
        optional = copy(field)  # keeps the constraints (pattern, ranges), drops only the requirement
        optional.default = None
        fields[key] = (field.annotation, optional)
    return create_model(name, __base__=schema, __doc__=f"A partial change; see {schema.__name__}.", **fields)


def pick(
    queryset: QuerySet[M], value: int | str, *, code_field: str, field: str, message: str | Promise
) -> M:
    """The object an input names by id or code, among those the caller may see; else a field error."""
    lookup: dict[str, int | str] = {"pk": value} if isinstance(value, int) else {code_field: value}
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ValidationError({field: ValidationError(str(message), code="does_not_exist")})
    return found


class Page(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=2**31 - 1)  # within every database's OFFSET range


def page(rows: QuerySet, filters: Page) -> dict[str, Any]:
    """One page of a list as every list endpoint answers it: count, limit, offset and the items."""
    return page_of(rows_between(rows, filters.offset, filters.offset + filters.limit), filters, rows.count)


def page_of(items: list, filters: Page, count: Callable[[], int]) -> dict[str, Any]:
    """`page` for items already fetched (by a compiled read): a page that is not full ends the list, so it
    gives the count without asking `count` (a COUNT query: a search's usual page needs none)."""
    ends = 0 < len(items) < filters.limit or (not items and filters.offset == 0)
    return {
        "count": filters.offset + len(items) if ends else count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": items,
    }
