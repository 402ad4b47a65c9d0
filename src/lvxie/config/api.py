"""The HTTP API at /api/v1/: one NinjaAPI, its two ways to authenticate and its error shapes.

Every error body is `{"detail": "..."}`, except 422, which is always `{"detail": [{"field", "code",
"message"}]}`: the same shape whether the request failed the schema (pydantic) or the model's own
validation (Django, translated into the language LocaleMiddleware chose from Accept-Language).
"""

from datetime import timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from lvxie.access.api import router as access_router
from lvxie.accounts.middleware import password_change_due
from lvxie.accounts.models import ApiToken, User
from lvxie.accounts.selectors import needs_totp
from lvxie.calls.api import router as calls_router
from lvxie.commendations.api import router as commendations_router
from lvxie.complaints.api import router as complaints_router
from lvxie.core.api import document_errors
from lvxie.core.errors import error_response
from lvxie.dataio.api import router as dataio_router
from lvxie.discipline.api import router as discipline_router
from lvxie.ledgers.api import router as ledgers_router
from lvxie.notices.api import router as notices_router
from lvxie.notifications.api import router as notifications_router
from lvxie.orglife.api import router as orglife_router
from lvxie.party.api import router as party_router
from lvxie.public.api import router as public_router
from lvxie.recruitment.api import router as recruitment_router
from lvxie.registry.api import router as registry_router
from lvxie.secretary_reports.api import router as secretary_reports_router
from lvxie.workflow.api import router as workflow_router

# last_used_at is written at most this often per token, so a busy client does not write on every call.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
# All that a read-only token may do.
READ_METHODS = frozenset({"GET", "HEAD"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer lvx_…` for other systems. Only the key's sha256 is stored. A token past its
    expiry or revoked is refused; a read-only one may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False, user__is_active=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
            .first()
        )
        if found is None or (found.expires_at is None and needs_totp(found.user)):
            # A wrong token is refused outright, even when a session cookie would have let the
            # request in: the caller asked to be this token and is not. A token without an end may not
            # stand in for a one-time code (its account got a code-holding role after it was issued).
            raise AuthenticationError
        if password_change_due(found.user):
            # Like the pages: nothing works until the initial or expired password is changed.
            raise HttpError(403, "Password change required")
        if found.read_only and request.method not in READ_METHODS:
            raise HttpError(403, gettext("This token may only read (GET and HEAD requests)."))
        _touch(found)
        request.user = found.user
        return found.user


def _touch(token: ApiToken) -> None:
    """Record that the token was used. Bookkeeping, not audited data, hence a bare conditional UPDATE
    (the condition also keeps concurrent requests from all writing)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOKEN_TOUCH_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOKEN_TOUCH_INTERVAL)
    ).update(last_used_at=now)


class SessionCsrfAuth(SessionAuth):
    """Django's session (the web pages' log-in), with CSRF checked on unsafe methods.

    ninja's own `django_auth` checks CSRF before it looks at the user, so an anonymous POST gets 403
    "CSRF check failed"; this one answers an anonymous caller 401 like every other method, and checks
    CSRF only once a session has actually authenticated the request, which is the case CSRF is for.
    """

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed")
        return user


class LvxieAPI(NinjaAPI):
    """The API, whose schema says that any operation may answer 400 (the request guard in
    `core.middleware` refuses a malformed request before the operation runs) and lists the error codes
    of each domain (lvxie.core.api.document_errors)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema)


api = LvxieAPI(
    title="lvxie API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    # Swagger UI's default would fetch a validity badge from swagger.io: nothing leaves the intranet.
    docs=Swagger(settings={"validatorUrl": None}),
    # The token first: a bearer request carries no CSRF token and must not reach the session check.
    auth=[TokenAuth(), SessionCsrfAuth()],
)
api.add_router("/", registry_router)
api.add_router("/", dataio_router)
api.add_router("/", party_router)
api.add_router("/", notices_router)
api.add_router("/", ledgers_router)
api.add_router("/", notifications_router)
api.add_router("/", access_router)
api.add_router("/", workflow_router)
api.add_router("/", calls_router)
api.add_router("/", discipline_router)
api.add_router("/", complaints_router)
api.add_router("/", public_router)
api.add_router("/", orglife_router)
api.add_router("/", recruitment_router)
api.add_router("/", secretary_reports_router)
api.add_router("/", commendations_router)


def _field_errors(exc: DjangoValidationError) -> list[dict[str, str]]:
    """Flatten a Django ValidationError into field/code/message rows, messages rendered now (in the
    request's language) from their lazy translations."""
    by_field = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    rows = []
    for field, errors in by_field.items():
        for error in errors:
            message = error.message % error.params if error.params else error.message
            rows.append({"field": field, "code": error.code or "invalid", "message": str(message)})
    return rows


def _schema_field(loc: tuple | list) -> str:
    """("body", "payload", "region") → "region"; ("query", "limit") → "limit"; ("body", "payload") →
    "__all__" (the body as a whole)."""
    parts = [str(part) for part in loc]
    skip = 2 if parts and parts[0] in {"body", "form", "file"} else 1
    return ".".join(parts[skip:]) or NON_FIELD_ERRORS


@api.exception_handler(DjangoValidationError)
def django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": _field_errors(exc)}, status=422)


def _schema_message(error: dict) -> str:
    """pydantic's message for one error, in the request's language: its English `msg` is kept only for
    an error type not listed here. Django's own msgids where one fits (Django translates them)."""
    kind, ctx = str(error.get("type", "")), error.get("ctx") or {}
    if kind in {"string_too_long", "too_long"} and "max_length" in ctx:
        limit = ctx["max_length"]
        return ngettext(
            "Ensure this value has at most %(limit)d character.",
            "Ensure this value has at most %(limit)d characters.",
            limit,
        ) % {"limit": limit}
    if kind in {"string_too_short", "too_short"} and "min_length" in ctx:
        limit = ctx["min_length"]
        return ngettext(
            "Ensure this value has at least %(limit)d character.",
            "Ensure this value has at least %(limit)d characters.",
            limit,
        ) % {"limit": limit}
    for prefix, message in _SCHEMA_MESSAGES.items():
        if kind.startswith(prefix):
            return str(message)
    return str(error.get("msg", ""))


# Prefixes of pydantic's error types (int_parsing, int_type, int_from_float, …) and what they mean.
_SCHEMA_MESSAGES = {
    "missing": _("This field is required."),
    "int_": _("Enter a whole number."),
    "float_": _("Enter a number."),
    "decimal_": _("Enter a number."),
    "bool_": _("Enter true or false."),
    "datetime_": _("Enter a valid date/time."),
    "date_": _("Enter a valid date."),
    "string_": _("Enter text."),
    "enum": _("Select a valid choice. That choice is not one of the available choices."),
    "literal_error": _("Select a valid choice. That choice is not one of the available choices."),
    "greater_than": _("The value is too small."),
    "less_than": _("The value is too large."),
    "list_": _("Enter a list of values."),
    "dict_": _("Enter an object."),
    "model_": _("Enter an object."),
    "extra_forbidden": _("This field is not accepted here."),
    "json_invalid": _("The request body is not valid JSON."),
    "value_error": _("Enter a valid value."),
}


@api.exception_handler(SchemaValidationError)
def schema_validation_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    rows = [
        {
            "field": _schema_field(error.get("loc", ())),
            "code": str(error.get("type", "invalid")),
            "message": _schema_message(error),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": rows}, status=422)


# ninja's own 400s (a body that is not JSON, or not of the declared form), with a code and in the
# request's language; any other HttpError keeps its status and text.
_NINJA_ERRORS = {"Cannot parse request body": ("malformed_body", _("The request body is not valid JSON."))}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    text = str(exc).split(" (", 1)[0]  # with DEBUG on, ninja appends the parser's exception
    if text in _NINJA_ERRORS:
        code, message = _NINJA_ERRORS[text]
        return error_response(request, exc.status_code, code, str(message))
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # ninja's default shows the traceback when DEBUG is on; Django's handler500 answers instead, always.
    raise exc


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # Reached only for objects the caller may see (anything else was already a 404).
    detail = str(exc) or str(_("You may not make this change."))
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Never echo the reason: "no such id" and "not yours" must look the same.
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": "Unauthorized"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="lvxie"'
    return response
