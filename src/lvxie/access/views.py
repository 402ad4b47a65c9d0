"""Account management: the system administrator manages accounts (lvxie.accounts.policies), the security
administrator and the owner-side administrators their roles (access/policies.py); no duty holder sees
registry data, and only the auditor reads the audit log (三权分立)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from lvxie.accounts import policies as account_policies
from lvxie.accounts import selectors as account_selectors
from lvxie.accounts import services as account_services
from lvxie.accounts.models import User

from . import policies, services
from .forms import RoleAssignForm, UserCreateForm
from .models import RoleGrantProposal


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
            "access/user_list.html",
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
            UserCreateForm(actor=request.user)
            if account_policies.allowed(request.user, "account.create")
            else None
        )
        return self._render(request, form)

    def post(self, request):
        account_policies.require(request.user, "account.create")
        form = UserCreateForm(request.POST, actor=request.user)
        if form.is_valid():
            user = account_services.user_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
                lawyer=form.cleaned_data["lawyer_licence_no"],
            )
            messages.success(request, _("Account created."))
            return redirect("access:user_detail", pk=user.pk)
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
            "access/user_detail.html",
            {
                "account": user,
                "roles": roles,
                "proposals": proposals,
                "form": form if policies.allowed(actor, "role.grant", user) else None,
                "two_person": policies.two_person(),
                "manages_accounts": account_policies.allowed(actor, "account.set_active", user),
                "locked_until": account_selectors.account_locked_until(user)
                if account_policies.allowed(actor, "account.unlock", user)
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
            account_policies.require(request.user, "account.unlock", user)
            return self._unlock(request, user)
        if action == "revoke":
            assignment = get_object_or_404(user.roles, pk=_pk(request.POST.get("assignment")))
            services.role_revoke(actor=request.user, assignment=assignment)
            messages.success(request, _("Role revoked."))
            return redirect("access:user_detail", pk=user.pk)
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
                return redirect("access:user_detail", pk=user.pk)
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
        return redirect("access:user_detail", pk=user.pk)

    def _unlock(self, request, user):
        try:
            account_services.login_unlock(actor=request.user, user=user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The account is unlocked: it may log in again."))
        return redirect("access:user_detail", pk=user.pk)

    def _account_action(self, request, user, action):
        try:
            if action == "end_sessions":
                account_services.user_sessions_end(actor=request.user, user=user)
                messages.success(request, _("The account's sessions have ended."))
            else:
                account_services.user_set_active(actor=request.user, user=user, active=action == "enable")
                messages.success(
                    request, _("Account enabled.") if action == "enable" else _("Account disabled.")
                )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return redirect("access:user_detail", pk=user.pk)


def _pk(raw) -> int:
    """A posted id, or 404 for anything that is not one."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
