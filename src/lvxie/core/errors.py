"""Error answers, one shape everywhere: a page in the user's language that says where to go instead, or
for the API `{"detail": "<translated message>", "code": "<stable code>"}`. Django's own handlers
(config/urls.py handler400/403/404/500) and the request guard (core/middleware.py) both answer here, so
no request ever reaches a bare English page, a debug page or a traceback."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood"),
        403: _("You may not open this page"),
        404: _("Page not found"),
        413: _("The request is too large"),
        500: _("Something went wrong on our side"),
    }


def _explanations() -> dict[int, str]:
    return {
        400: _("The page sent something the server could not read. Go back, reload the page and try again."),
        403: _("Your role does not allow this. If you need it, ask your administrator for the right role."),
        404: _(
            "The address does not exist, or what it shows is outside your area of responsibility. "
            "Use the menu above, or start again from your home page."
        ),
        413: _("Send a smaller file or fewer records at once."),
        500: _(
            "The error has been logged. Try again in a moment; if it happens again, tell your administrator "
            "the request number below."
        ),
    }


_JSON = {"ensure_ascii": False}  # readable Chinese, as ninja answers


def wants_json(request: HttpRequest) -> bool:
    """The API answers in JSON; everything else is a page."""
    return request.path.startswith("/api/")


def error_response(request: HttpRequest, status: int, code: str, message: str = "") -> HttpResponse:
    """The answer for an error: JSON for the API, otherwise the error page (base.html with the menu)."""
    message = message or _explanations().get(status, "")
    title = _titles().get(status, _titles()[400])
    if wants_json(request):
        return JsonResponse(
            {"detail": message or title, "code": code}, status=status, json_dumps_params=_JSON
        )
    context = {"title": title, "message": message, "status": status, "code": code}
    return render(request, "error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler400: a SuspiciousOperation (a forged Host header, too many fields…)."""
    return error_response(request, 400, "bad_request")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler403 (CSRF failures included, through CSRF_FAILURE_VIEW)."""
    return error_response(request, 403, "forbidden")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(
        request,
        403,
        "csrf_failed",
        _("The form had expired or was sent from elsewhere. Reload the page and send it again."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler404. "No such record" and "not yours" look the same (the reason is never shown)."""
    if wants_json(request):
        return JsonResponse({"detail": "Not found", "code": "not_found"}, status=404)
    return error_response(request, 404, "not_found")


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: a page that needs nothing that might itself be broken (no database, no
    context processors), in the language already chosen for the request."""
    if wants_json(request):
        return JsonResponse(
            {"detail": _titles()[500], "code": "server_error"}, status=500, json_dumps_params=_JSON
        )
    context = {
        "title": _titles()[500],
        "message": _explanations()[500],
        "request_id": getattr(request, "request_id", ""),
        "status": 500,
    }
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
