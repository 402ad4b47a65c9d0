"""The handlers' pages: the complaints list (with its export), a complaint with its steps, the people
named on it and its papers, and the form for complaints that came by letter, telephone or referral.
The lawyer and firm complained of reach the same list and page, masked (see selectors)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lvxie.core.uploads import file_response
from lvxie.core.views import ScopedListView
from lvxie.workflow.clocks import clock_status

from . import policies, selectors, services
from .choices import ComplaintAction, ComplaintStatus
from .forms import ConflictForm, NameForm, RegisterForm, StepForm
from .lists import COMPLAINTS
from .models import ComplaintFile
from .services import COMPLAINT_WORKFLOW, format_code


class ComplaintListView(ScopedListView):
    template_name = "complaints/list.html"
    list_def = COMPLAINTS
    title = _("Complaints")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_register"] = policies.allowed(self.request.user, policies.COMPLAINT_REGISTER)
        return context


class ComplaintRegisterView(LoginRequiredMixin, View):
    """A complaint that came by letter, telephone, in person or from another body."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not policies.allowed(request.user, policies.COMPLAINT_REGISTER):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, RegisterForm(actor=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RegisterForm(request.POST, request.FILES, actor=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                done = services.complaint_register(
                    actor=request.user,
                    intake=form.intake(),
                    source=data["source"],
                    received_on=data["received_on"],
                    referring_body=data.get("referring_body", ""),
                    referring_reference=data.get("referring_reference", ""),
                    files=data.get("papers") or [],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Registered as %(number)s. Give the complainant the secret code %(code)s (shown once).")
                    % {"number": done.complaint.number, "code": format_code(done.code)},
                )
                return redirect(done.complaint.get_absolute_url())
        return self._page(request, form, status=400)

    def _page(self, request: HttpRequest, form: RegisterForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            "complaints/register.html",
            {"form": form, "title": _("Register a complaint")},
            status=status,
        )


class ComplaintDetailView(LoginRequiredMixin, TemplateView):
    template_name = "complaints/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        complaint = selectors.complaint_get(actor, kwargs["pk"])
        handles = policies.handles(actor, complaint)
        context.update(
            complaint=complaint,
            title=complaint.number,
            handles=handles,
            identity=selectors.identity_shown(actor, complaint),
            facts=selectors.facts_shown(actor, complaint),
            clock=clock_status(clock).label
            if (clock := complaint.handling_clock or complaint.acceptance_clock)
            else "",
            steps=[(t, COMPLAINT_WORKFLOW.label(t)) for t in COMPLAINT_WORKFLOW.available(actor, complaint)],
            step_form=StepForm(initial={"version": complaint.version}),
            history=_history(complaint) if handles else [],
            people=selectors.people(complaint) if handles else [],
            files=complaint.files.all() if handles else [],
            may_name=policies.allowed(actor, policies.COMPLAINT_NAME, complaint),
            may_conflict=policies.allowed(actor, policies.COMPLAINT_CONFLICT, complaint),
            name_form=NameForm(),
            conflict_form=ConflictForm(),
        )
        return context


def _history(complaint) -> list[tuple[Any, str, str, str, str]]:
    """Each step with its labels: when, who, the step, the status reached, the text given."""
    steps, states = dict(ComplaintAction.choices), dict(ComplaintStatus.choices)
    return [
        (
            row.at,
            row.actor_name,
            str(steps.get(row.transition, row.transition)),
            str(states.get(row.to_state, row.to_state)),
            row.reason,
        )
        for row in selectors.history(complaint)
    ]


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


class ComplaintStepView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        complaint = selectors.complaint_get(request.user, pk, what="step")
        form = StepForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, str(message))
            return redirect(complaint.get_absolute_url())
        data = form.cleaned_data
        try:
            services.complaint_step(
                actor=request.user,
                complaint=complaint,
                action=action,
                version=data["version"],
                reason=data.get("reason", ""),
                decision=data.get("track" if action == ComplaintAction.TRIAGE_SIMPLE else "outcome") or "",
                referred_to=data.get("referred_to", ""),
                criteria=data.get("criteria", []),
                files=data.get("papers") or [],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Done."))
        return redirect(complaint.get_absolute_url())


class ComplaintNameView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        complaint = selectors.complaint_get(request.user, pk, what="name")
        form = NameForm(request.POST)
        if form.is_valid():
            user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
            try:
                if user is None:
                    raise ValidationError(_("No account has this name."), code="unknown_user")
                services.complaint_name(
                    actor=request.user, complaint=complaint, user=user, kind=form.cleaned_data["kind"]
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Named on the complaint."))
        return redirect(complaint.get_absolute_url())


class ComplaintConflictView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        complaint = selectors.complaint_get(request.user, pk, what="conflict")
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                services.conflict_declare(
                    actor=request.user, complaint=complaint, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Your conflict of interest is recorded."))
                if not policies.officer_over(request.user, complaint):
                    return redirect("complaints:list")
        return redirect(complaint.get_absolute_url())


class ComplaintFileView(LoginRequiredMixin, View):
    """A paper of the complaint, to its handlers only."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponseBase:
        complaint = selectors.complaint_get(request.user, pk, what="file")
        if not policies.handles(request.user, complaint):
            raise Http404
        return file_response(get_object_or_404(ComplaintFile, pk=file_pk, complaint=complaint))
