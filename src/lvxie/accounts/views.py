"""Log-in, log-out and account management (system administrators only; they see no registry data
and cannot read the audit log)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from lvxie.core.scoping import scope_of

from . import services
from .forms import RoleAssignForm, UserCreateForm
from .models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class AccountManagerMixin(LoginRequiredMixin):
    """Account pages exist only for system administrators (404 for everyone else)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).account_manager:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class UserListView(AccountManagerMixin, View):
    def get(self, request):
        users = User.objects.prefetch_related("roles__region", "roles__firm").order_by("username")
        return render(
            request,
            "accounts/user_list.html",
            {"users": users, "title": _("Accounts"), "form": UserCreateForm(actor=request.user)},
        )

    def post(self, request):
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
        users = User.objects.prefetch_related("roles__region", "roles__firm").order_by("username")
        return render(
            request,
            "accounts/user_list.html",
            {"users": users, "form": form, "title": _("Accounts")},
            status=400,
        )


class UserDetailView(AccountManagerMixin, View):
    def _render(self, request, user, form, status=200):
        return render(
            request,
            "accounts/user_detail.html",
            {"account": user, "form": form, "title": str(user)},
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, get_object_or_404(User, pk=pk), RoleAssignForm(actor=request.user))

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = RoleAssignForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                services.role_assign(
                    actor=request.user,
                    user=user,
                    role=form.cleaned_data["role"],
                    region=form.cleaned_data["region"],
                    firm=form.cleaned_data["firm_credit_code"],
                    party_org=form.cleaned_data["party_org"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Role assigned."))
                return redirect("accounts:user_detail", pk=user.pk)
        return self._render(request, user, form, status=400)
