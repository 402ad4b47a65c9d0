import ipaddress
import re
import uuid

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lvxie.core import request_context
from lvxie.core.errors import error_response

_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def client_ip(request) -> str | None:
    """The client's address. Behind a reverse proxy listed in LVXIE_TRUSTED_PROXIES, the nearest address
    in X-Forwarded-For that is not one of those proxies (anything further left the client may forge);
    otherwise REMOTE_ADDR. Without this, every user behind the proxy would share its address: in the audit
    log, and in the lockout by address."""
    address = request.META.get("REMOTE_ADDR")
    trusted = settings.LVXIE_TRUSTED_PROXIES
    if not trusted or address not in trusted:
        return address
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = hop.strip()
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address  # a malformed header: keep the proxy's own address
        if hop not in trusted:
            return hop
    return address


class RequestContextMiddleware:
    """Gives each request an id (kept from a trusted proxy's X-Request-ID when well-formed) and binds
    it with the client address for the audit log; echoes the id back for support calls."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_context.bind(
            request_context.RequestContext(request_id=request_id, ip=client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Pages and API answers for a logged-in user may hold personal data: no browser or proxy keeps a
    copy (`Cache-Control: no-store`). Public, static and anonymous responses are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        return response


# A JSON string escape for NUL (an odd number of backslashes before u0000): PostgreSQL cannot store it.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _too_large(limit: int) -> tuple[int, str, str]:
    return 413, "too_large", _("The request is larger than %(size)s.") % {"size": filesizeformat(limit)}


def malformed(request) -> tuple[int, str, str] | None:
    """Why the request cannot be read, as (status, code, translated message), or None when it can.

    Django and ninja would otherwise answer these with a 500 (a Content-Length that is not a number, a
    NUL character reaching PostgreSQL), a bare English 400, or a debug page with DEBUG on."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit():
        return 400, "bad_content_length", _("The request's Content-Length is not a number.")
    try:
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return 400, "nul_character", _("The address holds a character that is not allowed (NUL).")
    except TooManyFieldsSent:
        return 400, "too_many_fields", _("The request has too many fields.")
    if request.method not in {"POST", "PUT", "PATCH", "DELETE"} or not int(length):
        return None
    if request.content_type.startswith(_FORM_TYPES):
        # Files go to disk (core/uploads.py checks each); this bounds the whole request all the same.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + settings.DATA_UPLOAD_MAX_NUMBER_FILES * (
            settings.LVXIE_UPLOAD_MAX_BYTES
        )
        if int(length) > limit:
            return _too_large(limit)
        if request.method != "POST":
            return None
        try:
            values = [value for _key, values in request.POST.lists() for value in values]
        except RequestDataTooBig:
            return _too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        except (TooManyFieldsSent, TooManyFilesSent):
            return 400, "too_many_fields", _("The request has too many fields or files.")
        except MultiPartParserError:
            return 400, "bad_form", _("The form data could not be read. Reload the page and send it again.")
        if any("\x00" in value for value in values):
            return 400, "nul_character", _("The form holds a character that is not allowed (NUL).")
        return None
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if int(length) > limit:
        return _too_large(limit)
    if b"\x00" in request.body or _JSON_NUL.search(request.body):
        return 400, "nul_character", _("The request holds a character that is not allowed (NUL).")
    return None


class RequestGuardMiddleware:
    """Answers a request it cannot read with a clear 4xx (413 too large, 400 malformed) in the user's
    language, before any view or the CSRF check reads it. Sits after LocaleMiddleware (the language) and
    AuthenticationMiddleware (the error page shows the user's menu)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = malformed(request)
        if problem is not None:
            return error_response(request, *problem)
        return self.get_response(request)
