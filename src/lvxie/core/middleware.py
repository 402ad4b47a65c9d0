import ipaddress
import re
import uuid

from django.conf import settings

from lvxie.core import request_context

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
