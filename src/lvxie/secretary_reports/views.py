"""Pages of secretaries' reports. A review is a call of the kind `secretary_reports`: the report
itself is written, sent, returned, accepted and rated on the calls' pages (calls:submission,
calls:review); these pages add the year's overview (oral or written, combined scores and ratings, the
exports), opening the review, marking oral reports and turning a shortcoming into a ledger item.
Reviews come from `visible_to(actor)` (404 outside scope); the overview is for the committee and the
panel only (anyone else 404). Every change goes through `services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lvxie.audit.services import audit_record
from lvxie.calls import policies as calls_policies
from lvxie.calls import selectors as calls_selectors
from lvxie.calls import services as calls_services
from lvxie.calls.models import Call, Submission
from lvxie.core.tabular import download

from . import forms, policies, reports, selectors, services
from .kinds import CODE


def add_errors(form: Any, error: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form shows one, else on the form."""
    by_field = error.error_dict if hasattr(error, "error_dict") else {"": error.error_list}
    for name, errors in by_field.items():
        form.add_error(name if name in form.fields else None, ValidationError(errors))


class ReviewListView(LoginRequiredMixin, TemplateView):
    """The reviews the actor sees; for a secretary, their organization's report in each."""

    template_name = "secretary_reports/review_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        reviews = list(selectors.review_list(actor)[:50])
        context.update(
            title=_("Secretaries' reports"),
            reviews=[
                (
                    c,
                    list(calls_selectors.own_submissions(actor, c)),
                    policies.allowed(actor, policies.RESULTS_VIEW, c),
                )
                for c in reviews
            ],
            may_open=policies.allowed(actor, policies.REVIEW_OPEN),
        )
        return context


class ReviewOpenView(LoginRequiredMixin, TemplateView):
    template_name = "core/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not policies.allowed(request.user, policies.REVIEW_OPEN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Open the year's review"),
            form=kwargs.get("form") or forms.ReviewOpenForm(actor=self.request.user),
        )
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.ReviewOpenForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                call = services.review_open(actor=request.user, **form.service_fields())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The review is open: every organization has been told."))
                return redirect("secretary_reports:detail", pk=call.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReviewMixin(LoginRequiredMixin):
    """The review (a call of this kind in the actor's scope) whose results the actor may see, else 404."""

    request: HttpRequest
    kwargs: dict[str, Any]

    def review(self) -> Call:
        call = selectors.review_of(self.request.user, self.kwargs["pk"])
        if call is None or not policies.allowed(self.request.user, policies.RESULTS_VIEW, call):
            raise Http404
        return call


class ReviewDetailView(ReviewMixin, TemplateView):
    """The year's overview: the window, every organization's report (oral or written, its state, the
    combined score and rating once the panel has rated it), the counts per rating, the exports."""

    template_name = "secretary_reports/review_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        call = self.review()
        calls_services.party_read(actor=actor, obj=call, what="secretary_reports:overview")
        table = selectors.year_table(actor, call)
        context.update(
            object=call,
            title=call.title,
            deadline_label=calls_selectors.deadline_label(call),
            rows=table,
            counts=selectors.rating_counts(table),
            oral=sum(1 for r in table if r.oral),
            criteria=call.criteria_in_force,
            missing=calls_services.missing_scores(call),
            may_issue=calls_policies.may_issue(actor, call),
            is_reviewer=calls_policies.is_reviewer(actor, call),
            may_export=policies.allowed(actor, policies.RESULTS_EXPORT, call),
        )
        return context


class ResultsExportView(ReviewMixin, View):
    """The year's results table as .xlsx or PDF (the committee)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        call = self.review()
        fmt = kwargs["fmt"]
        if fmt not in ("xlsx", "pdf") or not policies.allowed(request.user, policies.RESULTS_EXPORT, call):
            raise Http404
        table = selectors.year_table(request.user, call)
        calls_services.party_read(actor=request.user, obj=call, what=f"secretary_reports:{fmt}")
        audit_record(
            actor=request.user, action="result.export", obj=call, after={"format": fmt, "rows": len(table)}
        )
        if fmt == "pdf":
            return download(reports.pdf(call, table), f"{reports.filename(call)}.pdf", "application/pdf")
        return download(
            reports.xlsx(call, table),
            f"{reports.filename(call)}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


def _submission(request: HttpRequest, pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.visible_to(request.user)
        .filter(call__kind=CODE)
        .select_related("call", "call__region", "party_org", "region"),
        pk=pk,
    )


class OralMarkView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = _submission(request, pk)
        policies.require(request.user, policies.ORAL_MARK, submission)
        try:
            services.oral_mark(
                actor=request.user, submission=submission, oral=request.POST.get("oral") == "1"
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("secretary_reports:detail", pk=submission.call_id)


class ShortcomingView(LoginRequiredMixin, TemplateView):
    """A shortcoming the panel names, put in the organization's rectification ledger in one step."""

    template_name = "secretary_reports/shortcoming.html"

    def submission(self) -> Submission:
        submission = _submission(self.request, self.kwargs["pk"])
        if not policies.allowed(self.request.user, policies.SHORTCOMING, submission):
            raise Http404
        return submission

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        submission = kwargs.get("submission") or self.submission()
        calls_services.party_read(
            actor=self.request.user, obj=submission, what="secretary_reports:shortcoming"
        )
        named = submission.values.get("shortcomings", "")
        context.update(
            object=submission,
            title=f"{_('Shortcoming to the ledger')} · {submission.unit_name}",
            named=named,
            form=kwargs.get("form") or forms.ShortcomingForm(initial={"problem": named[:2000]}),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = self.submission()
        form = forms.ShortcomingForm(request.POST)
        if form.is_valid():
            try:
                item = services.shortcoming_to_ledger(
                    actor=request.user, submission=submission, **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Item %(number)s is in the ledger.") % {"number": item.number})
                return redirect("secretary_reports:detail", pk=submission.call_id)
        return self.render_to_response(self.get_context_data(submission=submission, form=form), status=400)
