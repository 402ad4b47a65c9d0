"""Pages of disciplinary cases. A case comes from `visible_to(actor)` (404 for everyone else, district
administrators included); the officers over it and the staff they named see its whole record, the lawyer
or firm it is about sees the notice, their answer and the decisions, and takes their own steps. Every
read by someone other than an officer over the case is audited. Every change goes through
`lvxie.discipline.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.audit.services import audit_record
from lvxie.core import charts
from lvxie.core.pdf import pdf_response
from lvxie.core.tabular import table_response
from lvxie.core.views import ActionView, ScopedListView, ServiceFormView
from lvxie.registry.models import Region

from . import forms, policies, selectors, services
from .choices import CaseDocument
from .lists import CASES
from .models import DisciplinaryCase


class CaseListView(ScopedListView):
    """Officers: the cases of their districts; named staff: the cases they were named on; a lawyer or
    firm: their own (from the notice on)."""

    template_name = "discipline/case_list.html"
    list_def = CASES
    title = _("Disciplinary cases")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        context.update(
            title=_("Disciplinary cases"),
            may_open=policies.allowed(actor, policies.CASE_OPEN),
            may_oversee=policies.allowed(actor, policies.OVERSIGHT),
        )
        services.cases_listed(actor=actor, cases=context["objects"])
        return context


class CaseOpenView(ServiceFormView):
    form_class = forms.CaseOpenForm
    list_url = "discipline:list"

    @property
    def title(self):
        return _("Open a disciplinary case")

    def check_allowed(self) -> None:
        policies.require(self.request.user, policies.CASE_OPEN)

    def run_service(self, form):
        data = form.cleaned_data
        return services.case_open(
            actor=self.request.user,
            lawyer=data.get("lawyer"),
            firm=data.get("firm"),
            conduct=data["conduct"],
            summary=data["summary"],
            facts=data["facts"],
        )

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except PermissionDenied as exc:
            form = self.get_form(request.POST)
            form.is_valid()
            form.add_error(None, str(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)


def _case(request: HttpRequest, pk: int) -> DisciplinaryCase:
    try:
        return selectors.case_for(request.user, pk)
    except DisciplinaryCase.DoesNotExist as exc:
        raise Http404 from exc


class CaseDetailView(LoginRequiredMixin, TemplateView):
    template_name = "discipline/case_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        case = _case(self.request, kwargs["pk"])
        services.case_read(actor=actor, case=case, what="page")
        record = selectors.sees_record(actor, case)
        steps = [
            t for t in services.CASE_WORKFLOW.available(actor, case) if services.period_allows(case, t.name)
        ]
        context.update(
            object=case,
            title=f"{case.number} · {case.subject}",
            record=record,
            handles=policies.handles(actor, case),
            clock=selectors.clock_text(case),
            stages=case.stages.all(),
            documents=selectors.documents(case),
            sanction=getattr(case, "sanction", None),
            steps=[
                (
                    t.name,
                    services.CASE_WORKFLOW.label(t),
                    forms.StepForm(
                        initial={"version": case.version}, action=t.name, auto_id=f"id_{t.name}_%s"
                    ),
                )
                for t in steps
            ],
            record_form=forms.RecordForm(
                initial={"version": case.version, "text": case.investigation_record}
            ),
            grants=case.grants.select_related("user") if record else [],
            grant_form=forms.GrantForm(),
            may_grant=policies.allowed(actor, policies.CASE_GRANT, case),
        )
        return context


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


class CaseStepView(ActionView):
    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        case = _case(request, pk)
        form = forms.StepForm(request.POST, action=action)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, str(message))
            return redirect(case.get_absolute_url())
        data = form.cleaned_data
        try:
            services.case_step(
                actor=request.user,
                case=case,
                action=action,
                version=data["version"],
                reason=data.get("reason", ""),
                decision=data.get("decision", ""),
                investigation_record=request.POST.get("investigation_record", ""),
                hearing_on=data.get("hearing_on"),
                public=data.get("public") if "publish_days" in data else None,
                publish_days=data.get("publish_days"),
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect(case.get_absolute_url())


class RecordSaveView(ActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = _case(request, pk)
        form = forms.RecordForm(request.POST)
        if form.is_valid():
            try:
                services.investigation_record_save(
                    actor=request.user,
                    case=case,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Saved."))
        else:
            messages.error(request, _("The record could not be saved: it is too long."))
        return redirect(case.get_absolute_url())


class GrantView(ActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = _case(request, pk)
        form = forms.GrantForm(request.POST)
        if not form.is_valid():
            for message in form.errors.get("username", []):
                messages.error(request, str(message))
            return redirect(case.get_absolute_url())
        try:
            services.case_grant(actor=request.user, case=case, user=form.cleaned_data["username"])
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect(case.get_absolute_url())


class UngrantView(ActionView):
    def post(self, request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
        case = _case(request, pk)
        grant = get_object_or_404(case.grants.select_related("user"), user_id=user_pk)
        services.case_ungrant(actor=request.user, case=case, user=grant.user)
        messages.success(request, _("Saved."))
        return redirect(case.get_absolute_url())


def document_context(case: DisciplinaryCase, kind: str) -> dict[str, Any]:
    return {
        "case": case,
        "kind": kind,
        "label": CaseDocument(kind).label,
        "sanction": getattr(case, "sanction", None),
    }


class DocumentView(LoginRequiredMixin, TemplateView):
    """A document of the case as PDF, generated from the record (never stored)."""

    def get(self, request: HttpRequest, *args: Any, pk: int, kind: str, **kwargs: Any) -> HttpResponse:
        case = _case(request, pk)
        if kind not in dict(selectors.documents(case)):
            raise Http404
        services.case_read(actor=request.user, case=case, what=f"document:{kind}")
        return pdf_response(
            "discipline/pdf/document.html", document_context(case, kind), f"{case.number}-{kind}"
        )


def _oversight_region(request: HttpRequest) -> Region:
    regions = selectors.oversight_regions(request.user)
    code = request.GET.get("region", "")
    region = regions.filter(code=code).first() if code else regions.first()
    if region is None:
        raise Http404
    return region


def oversight_charts(figures: selectors.Figures) -> dict[str, Any]:
    def bars(rows, name):
        return charts.bar_chart([label for _c, label, _n in rows], [charts.bar(name, [n for *_x, n in rows])])

    return {
        "stage_chart": bars(figures.by_stage, _("Cases")),
        "ageing_chart": bars(figures.ageing, _("Open cases")),
        "conduct_chart": bars(figures.by_conduct, _("Cases")),
        "median_chart": bars(
            [(c, label, n or 0) for c, label, n in figures.median_days], _("Median working days")
        ),
    }


class OversightView(LoginRequiredMixin, TemplateView):
    template_name = "discipline/oversight.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = _oversight_region(self.request)
        figures = selectors.oversight(region)
        context.update(
            title=_("Discipline oversight"),
            figures=figures,
            regions=selectors.oversight_regions(self.request.user).filter(level__in=("city", "district"))[
                :60
            ],
            late=selectors.past_clock(self.request.user, region)[:50],
            **oversight_charts(figures),
        )
        return context


def figure_rows(figures: selectors.Figures) -> list[list[object]]:
    """The figures as one table: (group, item, value)."""
    groups = (
        (_("Stage"), figures.by_stage),
        (_("Source"), figures.by_source),
        (_("Kind of conduct"), figures.by_conduct),
        (_("Age of open cases"), figures.ageing),
        (_("Median working days"), figures.median_days),
        (_("Complaints by status"), figures.complaints_by_status),
        (_("Complaints by source"), figures.complaints_by_source),
    )
    rows: list[list[object]] = [[_("Cases"), _("Past their clock"), figures.past_clock]]
    for group, items in groups:
        rows += [[str(group), label, value] for _code, label, value in items]
    return rows


class OversightExportView(LoginRequiredMixin, TemplateView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        region = _oversight_region(request)
        figures = selectors.oversight(region)
        audit_record(
            actor=request.user,
            action="discipline.oversight_export",
            obj=region,
            after={"region": region.code},
        )
        return table_response(
            "xlsx",
            f"discipline-{region.code}-{figures.today.isoformat()}",
            [_("Group"), _("Item"), _("Value")],
            figure_rows(figures),
        )
