"""Pages of calls for submissions. Calls and submissions come from `visible_to(actor)` (404 outside
scope); pages a reader has no business on (the scoring page for a non-reviewer, the results for a
unit) are 404 too. Every change goes through `lvxie.calls.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lvxie.audit.services import audit_record
from lvxie.core import charts
from lvxie.core.tabular import download, table_response
from lvxie.core.uploads import file_response
from lvxie.core.views import ActionView, ScopedListView, ScopedObjectMixin, ServiceFormView
from lvxie.workflow.publication import objections_visible_to, windows_for

from . import forms, policies, reports, selectors, services
from .choices import CallStatus, SubmissionStatus
from .models import Call, Submission, SubmissionFile


class CallListView(ScopedListView):
    """Staff: the calls of their region; units: the calls they were sent."""

    template_name = "calls/call_list.html"
    filter_form_class = forms.CallFilter
    selector = selectors.call_list

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_create"] = policies.allowed(self.request.user, policies.CALL_CREATE)
        return context


def progress_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per district, how many units are at each stage (stacked bars, lvxie.core.charts)."""
    stages = [
        (_("Draft"), [row["drafts"] for row in rows], "#c9cdd4"),
        (_("Returned"), [row["returned"] for row in rows], "#d9822b"),
        (_("Submitted"), [row["submitted"] for row in rows], "#7aa7d9"),
        (_("Accepted"), [row["accepted"] for row in rows], "#2e8540"),
    ]
    return charts.bar_chart(
        [row["region__name"] for row in rows],
        [charts.bar(name, data, color=color) for name, data, color in stages],
        stacked=True,
    )


def _run(request: HttpRequest, action: Any, **kwargs: Any) -> bool:
    """Run a service for a button; a refusal becomes a message on the page it came from."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


class CallDetailView(ScopedObjectMixin, TemplateView):
    """The call: its deadline (as a clock shows it), the unit's own submission, and for the issuing
    staff the progress by district (a chart) and the submissions."""

    model = Call
    template_name = "calls/call_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("region", "audience_region")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        call = self.get_object()
        staff = policies.allowed(actor, policies.CALL_PROGRESS, call)
        context.update(
            object=call,
            title=call.title,
            deadline_label=selectors.deadline_label(call),
            may_issue=staff,
            is_reviewer=policies.is_reviewer(actor, call),
            may_results=policies.allowed(actor, policies.RESULT_VIEW, call),
            own=list(selectors.own_submissions(actor, call)) if call.status != CallStatus.DRAFT else [],
            reviewers=list(call.reviewers.all()),
            spec=call.spec,
        )
        if call.status != CallStatus.DRAFT and (staff or context["is_reviewer"]):
            rows = selectors.progress_by_district(actor, call)
            status = self.request.GET.get("status", "")
            submissions = selectors.submission_list(
                actor, call, status=status if status in SubmissionStatus.values else ""
            )
            context.update(
                progress=rows,
                totals={
                    k: sum(r[k] for r in rows)
                    for k in ("total", "drafts", "submitted", "returned", "accepted", "late")
                },
                chart=progress_chart(rows) if rows else None,
                submissions=submissions[:200],
                status=status,
            )
        return context


class CallCreateView(ServiceFormView):
    form_class = forms.CallForm
    service: Any = services.call_create
    list_url = "calls:list"
    template_name = "calls/call_form.html"

    def check_allowed(self) -> None:
        if not policies.allowed(self.request.user, policies.CALL_CREATE):
            raise PermissionDenied

    @property
    def title(self) -> str:
        return _("New call for submissions")

    def run_service(self, form: Any) -> Call:
        fields = form.service_fields()
        if self.object is not None:
            fields[self.object_kwarg] = self.object
        return type(self).service(actor=self.request.user, **fields)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = self.run_service(form)
            except ValidationError as exc:
                forms.add_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(obj.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CallUpdateView(ScopedObjectMixin, CallCreateView):
    model = Call
    service = services.call_update
    object_kwarg = "call"

    def check_allowed(self) -> None:
        policies.require(self.request.user, policies.CALL_EDIT, self.object)

    @property
    def title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}


class CallOpenView(ScopedObjectMixin, ActionView):
    model = Call

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = self.get_object()
        policies.require(request.user, policies.CALL_OPEN, call)
        if _run(request, services.call_open, call=call):
            messages.success(request, _("The call is open."))
        return redirect(call.get_absolute_url())


class CallCloseView(ScopedObjectMixin, ActionView):
    model = Call

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = self.get_object()
        policies.require(request.user, policies.CALL_CLOSE, call)
        if _run(request, services.call_close, call=call):
            messages.success(request, _("The call is closed to submissions."))
        return redirect(call.get_absolute_url())


class ResultPublishView(ScopedObjectMixin, ActionView):
    model = Call

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = self.get_object()
        policies.require(request.user, policies.RESULT_PUBLISH, call)
        if _run(request, services.result_publish, call=call):
            messages.success(request, _("The results are published on the public site."))
        return redirect("calls:results", pk=call.pk)


class SubmissionView(ScopedObjectMixin, TemplateView):
    """A unit's submission: its people fill it in and submit it; the issuing staff read it and return
    or accept it."""

    model = Submission
    template_name = "calls/submission.html"

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("call", "call__region", "firm", "party_org", "lawyer", "region")
        )

    def _form(self, submission: Submission, data: Any = None, files: Any = None) -> forms.SubmissionForm:
        initial = {**submission.values, "version": submission.version}
        return forms.SubmissionForm(
            data, files, kind=submission.call.spec, actor=self.request.user, initial=initial
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        submission = kwargs.get("submission") or self.get_object()
        services.party_read(actor=actor, obj=submission, what="page")
        call = submission.call
        editable = (
            policies.allowed(actor, policies.SUBMISSION_EDIT, submission)
            and submission.status in services.EDITABLE
        )
        spec = call.spec
        context.update(
            object=submission,
            call=call,
            title=f"{call.title} · {submission.unit_name}",
            deadline_label=selectors.deadline_label(call),
            editable=editable and call.status in (CallStatus.OPEN, CallStatus.REVIEWING),
            form=kwargs.get("form") or self._form(submission),
            fields=[(f, submission.values.get(f.name, "")) for f in spec.fields],
            may_issue=policies.may_issue(actor, call),
            may_review=policies.is_reviewer(actor, call) and submission.status == SubmissionStatus.ACCEPTED,
            conflict=policies.conflict_reason(actor, submission) if policies.is_reviewer(actor, call) else "",
            events=submission.events.all(),
            files=submission.files.all(),
            return_form=forms.ReasonForm(),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = self.get_object()
        form = self._form(submission, request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = services.submission_save(
                    actor=request.user,
                    submission=submission,
                    values=form.values(),
                    files=form.cleaned_data.get("files") or [],
                    version=form.cleaned_data.get("version"),
                )
                if request.POST.get("do") == "submit":
                    services.submission_submit(actor=request.user, submission=saved)
                    messages.success(request, _("Submitted."))
                else:
                    messages.success(request, _("Saved."))
            except ValidationError as exc:
                forms.add_errors(form, exc)
            else:
                return redirect(submission.get_absolute_url())
        submission.refresh_from_db()
        response = self.render_to_response(self.get_context_data(submission=submission, form=form))
        response.status_code = 400
        return response


class SubmissionReturnView(ScopedObjectMixin, ActionView):
    model = Submission

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = self.get_object()
        policies.require(request.user, policies.SUBMISSION_RETURN, submission)
        if _run(
            request, services.submission_return, submission=submission, reason=request.POST.get("reason", "")
        ):
            messages.success(request, _("Returned to the unit."))
        return redirect(submission.get_absolute_url())


class SubmissionAcceptView(ScopedObjectMixin, ActionView):
    model = Submission

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = self.get_object()
        policies.require(request.user, policies.SUBMISSION_ACCEPT, submission)
        if _run(request, services.submission_accept, submission=submission):
            messages.success(request, _("Accepted."))
        return redirect(submission.get_absolute_url())


class SubmissionFileView(ScopedObjectMixin, View):
    """A submission's file, to those who may see the submission."""

    model = Submission

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        submission = self.get_object()
        stored = get_object_or_404(SubmissionFile, pk=kwargs["file_pk"], submission=submission)
        services.party_read(actor=request.user, obj=submission, what=f"file:{stored.pk}")
        return file_response(stored)


class ReviewView(ScopedObjectMixin, TemplateView):
    """A reviewer's scoring page for one accepted submission: the submission, their score (and, once
    every reviewer has scored, the others'). Anyone who is not a reviewer of the call: 404."""

    model = Submission
    template_name = "calls/review.html"

    def get_object(self) -> Submission:
        submission = get_object_or_404(
            Submission.objects.visible_to(self.request.user).select_related(
                "call", "call__region", "firm", "party_org", "lawyer"
            ),
            pk=self.kwargs["pk"],
        )
        if not policies.is_reviewer(self.request.user, submission.call):
            raise Http404
        return submission

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        submission = self.get_object()
        services.party_read(actor=actor, obj=submission, what="review")
        call = submission.call
        scores = list(selectors.scores_visible_to(actor, submission))
        mine = next((s for s in scores if s.reviewer_id == actor.pk), None)
        context.update(
            object=submission,
            call=call,
            title=f"{_('Score')} · {submission.unit_name}",
            fields=[(f, submission.values.get(f.name, "")) for f in call.spec.fields],
            files=submission.files.all(),
            conflict=policies.conflict_reason(actor, submission),
            scorable=submission.status == SubmissionStatus.ACCEPTED and call.status != CallStatus.PUBLISHED,
            form=kwargs.get("form") or forms.ScoreForm(call=call, score=mine, actor=actor),
            mine=mine,
            others=[s for s in scores if s.reviewer_id != actor.pk],
            hidden=not selectors.all_scored(call, submission),
            criteria=call.criteria_in_force,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = self.get_object()
        mine = (
            selectors.scores_visible_to(request.user, submission).filter(reviewer_id=request.user.pk).first()
        )
        form = forms.ScoreForm(request.POST, call=submission.call, score=mine, actor=request.user)
        if form.is_valid():
            try:
                services.score_submit(
                    actor=request.user,
                    submission=submission,
                    points=form.points(),
                    comment=form.cleaned_data.get("comment", ""),
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as exc:
                forms.add_errors(form, exc)
            else:
                messages.success(request, _("Score saved."))
                return redirect("calls:review", pk=submission.pk)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


class ResultsView(ScopedObjectMixin, TemplateView):
    """The results table (issuing staff and reviewers; anyone else 404), the publication window and
    the public's objections to it."""

    model = Call
    template_name = "calls/results.html"

    def get_object(self) -> Call:
        call = super().get_object()
        if not policies.allowed(self.request.user, policies.RESULT_VIEW, call):
            raise Http404
        return call

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        call = self.get_object()
        from django.contrib.contenttypes.models import ContentType

        windows = list(windows_for(actor, ContentType.objects.get_for_model(Call).pk, str(call.pk)))
        services.party_read(actor=actor, obj=call, what="results")
        context.update(
            object=call,
            title=f"{call.title} · {_('Results')}",
            rows=selectors.results(call),
            criteria=call.criteria_in_force,
            missing=services.missing_scores(call),
            may_issue=policies.may_issue(actor, call),
            may_publish=policies.allowed(actor, policies.RESULT_PUBLISH, call)
            and call.spec.public_results
            and call.status in (CallStatus.OPEN, CallStatus.REVIEWING),
            windows=[(w, list(objections_visible_to(actor, w))) for w in windows],
        )
        return context


class ResultsExportView(ScopedObjectMixin, TemplateView):
    """The results as .xlsx or PDF (the issuing staff)."""

    model = Call

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        call = self.get_object()
        fmt = kwargs["fmt"]
        if fmt not in ("xlsx", "pdf") or not policies.allowed(request.user, policies.RESULT_EXPORT, call):
            raise Http404
        rows = selectors.results(call)
        services.party_read(actor=request.user, obj=call, what=fmt)
        audit_record(
            actor=request.user, action="result.export", obj=call, after={"format": fmt, "rows": len(rows)}
        )
        if fmt == "pdf":
            return download(
                reports.results_pdf_bytes(call, rows), f"{reports.filename(call)}.pdf", "application/pdf"
            )
        return table_response(
            "xlsx", reports.filename(call), reports.headers(call), list(reports.rows(call, rows))
        )
