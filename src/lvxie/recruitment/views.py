"""Pages of member development: the pipeline (a list with the count at each stage), a person's record
with its decisions and the steps the user may take, a new application, and the counts per organization
and year. Party-side roles only: anyone else gets a 404, as for anything out of scope; every page that
names people audits the read like the Party member list."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.scoping import scope_of
from lvxie.core.views import ActionView, ScopedListView, ServiceFormView
from lvxie.party.models import PartyOrg

from . import policies, selectors, services
from .choices import Stage, Step
from .forms import RecruitForm, StepForm
from .lists import RECRUITS
from .models import Recruit

MEASURE_LABELS = {
    "applied": _("Applications"),
    "activists": _("New activists"),
    "targets": _("New development targets"),
    "admitted": _("New members"),
    "full": _("Converted to full members"),
}


class PartySideMixin(LoginRequiredMixin):
    """Only Party-side roles reach these pages; for anyone else they do not exist."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).party_side:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PipelineView(PartySideMixin, ScopedListView):
    template_name = "recruitment/pipeline.html"
    list_def = RECRUITS
    title = _("Member development")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        services.recruits_read(actor=actor, org=None, what="pipeline")
        totals = selectors.stage_totals(actor)
        context.update(
            # The ends of the way that did not lead in are shown only when there are some.
            stages=[
                (stage, label, totals[stage])
                for stage, label in Stage.choices
                if totals[stage] or stage not in (Stage.CANCELLED, Stage.STOPPED)
            ],
            may_record=policies.allowed(actor, policies.RECORD),
        )
        return context


def _recruit(request, pk) -> Recruit:
    return get_object_or_404(selectors.recruit_detail(request.user), pk=pk)


class RecruitDetailView(PartySideMixin, TemplateView):
    """A person's record: the dates, the introducers, each decision with its reference, and a form for
    each step the user may take now."""

    template_name = "recruitment/recruit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        recruit = kwargs.get("recruit") or _recruit(self.request, self.kwargs["pk"])
        services.recruits_read(actor=actor, org=recruit.org, what=f"recruit:{recruit.pk}")
        introducers = list(selectors.introducer_choices(actor, recruit))
        meetings = list(selectors.decision_meetings(actor, recruit))
        failed = kwargs.get("failed")
        steps = []
        for transition in services.RECRUIT_WORKFLOW.available(actor, recruit):
            name = transition.name
            form = (
                failed[1]
                if failed and failed[0] == name
                else StepForm(
                    actor=actor, step=name, recruit=recruit, introducers=introducers, meetings=meetings
                )
            )
            steps.append((name, services.RECRUIT_WORKFLOW.label(transition), transition.needs_reason, form))
        context.update(
            object=recruit,
            title=recruit.name,
            steps=steps,
            events=recruit.events.select_related("meeting"),
            probation_over=recruit.probation_ends_on is not None
            and recruit.stage == Stage.PROBATIONARY
            and recruit.probation_ends_on <= timezone.localdate(),
        )
        return context


class RecruitStepView(PartySideMixin, ActionView):
    def post(self, request, pk, step):
        recruit = _recruit(request, pk)
        if step not in services.RECRUIT_WORKFLOW.by_name:
            raise Http404
        form = StepForm(
            request.POST,
            actor=request.user,
            step=step,
            recruit=recruit,
            introducers=selectors.introducer_choices(request.user, recruit),
            meetings=selectors.decision_meetings(request.user, recruit),
        )
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.recruit_step(actor=request.user, recruit=recruit, step=step, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("%(step)s: saved.") % {"step": Step(step).label})
                return redirect(recruit.get_absolute_url())
        recruit = _recruit(request, pk)
        view = RecruitDetailView()
        view.setup(request, pk=pk)
        context = view.get_context_data(recruit=recruit, failed=(step, form))
        return view.render_to_response(context, status=400)


class RecruitCreateView(PartySideMixin, ServiceFormView):
    form_class = RecruitForm
    title = _("New application to join the Party")
    list_url = "recruitment:pipeline"

    def check_allowed(self):
        policies.require(self.request.user, policies.RECORD)

    def get_form(self, data=None, files=None):
        return self.form_class(data, actor=self.request.user)

    def run_service(self, form):
        return services.recruit_create(actor=self.request.user, **form.cleaned_data)


class CountsView(PartySideMixin, TemplateView):
    """New applications, activists, targets, members and full members per organization and year, in
    the actor's scope or one organization's subtree; the chart adds them up per year."""

    template_name = "recruitment/counts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        org = None
        if self.request.GET.get("org", "").isdigit():
            org = get_object_or_404(PartyOrg.objects.visible_to(actor), pk=int(self.request.GET["org"]))
        rows = selectors.counts(actor, org=org)
        years, totals = selectors.yearly_totals(rows)
        chart = charts.bar_chart(
            years,
            [charts.bar(MEASURE_LABELS[name], totals[name]) for name in MEASURE_LABELS],
            axes=(_("People"),),
        )
        context.update(
            title=_("Member development by organization and year"),
            org=org,
            orgs=PartyOrg.objects.visible_to(actor).order_by("path"),
            rows=rows,
            measures=list(MEASURE_LABELS.items()),
            chart=chart if years else None,
            pipeline_url=reverse("recruitment:pipeline"),
        )
        return context
