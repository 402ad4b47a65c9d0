"""Log-in (password, then a one-time code where needed), log-out, one's own password, codes and data, and
account management: the system administrator manages accounts, the security administrator and the
owner-side administrators their roles (accounts/policies.py); no duty holder sees registry data, and
only the auditor reads the audit log (三权分立)."""

import csv
import json
import time

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from . import policies, selectors, services
from .backends import client_address
from .forms import LoginForm, RoleAssignForm, TotpForm, UserCreateForm, login_block_message
from .models import LoginThrottle, RoleGrantProposal, User
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


class AccountManagerMixin(LoginRequiredMixin):
    """Account pages exist only for those `policies` lets list accounts (404 for everyone else): the system
    administrator (accounts), the security administrator (roles) and the owner-side administrators (the data
    roles of their scope)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not policies.allowed(request.user, "account.list"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class UserListView(AccountManagerMixin, View):
    def _render(self, request, form, status=200):
        users = (
            policies.accounts_visible_to(request.user)
            .prefetch_related("roles__region", "roles__firm", "roles__party_org")
            .order_by("username")
        )
        return render(
            request,
            "accounts/user_list.html",
            {
                "users": users,
                "form": form,
                "proposals": policies.proposals_to_decide(request.user),
                "title": _("Accounts"),
            },
            status=status,
        )

    def get(self, request):
        form = (
            UserCreateForm(actor=request.user) if policies.allowed(request.user, "account.create") else None
        )
        return self._render(request, form)

    def post(self, request):
        policies.require(request.user, "account.create")
        form = UserCreateForm(request.POST, actor=request.user)
        if form.is_valid():
            user = services.user_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
                lawyer=form.cleaned_data["lawyer_licence_no"],
            )
            messages.success(request, _("Account created."))
            return redirect("accounts:user_detail", pk=user.pk)
        return self._render(request, form, status=400)


class UserDetailView(AccountManagerMixin, View):
    """One account: the system administrator disables, enables it or ends its sessions; the security
    administrator and the owner-side administrators in scope give and revoke its roles, or (two-person
    mode) propose them and approve or refuse each other's proposals. What is shown is what `policies`
    allows; the services check the same rules again. The security
    administrator also unlocks it after failed log-ins."""

    def _render(self, request, user, form, status=200):
        actor = request.user
        roles = [
            (r, policies.allowed(actor, "role.revoke", r))
            for r in user.roles.select_related("region", "firm__region", "party_org", "user__lawyer__region")
        ]
        proposals = [
            (p, policies.allowed(actor, "role.approve", p), policies.allowed(actor, "role.refuse", p))
            for p in user.role_proposals.pending().select_related(
                "proposed_by", "region", "firm__region", "party_org", "user__lawyer__region"
            )
        ]
        return render(
            request,
            "accounts/user_detail.html",
            {
                "account": user,
                "roles": roles,
                "proposals": proposals,
                "form": form if policies.allowed(actor, "role.grant", user) else None,
                "two_person": policies.two_person(),
                "manages_accounts": policies.allowed(actor, "account.set_active", user),
                "locked_until": selectors.account_locked_until(user)
                if policies.allowed(actor, "account.unlock", user)
                else None,
                "title": str(user),
            },
            status=status,
        )

    def _account(self, request, pk) -> User:
        return get_object_or_404(policies.accounts_visible_to(request.user), pk=pk)

    def get(self, request, pk):
        user = self._account(request, pk)
        return self._render(request, user, RoleAssignForm(actor=request.user, account=user))

    def post(self, request, pk):
        user = self._account(request, pk)
        action = request.POST.get("action", "assign")
        if action in {"disable", "enable", "end_sessions"}:
            return self._account_action(request, user, action)
        if action == "unlock":
            policies.require(request.user, "account.unlock", user)
            return self._unlock(request, user)
        if action == "revoke":
            assignment = get_object_or_404(user.roles, pk=_pk(request.POST.get("assignment")))
            services.role_revoke(actor=request.user, assignment=assignment)
            messages.success(request, _("Role revoked."))
            return redirect("accounts:user_detail", pk=user.pk)
        if action in {"approve", "refuse"}:
            return self._decide(request, user, action)
        policies.require(request.user, "role.grant", user)
        form = RoleAssignForm(request.POST, actor=request.user, account=user)
        status = 400
        if form.is_valid():
            try:
                given = services.role_grant(
                    actor=request.user,
                    user=user,
                    role=form.cleaned_data["role"],
                    region=form.cleaned_data["region"],
                    firm=form.cleaned_data["firm_credit_code"],
                    party_org=form.cleaned_data["party_org"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                status = 403
            else:
                if isinstance(given, RoleGrantProposal):
                    messages.success(
                        request, _("Role proposed: it takes effect once a second person approves.")
                    )
                else:
                    messages.success(request, _("Role assigned."))
                return redirect("accounts:user_detail", pk=user.pk)
        return self._render(request, user, form, status=status)

    def _decide(self, request, user, action):
        proposal = get_object_or_404(user.role_proposals.pending(), pk=_pk(request.POST.get("proposal")))
        try:
            if action == "approve":
                services.role_proposal_approve(actor=request.user, proposal=proposal)
                messages.success(request, _("Role grant approved: the role is given."))
            else:
                services.role_proposal_refuse(actor=request.user, proposal=proposal)
                messages.success(request, _("Role grant refused: nothing was given."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return redirect("accounts:user_detail", pk=user.pk)

    def _unlock(self, request, user):
        try:
            services.login_unlock(actor=request.user, user=user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The account is unlocked: it may log in again."))
        return redirect("accounts:user_detail", pk=user.pk)

    def _account_action(self, request, user, action):
        try:
            if action == "end_sessions":
                services.user_sessions_end(actor=request.user, user=user)
                messages.success(request, _("The account's sessions have ended."))
            else:
                services.user_set_active(actor=request.user, user=user, active=action == "enable")
                messages.success(
                    request, _("Account enabled.") if action == "enable" else _("Account disabled.")
                )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return redirect("accounts:user_detail", pk=user.pk)


def _pk(raw) -> int:
    """A posted id, or 404 for anything that is not one."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
