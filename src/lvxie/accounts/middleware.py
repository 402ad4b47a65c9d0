"""Session policy on every request: idle and absolute time-outs, and the password that must be changed
before anything else works."""

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from lvxie.audit.services import audit_record

from .passwords import password_expired
from .selectors import is_duty_admin

LOGIN_AT = "lvxie_login_at"
LAST_SEEN = "lvxie_last_seen"
# Writing the session on every request would cost a query each; a minute's precision is plenty.
TOUCH_EVERY = 60


def session_start(session) -> None:
    """Stamp a new session with its log-in time (called at log-in, forced log-ins in tests included)."""
    now = int(time.time())
    session[LOGIN_AT] = now
    session[LAST_SEEN] = now


def password_change_due(user) -> bool:
    return user.must_change_password or password_expired(user)


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if self._expired(request, user):
                audit_record(actor=user, action="auth.session_expired", obj=user)
                request.session.flush()
                request.user = AnonymousUser()
            elif password_change_due(user) and not self._may_pass(request):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Password change required"}, status=403)
                if request.headers.get("HX-Request") == "true":
                    # A fragment a page fetches (the top bar's to-do count, a picker): nothing to show. A
                    # redirect would put the password page, which fetches the fragment again, into the page.
                    return HttpResponse(status=204)
                return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _expired(request, user) -> bool:
        now = int(time.time())
        session = request.session
        if LOGIN_AT not in session:
            session_start(session)
            return False
        idle = now - session.get(LAST_SEEN, now)
        if now - session[LOGIN_AT] > settings.LVXIE_SESSION_MAX_HOURS * 3600:
            return True
        if idle > settings.LVXIE_ADMIN_IDLE_MINUTES * 60 and (
            idle > settings.LVXIE_SESSION_IDLE_MINUTES * 60 or is_duty_admin(user)
        ):
            return True
        if idle >= TOUCH_EVERY:
            session[LAST_SEEN] = now
        return False

    @staticmethod
    def _may_pass(request) -> bool:
        allowed = (reverse("accounts:password_change"), reverse("accounts:logout"), reverse("set_language"))
        return request.path in allowed or request.path.startswith(settings.STATIC_URL)
