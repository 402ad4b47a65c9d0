"""The home page, composed from the capabilities below it: the registry's record, firm figures and region
dashboard, and first of all the to-do list across every workflow (`workflow.todo`: notices to answer,
ledger items due, transfers to accept, submissions to send). It sits above them (lvxie.home), so that the
registry need not know the capabilities built on it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.scoping import scope_of
from lvxie.registry import policies as registry_policies
from lvxie.registry import selectors as registry_selectors
from lvxie.registry.choices import FirmKind, LawyerKind
from lvxie.registry.models import LawFirm, Lawyer


def _by_district_and_kind(districts: list[str], rows: list[dict], labels: dict, title: str) -> dict:
    """One bar per district (every district in scope, in the regions' order, so the dashboard's charts
    share their axis), stacked by kind."""
    counts = {(r["region__name"], r["kind"]): r["n"] for r in rows}
    kinds = [k for k in labels if any(r["kind"] == k for r in rows)]
    return charts.bar_chart(
        districts,
        [charts.bar(labels[k], [counts.get((d, k), 0) for d in districts]) for k in kinds],
        stacked=True,
        title=title,
    )


class HomeView(LoginRequiredMixin, TemplateView):
    """The home page fits the user's roles: a lawyer sees their own record, their firm's figures and
    their tasks; a firm administrator their firm's figures; region roles the dashboard of their region
    (counts and the firms and lawyers by district and kind). Someone with several roles sees each part."""

    template_name = "home/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        scope = scope_of(user)
        if scope.is_empty:
            return context
        if scope.lawyer_ids and user.is_authenticated:
            own = Lawyer.objects.visible_to(user).select_related("firm", "region")
            me = own.filter(pk=user.lawyer_id).first()
            context["me"] = me
            if me is not None:
                context["my_firm"] = me.firm
                context["my_firm_figures"] = registry_selectors.firm_figures(me.firm) if me.firm else None
                context["can_edit_me"] = registry_policies.allowed(user, registry_policies.LAWYER_CHANGE, me)
        if scope.firm_ids:
            firms = LawFirm.objects.visible_to(user).filter(pk__in=scope.firm_ids).select_related("region")
            context["firms"] = [(firm, registry_selectors.firm_figures(firm)) for firm in firms]
        if scope.region_paths:
            context.update(self.region_dashboard(user))
        return context

    @staticmethod
    def region_dashboard(user) -> dict:
        counts = registry_selectors.dashboard_counts(user)
        # Both charts on one axis: every district with firms or lawyers, in the regions' order.
        firms, lawyers = counts["firms_by_district_kind"], counts["lawyers_by_district_kind"]
        paths = {r["region__path"]: r["region__name"] for r in firms + lawyers}
        districts = [paths[path] for path in sorted(paths)]
        firm_chart = _by_district_and_kind(
            districts, firms, dict(FirmKind.choices), _("Law firms by district and kind")
        )
        lawyer_chart = _by_district_and_kind(
            districts, lawyers, dict(LawyerKind.choices), _("Lawyers by district and kind")
        )
        return {"counts": counts, "firm_chart": firm_chart, "lawyer_chart": lawyer_chart}
