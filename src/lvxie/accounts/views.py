"""Log-in (password, then a one-time code where needed), log-out, one's own password, codes and data. The
account management pages (accounts and their roles) are lvxie.access.views."""

import csv
import json
import time

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from . import selectors, services
from .backends import client_address
from .forms import LoginForm, TotpForm, login_block_message
from .models import LoginThrottle, User
from .selectors import needs_totp

# The password step of a log-in that still needs its one-time code: who, and until when.
PENDING = "lvxie_pending_login"
PENDING_SECONDS = 300


class LoginView(auth_views.LoginView):
    """Password first; administrator roles (and anyone who turned codes on) then give a one-time code
    before the session is logged in (`TotpView`)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not needs_totp(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "until": time.time() + PENDING_SECONDS,
            "next": self.get_success_url(),
            # An administrator without a code yet sets one up now; the key waits here until confirmed.
            "secret": "" if user.totp_secret else services.totp_new_secret(),
        }
        return redirect("accounts:login_totp")


class TotpView(View):
    """The second step of log-in: a one-time code, and for an administrator who has none yet, setting
    one up (the secret shown once, confirmed by a first code)."""

    def _pending(self, request) -> tuple[User, dict] | None:
        pending = request.session.get(PENDING)
        if not pending or pending["until"] < time.time():
            return None
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
        return (user, pending) if user else None

    def _render(self, request, user, form, status=200):
        context = {"form": form, "title": _("One-time code"), "enrolling": not user.totp_secret}
        if not user.totp_secret:
            secret = request.session[PENDING]["secret"]
            context.update(secret=secret, uri=services.totp_uri(user, secret))
        response = render(request, "accounts/login_totp.html", context, status=status)
        response["Cache-Control"] = "no-store"
        return response

    def _locked_out(self, request, block):
        # The lock covers codes as it does passwords: the pending log-in is dropped, so that after the lock
        # the password must be given again (and is refused until the lock ends).
        del request.session[PENDING]
        messages.error(request, login_block_message(block))
        return redirect("accounts:login")

    def get(self, request):
        found = self._pending(request)
        if found is None:
            return redirect("accounts:login")
        user = found[0]
        block = selectors.login_block(username=user.username, ip=None)
        if block is not None:
            return self._locked_out(request, block)
        return self._render(request, user, TotpForm())

    def post(self, request):
        found = self._pending(request)
        if found is None:
            return redirect("accounts:login")
        user, pending = found
        ip = client_address(request)
        form = TotpForm(request.POST)
        block = selectors.login_block(username=user.username, ip=ip)
        if block is not None:
            services.login_refused_record(username=user.username, reason=block.kind)
        elif form.is_valid():
            enroll_secret = "" if user.totp_secret else pending["secret"]
            if services.login_code_check(
                user=user, code=form.cleaned_data["code"], ip=ip, enroll_secret=enroll_secret
            ):
                del request.session[PENDING]
                login(request, user, backend=pending["backend"])
                target = pending["next"]
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                    target = "/"
                return redirect(target)
            # The wrong code counted towards the lock and the address's wait; either may have begun now.
            block = selectors.login_block(username=user.username, ip=ip)
            if block is None:
                form.add_error("code", _("This code is wrong or was already used."))
        if block is not None and block.kind == LoginThrottle.Kind.ACCOUNT:
            return self._locked_out(request, block)
        if block is not None:
            form.add_error("code", login_block_message(block))
        return self._render(request, user, form, status=400)


class TotpSetupView(LoginRequiredMixin, View):
    """Turn on one-time codes for one's own account (optional for roles that do not require them)."""

    KEY = "lvxie_totp_setup"

    def _render(self, request, form, status=200):
        user = request.user
        context = {"form": form, "title": _("One-time codes"), "enabled": bool(user.totp_secret)}
        if not user.totp_secret:
            secret = request.session.setdefault(self.KEY, services.totp_new_secret())
            context.update(secret=secret, uri=services.totp_uri(user, secret))
        response = render(request, "accounts/totp_setup.html", context, status=status)
        response["Cache-Control"] = "no-store"
        return response

    def get(self, request):
        return self._render(request, TotpForm())

    def post(self, request):
        form = TotpForm(request.POST)
        secret = request.session.get(self.KEY)
        if request.user.totp_secret or secret is None:
            return redirect("accounts:totp_setup")
        if form.is_valid():
            if services.totp_enroll(
                actor=request.user, user=request.user, secret=secret, code=form.cleaned_data["code"]
            ):
                del request.session[self.KEY]
                messages.success(request, _("One-time codes are on: log-ins will ask for one."))
                return redirect("accounts:totp_setup")
            form.add_error("code", _("This code is wrong or was already used."))
        return self._render(request, form, status=400)


class LogoutView(auth_views.LogoutView):
    """Log-out ends every session of the account (`services.user_logout`)."""


class PasswordChangeView(LoginRequiredMixin, View):
    """Change one's own password; the only page open while an initial or expired password is due."""

    def _render(self, request, form, status=200):
        due = request.user.must_change_password
        return render(
            request,
            "accounts/password_change.html",
            {"form": form, "title": _("Change password"), "due": due},
            status=status,
        )

    def get(self, request):
        return self._render(request, PasswordChangeForm(request.user))

    def post(self, request):
        user = request.user
        block = selectors.login_block(username=user.username, ip=None)
        if block is not None:
            # No guessing the current password while the account is locked (it is not even checked).
            services.login_refused_record(username=user.username, reason=block.kind)
            form = PasswordChangeForm(user)
            messages.error(request, login_block_message(block))
            return self._render(request, form, status=400)
        form = PasswordChangeForm(user, request.POST)
        if form.is_valid():
            try:
                services.password_change(actor=user, user=user, password=form.cleaned_data["new_password1"])
            except ValidationError as exc:
                form.add_error("new_password1", exc)
            else:
                update_session_auth_hash(request, user)
                messages.success(request, _("Your password has been changed."))
                return redirect("home")
        elif form.has_error("old_password", "password_incorrect"):
            services.password_change_failure_record(user=user)
            block = selectors.login_block(username=user.username, ip=None)
            if block is not None:
                messages.error(request, login_block_message(block))
        return self._render(request, form, status=400)


class MyDataView(LoginRequiredMixin, View):
    """Download what lvxie holds about oneself, as JSON or CSV (section, row, field, value)."""

    def get(self, request, fmt):
        if fmt not in {"json", "csv"}:
            raise Http404
        data = services.personal_data_export(actor=request.user, fmt=fmt)
        name = f"lvxie-{request.user.username}.{fmt}"
        if fmt == "json":
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
            )
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
            writer = csv.writer(response)
            writer.writerow(["section", "row", "field", "value"])
            for section, rows in data.items():
                for number, row in enumerate(rows, 1):
                    for field, value in row.items():
                        writer.writerow([section, number, field, _csv_safe(value)])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _csv_safe(value) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading quote (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
