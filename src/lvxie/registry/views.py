"""Registry pages. Objects come from `visible_to(actor)` (404 outside scope); writes go through services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.scoping import scope_of
from lvxie.core.views import ActionView, ScopedDetailView, ScopedListView, ScopedObjectMixin, ServiceFormView

from . import forms, lists, policies, sections, selectors, services
from .choices import RegionLevel
from .models import BarCommittee, CommitteeMembership, LawFirm, Lawyer, OverseasOffice, Region, Trainee
from .search import COUNT_CAP, search, search_counts


class RegionListView(LoginRequiredMixin, TemplateView):
    """The region browser starts at the highest regions the user may open."""

    def get(self, request, *args, **kwargs):
        scope = scope_of(request.user)
        if not scope.region_paths:
            raise Http404
        if len(scope.region_paths) == 1:
            region = Region.objects.get(path=scope.region_paths[0])
            return redirect(region.get_absolute_url())
        roots = Region.objects.filter(path__in=scope.region_paths)
        return render(request, "registry/region_list.html", {"roots": roots, "title": _("Regions")})


class RegionDetailView(ScopedObjectMixin, TemplateView):
    model = Region
    template_name = "registry/region_detail.html"

    def get_queryset(self):
        return selectors.regions_openable(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.get_object()
        rows = selectors.region_children_counts(self.request.user, region)
        is_district = region.level == RegionLevel.DISTRICT
        context.update(
            region=region,
            rows=rows,
            title=region.name,
            is_district=is_district,
            ancestors=Region.objects.visible_to(self.request.user).filter(
                path__in=[region.path[: i + 1] for i, ch in enumerate(region.path[:-1]) if ch == "/"]
            ),
            chart=charts.bar_chart(
                [r["region"].name for r in rows],
                [
                    charts.bar(_("Law firms"), [r["firms"] for r in rows]),
                    charts.line(_("Lawyers"), [r["lawyers"] for r in rows], axis=1),
                ],
                axes=(_("Law firms"), _("Lawyers")),
            )
            if rows
            else None,
        )
        return context


class FirmListView(ScopedListView):
    template_name = "registry/firm_list.html"
    list_def = lists.FIRMS


class FirmDetailView(ScopedDetailView):
    model = LawFirm
    template_name = "registry/firm_detail.html"
    compiled = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        firm = context["object"]
        actor = self.request.user
        # The figures are the firm's; the lists under them hold only what this user may open.
        lawyers = lists.LAWYERS.query(actor, {"firm": firm.pk}).items
        context.update(
            can_edit=policies.allowed(actor, policies.FIRM_CHANGE, firm),
            figures=selectors.firm_figures(firm),
            lawyers=lawyers[:50],
            lawyers_listed=lawyers.count(),
            offices=OverseasOffice.objects.visible_to(actor).filter(firm=firm),
            sections=sections.render("firm", actor, firm),
        )
        return context


class FirmCreateView(ServiceFormView):
    form_class = forms.FirmForm
    service = services.firm_register
    list_url = "registry:firm_list"

    @property
    def title(self):
        return _("New law firm")


class FirmUpdateView(ScopedObjectMixin, ServiceFormView):
    model = LawFirm
    form_class = forms.FirmForm
    service = services.firm_update
    object_kwarg = "firm"

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def check_allowed(self):
        policies.require(self.request.user, policies.FIRM_CHANGE, self.object)


class LawyerListView(ScopedListView):
    template_name = "registry/lawyer_list.html"
    list_def = lists.LAWYERS


class LawyerDetailView(ScopedDetailView):
    model = Lawyer
    template_name = "registry/lawyer_detail.html"
    compiled = True

    def get_queryset(self):
        return super().get_queryset().select_related("firm", "region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lawyer = context["object"]
        actor = self.request.user
        context.update(
            can_edit=policies.allowed(actor, policies.LAWYER_CHANGE, lawyer),
            can_reveal=selectors.lawyer_sensitive_to(actor, lawyer),
            committees=selectors.committee_seats(lawyer.pk),
            sections=sections.render("lawyer", actor, lawyer),
        )
        return context


class DuplicateWarningMixin:
    """After a lawyer is saved, warn of a likely duplicate (same folded name, same firm)."""

    request: HttpRequest

    def run_service(self, form):
        lawyer = super().run_service(form)  # type: ignore[misc]  # a mixin placed before ServiceFormView
        others = selectors.likely_duplicates(self.request.user, lawyer)
        if others:
            messages.warning(
                self.request,
                _(
                    "Likely duplicate: %(names)s in the same firm has the same name. "
                    "Check it is not the same person."
                )
                % {"names": "、".join(f"{o.name}（{o.licence_no}）" for o in others[:5])},
            )
        return lawyer


class LawyerCreateView(DuplicateWarningMixin, ServiceFormView):
    form_class = forms.LawyerForm
    service = services.lawyer_register
    list_url = "registry:lawyer_list"

    @property
    def title(self):
        return _("New lawyer")


class LawyerUpdateView(DuplicateWarningMixin, ScopedObjectMixin, ServiceFormView):
    model = Lawyer
    form_class = forms.LawyerForm
    service = services.lawyer_update
    object_kwarg = "lawyer"

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def check_allowed(self):
        policies.require(self.request.user, policies.LAWYER_CHANGE, self.object)

    def get_form(self, data=None, files=None):
        # Only the fields this user may change are inputs; the rest of the record is shown read only.
        return self.form_class(
            data,
            files,
            instance=self.form_instance(),
            actor=self.request.user,
            editable=policies.lawyer_fields(self.request.user, self.object),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["readonly"] = context["form"].readonly_values()
        return context


class SensitiveRevealView(ScopedObjectMixin, TemplateView):
    """Shows a lawyer's or trainee's ID number and phone to those allowed, and audits the read."""

    template_name = "registry/_sensitive.html"

    def get_queryset(self):
        return self.model.objects.sensitive_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context["values"] = services.sensitive_reveal(actor=self.request.user, obj=obj)
        return context

    def get(self, request, *args, **kwargs):
        # Visible but not revealable is 404 too: the unmasked value does not exist for this user.
        if not self.model.objects.visible_to(request.user).filter(pk=kwargs["pk"]).exists():
            raise Http404
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class TraineeListView(ScopedListView):
    template_name = "registry/trainee_list.html"
    list_def = lists.TRAINEES


class TraineeDetailView(ScopedDetailView):
    model = Trainee
    template_name = "registry/trainee_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trainee = context["object"]
        context.update(
            can_edit=policies.allowed(self.request.user, policies.TRAINEE_CHANGE, trainee),
            can_reveal=Trainee.objects.sensitive_to(self.request.user).filter(pk=trainee.pk).exists(),
        )
        return context


class TraineeCreateView(ServiceFormView):
    form_class = forms.TraineeForm
    service = services.trainee_register
    list_url = "registry:trainee_list"

    @property
    def title(self):
        return _("New trainee")


class TraineeUpdateView(ScopedObjectMixin, ServiceFormView):
    model = Trainee
    form_class = forms.TraineeForm
    service = services.trainee_update
    object_kwarg = "trainee"

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def check_allowed(self):
        policies.require(self.request.user, policies.TRAINEE_CHANGE, self.object)


class CommitteeListView(ScopedListView):
    template_name = "registry/committee_list.html"
    list_def = lists.COMMITTEES


class CommitteeDetailView(ScopedDetailView):
    model = BarCommittee
    template_name = "registry/committee_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committee = context["object"]
        can_edit = policies.allowed(self.request.user, policies.COMMITTEE_CHANGE, committee)
        context.update(
            can_edit=can_edit,
            seats=committee.memberships.select_related("lawyer", "lawyer__firm"),
            member_form=forms.CommitteeMemberForm(actor=self.request.user) if can_edit else None,
        )
        return context


class CommitteeCreateView(ServiceFormView):
    form_class = forms.CommitteeForm
    service = services.committee_create
    list_url = "registry:committee_list"

    @property
    def title(self):
        return _("New bar committee")


class CommitteeUpdateView(ScopedObjectMixin, ServiceFormView):
    model = BarCommittee
    form_class = forms.CommitteeForm
    service = services.committee_update
    object_kwarg = "committee"

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def check_allowed(self):
        policies.require(self.request.user, policies.COMMITTEE_CHANGE, self.object)


class CommitteeMemberAddView(ScopedObjectMixin, ActionView):
    model = BarCommittee

    def post(self, request, pk):
        committee = self.get_object()
        form = forms.CommitteeMemberForm(request.POST, actor=request.user)
        if form.is_valid():
            services.committee_member_add(
                actor=request.user,
                committee=committee,
                lawyer=form.cleaned_data["lawyer"],
                position=form.cleaned_data["position"],
                term_start=form.cleaned_data["term_start"],
            )
            return redirect(committee.get_absolute_url())
        seats = committee.memberships.select_related("lawyer", "lawyer__firm")
        return render(
            request,
            "registry/committee_detail.html",
            {
                "object": committee,
                "seats": seats,
                "member_form": form,
                "can_edit": True,
            },
            status=400,
        )


class CommitteeMemberRemoveView(ActionView):
    def post(self, request, pk, seat_pk):
        committee = get_object_or_404(BarCommittee.objects.visible_to(request.user), pk=pk)
        seat = get_object_or_404(CommitteeMembership, pk=seat_pk, committee=committee)
        services.committee_member_remove(actor=request.user, seat=seat)
        return redirect(committee.get_absolute_url())


class OfficeListView(ScopedListView):
    template_name = "registry/office_list.html"
    list_def = lists.OFFICES


class OfficeDetailView(ScopedDetailView):
    model = OverseasOffice
    template_name = "registry/office_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = policies.allowed(self.request.user, policies.OFFICE_CHANGE, context["object"])
        return context


class OfficeCreateView(ServiceFormView):
    form_class = forms.OfficeForm
    service = services.office_create
    list_url = "registry:office_list"

    @property
    def title(self):
        return _("New overseas office")


class OfficeUpdateView(ScopedObjectMixin, ServiceFormView):
    model = OverseasOffice
    form_class = forms.OfficeForm
    service = services.office_update
    object_kwarg = "office"

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def check_allowed(self):
        policies.require(self.request.user, policies.OFFICE_CHANGE, self.object)


class SearchView(LoginRequiredMixin, TemplateView):
    """One box for firms and lawyers: either script, pinyin, initials or a number prefix; ranked, scoped."""

    template_name = "registry/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "")[:60]
        found = q.strip() != ""
        context.update(
            q=q,
            title=_("Search"),
            results=search(self.request.user, q) if found else None,
            counts=search_counts(self.request.user, q) if found else None,
            count_cap=COUNT_CAP,
        )
        return context
