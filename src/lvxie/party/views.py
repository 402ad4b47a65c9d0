"""Party pages. Organizations and members come from `visible_to(actor)` (the Party side of the scope), the
coverage figures from the actor's coverage subtrees; anything else is a 404. Writes go through services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.pdf import pdf_response
from lvxie.core.scoping import scope_of
from lvxie.core.tabular import table_response
from lvxie.core.views import ActionView, ScopedDetailView, ScopedListView, ScopedObjectMixin, ServiceFormView
from lvxie.registry.models import Region

from . import forms, policies, selectors, services
from .choices import CoverageState, MemberStatus, OrgKind, TransferAction, TransferStatus, VenueItem
from .coverage import min_lawyers
from .models import Instructor, MemberTransfer, PartyMembership, PartyOrg
from .report import report_rows, report_table


class PartySideMixin:
    """Organization and membership pages exist only for the Party side: everyone else gets a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).party_side:
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin placed before a View


def _region(request) -> Region:
    pk = request.GET.get("region")
    if pk and pk.isdigit():
        return get_object_or_404(selectors.coverage_regions(request.user), pk=int(pk))
    return selectors.coverage_root(request.user)


def coverage_chart(rows) -> dict:
    """Firms of each child region by coverage state (stacked), with the two rates on a second axis; in
    the protected view the small firms are one undivided part of the stack."""
    states: list[tuple[object, str, str]] = [
        (CoverageState.OWN_ORG.label, "own_org", "#c0392b"),
        (CoverageState.JOINT_BRANCH.label, "joint_branch", "#e67e22"),
        (CoverageState.WORK_ONLY.label, "work_only", "#f1c40f"),
        (CoverageState.NONE.label, "uncovered", "#95a5a6"),
    ]
    if rows and rows[0].protected:
        states.append((report_table(protected=True)[0][-1], "small_firms", "#d5d8dc"))
    return charts.bar_chart(
        [r.region.name for r in rows],
        [
            *[
                charts.bar(label, [getattr(r, attr) for r in rows], color=color)
                for label, attr, color in states
            ],
            charts.line(_("Organization coverage rate"), [r.org_coverage_rate for r in rows], axis=1),
            charts.line(_("Work coverage rate"), [r.work_coverage_rate for r in rows], axis=1, dashed=True),
        ],
        stacked=True,
        axes=(_("Law firms"), charts.PERCENT),
    )


class CoverageView(LoginRequiredMixin, TemplateView):
    """The coverage dashboard of a region subtree: figures, a chart by child region, the report table."""

    template_name = "party/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = _region(self.request)
        total, rows = selectors.coverage_figures(self.request.user, region)
        openable = set(selectors.coverage_regions(self.request.user).values_list("pk", flat=True))
        headers, groups = report_table(total.protected)
        table = report_rows(total, rows)
        context.update(
            title=_("Party organization coverage"),
            region=region,
            total=total,
            parent=region.parent if region.parent_id in openable else None,
            headers=headers,
            groups=groups,
            table_rows=list(zip(rows, table[:-1], strict=True)),
            total_row=table[-1],
            chart=coverage_chart(rows) if rows else None,
            party_side=scope_of(self.request.user).party_side,
            in_full=not total.protected,
            min_lawyers=min_lawyers(),
            small_firms_label=headers[-1],
        )
        return context


class CoverageExportView(LoginRequiredMixin, TemplateView):
    """The report table as .xlsx or PDF, with the same figures as the dashboard."""

    def get(self, request, fmt: str):
        region = _region(request)
        total, rows = selectors.coverage_figures(request.user, region)
        headers, groups = report_table(total.protected)
        table = report_rows(total, rows)
        title = _("Party organizations and coverage in the lawyer industry: %(region)s") % {
            "region": region.name
        }
        filename = f"party-coverage-{region.code}-{region.name}"  # an ASCII name for old browsers too
        if fmt == "pdf":
            meta = _("As of %(date)s") % {"date": timezone.localdate().isoformat()}
            return pdf_response(
                "party/report_pdf.html",
                {"title": title, "meta": meta, "headers": headers, "groups": groups, "rows": table},
                filename,
            )
        return table_response("xlsx", filename, headers, table)


class FirmCoverageListView(LoginRequiredMixin, TemplateView):
    """Drill-down: the firms of a region subtree with their coverage state (and, for the Party side,
    their member figures and flags)."""

    template_name = "party/firm_coverage_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = _region(self.request)
        form = forms.CoverageFilter(self.request.GET or None, actor=self.request.user)
        filters = form.cleaned_data if form.is_valid() else {}
        rows = selectors.firm_coverage_list(
            self.request.user,
            region=region,
            state=filters.get("state", ""),
            flag=filters.get("flag", ""),
            q=filters.get("q", ""),
        )
        page = Paginator(rows, 50).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        query["region"] = str(region.pk)
        context.update(
            title=_("Coverage of law firms"),
            region=region,
            filter_form=form,
            page=page,
            objects=page.object_list,
            query=query.urlencode(),
            in_full=selectors.coverage_in_full(self.request.user, region),
            min_lawyers=min_lawyers(),
        )
        return context


class OrgListView(PartySideMixin, ScopedListView):
    template_name = "party/org_list.html"
    filter_form_class = forms.OrgFilter
    selector = selectors.org_list
    paginate_by = 50

    @property
    def title(self):
        return _("Party organizations")


class OrgDetailView(PartySideMixin, ScopedDetailView):
    model = PartyOrg
    template_name = "party/org_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "parent", "secretary", "deputy", "merged_into")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = context["object"]
        actor = self.request.user
        venue = getattr(org, "venue", None)
        # The page names the secretary and deputy, so who is a member: the read is audited.
        services.members_read(actor=actor, org=org, what="org_page")
        context.update(
            title=org.name,
            firms=selectors.org_firms(org),
            children=selectors.org_list(actor).filter(parent=org),
            member_count=org.memberships.filter(status=MemberStatus.ACTIVE).count(),
            instructors=selectors.instructor_list(actor).filter(org=org)
            if org.kind == OrgKind.INDUSTRY_COMMITTEE
            else None,
            pairings=selectors.pairing_list(actor, org),
            venue=venue,
            venue_items=[
                (label, venue is not None and code in venue.items) for code, label in VenueItem.choices
            ],
            can_manage=policies.allowed(actor, policies.ORG_EDIT, org),
            can_keep=policies.allowed(actor, policies.ORG_KEEP, org),
            secretary_name=org.secretary.name if org.secretary else "",
            deputy_name=org.deputy.name if org.deputy else "",
        )
        return context


class PartyFormView(PartySideMixin, ServiceFormView):
    """A form whose service needs the actor's Party scope: `action` (a policy action, asked of the
    object's organization) decides who may open it; without an object, `create_action` (asked of no
    object: may they do it anywhere)."""

    action = policies.ORG_EDIT  # or policies.ORG_KEEP
    create_action = policies.ORG_CREATE

    def check_allowed(self):
        if self.object is not None:
            policies.require(self.request.user, self.action, self.org_of(self.object))
        else:
            policies.require(self.request.user, self.create_action)

    def org_of(self, obj) -> PartyOrg:
        return obj

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                target = self.run_service(form)
            except ValidationError as exc:
                # A service's error on a field this form does not have shows above the form.
                errors: dict[Any, Any] = exc.error_dict if hasattr(exc, "error_dict") else {}
                errors = errors or {None: exc.error_list}  # None: the form as a whole
                for name, messages_ in errors.items():
                    form.add_error(name if name in form.fields else None, messages_)
            else:
                messages.success(request, self.success_message(target))
                return redirect(self.success_url(target))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def success_message(self, target) -> str:
        return _("Saved.")

    def success_url(self, target) -> str:
        return target.get_absolute_url()


class OrgCreateView(PartyFormView):
    form_class = forms.OrgForm
    list_url = "party:org_list"

    @property
    def title(self):
        return _("New Party organization")

    def run_service(self, form):
        return services.org_create(actor=self.request.user, **form.service_fields())


class _OrgObjectMixin(ScopedObjectMixin):
    model = PartyOrg


class OrgUpdateView(_OrgObjectMixin, PartyFormView):
    form_class = forms.OrgUpdateForm
    service = services.org_update
    object_kwarg = "org"

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}


class OrgMergeView(_OrgObjectMixin, PartyFormView):
    form_class = forms.OrgMergeForm
    service = services.org_merge
    object_kwarg = "org"

    @property
    def title(self):
        return _("Merge %(name)s into another organization") % {"name": self.object}


class OrgDissolveView(_OrgObjectMixin, PartyFormView):
    form_class = forms.DateForm
    service = services.org_dissolve
    object_kwarg = "org"

    @property
    def title(self):
        return _("Dissolve %(name)s") % {"name": self.object}


class FirmMoveView(PartyFormView):
    """Move a firm into a joint branch, or out of one."""

    form_class = forms.FirmMoveForm
    list_url = "party:org_list"
    create_action = policies.FIRM_MOVE

    @property
    def title(self):
        return _("Move a firm between joint branches")

    def run_service(self, form):
        data = form.cleaned_data
        firm = data["firm"]
        # A firm outside the actor's Party scope is reported like an unknown one.
        if not policies.allowed(self.request.user, policies.FIRM_MOVE, firm):
            raise ValidationError(_("No law firm with this credit code."), code="unknown")
        services.org_firm_move(actor=self.request.user, firm=firm, to_org=data["to_org"], on=data["on"])
        return data["to_org"]

    def success_url(self, target) -> str:
        return target.get_absolute_url() if target else reverse("party:org_list")


class MemberListView(PartySideMixin, ScopedObjectMixin, TemplateView):
    """Who is a member of one organization. Every read is written to the audit log."""

    model = PartyOrg
    template_name = "party/member_list.html"

    def get(self, request, *args, **kwargs):
        org = self.get_object()
        status = request.GET.get("status", MemberStatus.ACTIVE)
        if status not in MemberStatus.values:
            status = MemberStatus.ACTIVE
        members = selectors.member_list(request.user, org, status=status)
        if request.GET.get("format") == "xlsx":
            services.members_read(actor=request.user, org=org, what="xlsx")
            return table_response(
                "xlsx",
                f"party-members-{org.pk}-{org.name}",
                [
                    _("Name"),
                    _("Licence number"),
                    _("Law firm"),
                    _("Kind"),
                    _("Joined the Party"),
                    _("Joined this organization"),
                ],
                [
                    (
                        m.lawyer.name,
                        m.lawyer.licence_no,
                        str(m.lawyer.firm or ""),
                        m.get_kind_display(),
                        m.joined_party_on,
                        m.joined_on,
                    )
                    for m in members
                ],
            )
        services.members_read(actor=request.user, org=org, what=f"page:{status}")
        can_keep = policies.allowed(request.user, policies.ORG_KEEP, org)
        # Paged like every list: a large branch's roster is hundreds of rows.
        page = Paginator(members, 50).get_page(request.GET.get("page"))
        members = list(page.object_list)  # type: ignore[assignment]  # the page's rows, marked below
        # A member whose transfer awaits the receiving side stays here, marked with where they go.
        pending = dict(
            selectors.transfer_list(request.user, status=TransferStatus.PENDING)
            .filter(member__in=members)
            .values_list("member_id", "pk")
        )
        for member in members:
            member.pending_transfer_id = pending.get(member.pk)  # type: ignore[attr-defined]  # for the template
        response = self.render_to_response(
            {
                "title": _("Members of %(org)s") % {"org": org.name},
                "org": org,
                "members": members,
                "page": page,
                "query": urlencode({"status": status}),
                "status": status,
                "statuses": MemberStatus.choices,
                "can_keep": can_keep and org.is_active,
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class MemberAddView(_OrgObjectMixin, PartyFormView):
    form_class = forms.MemberForm
    service = services.membership_add
    object_kwarg = "org"
    action = policies.ORG_KEEP

    @property
    def title(self):
        return _("New member of %(org)s") % {"org": self.object}

    def success_url(self, target) -> str:
        return reverse("party:member_list", args=[target.org_id])


class _MemberMixin(ScopedObjectMixin):
    model = PartyMembership
    action = policies.ORG_KEEP
    object_kwarg = "member"

    def get_queryset(self):
        return PartyMembership.objects.visible_to(self.request.user).select_related(
            "org", "lawyer", "lawyer__region"
        )

    def org_of(self, obj) -> PartyOrg:
        return obj.org

    def success_url(self, target) -> str:
        return reverse("party:member_list", args=[self.object.org_id])  # type: ignore[attr-defined]  # ServiceFormView's


class MemberTransferView(_MemberMixin, PartyFormView):
    """Ask for a member's transfer: the receiving organization is found by typing part of its name
    (the shared picker, `party.pickers.TRANSFER_TARGETS`), among the organizations of the committee."""

    form_class = forms.TransferForm
    template_name = "party/member_transfer.html"

    @property
    def title(self):
        return _("Transfer a member")

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, actor=self.request.user, member=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page names the member: the read is audited like the member list.
        services.members_read(
            actor=self.request.user, org=self.object.org, what=f"transfer_form:{self.object.pk}"
        )
        context["member_name"] = self.object.lawyer.name
        return context

    def run_service(self, form):
        return services.membership_transfer(actor=self.request.user, member=self.object, **form.cleaned_data)

    def success_message(self, target) -> str:
        if target.status == TransferStatus.PENDING:
            return _("Transfer requested: the member stays in this organization until %(org)s accepts.") % {
                "org": target.to_org.name
            }
        return _("Transferred to %(org)s.") % {"org": target.to_org.name}


class TransferListView(PartySideMixin, LoginRequiredMixin, TemplateView):
    """Transfers to and from the organizations the actor sees; no names (those are on each transfer)."""

    template_name = "party/transfer_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", TransferStatus.PENDING)
        if status not in TransferStatus.values:
            status = TransferStatus.PENDING
        page = Paginator(selectors.transfer_list(self.request.user, status=status), 50).get_page(
            self.request.GET.get("page")
        )
        context.update(
            title=_("Member transfers"),
            status=status,
            statuses=TransferStatus.choices,
            page=page,
            objects=page.object_list,
            query=f"status={status}",
        )
        return context


class TransferDetailView(PartySideMixin, ScopedObjectMixin, TemplateView):
    """One transfer, with the buttons of the side the actor is on. Names the member: the read is audited."""

    model = MemberTransfer
    template_name = "party/transfer_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("member__lawyer", "from_org", "to_org", "moved")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        transfer = self.get_object()
        actor = self.request.user
        receiving = policies.allowed(actor, policies.ORG_KEEP, transfer.to_org)
        services.members_read(
            actor=actor,
            org=transfer.to_org if receiving else transfer.from_org,
            what=f"transfer:{transfer.pk}",
        )
        allowed = (
            [
                (action, label)
                for action, label in TransferAction.choices
                if policies.allowed(actor, policies.TRANSFER[action], transfer)
            ]
            if transfer.status == TransferStatus.PENDING
            else []
        )
        context.update(
            title=_("Member transfer"),
            object=transfer,
            member_name=transfer.member.lawyer.name,
            actions=allowed,
            needs_reason=[str(a) for a in services.TRANSFER_NEEDS_REASON],
            form=forms.TransferDecisionForm(),
        )
        return context


class TransferDecideView(PartySideMixin, ActionView):
    """Accept, refuse (with a reason) or withdraw a transfer."""

    def post(self, request, pk):
        transfer = get_object_or_404(
            MemberTransfer.objects.visible_to(request.user).select_related("from_org", "to_org"), pk=pk
        )
        form = forms.TransferDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Unknown action."))
            return redirect(transfer.get_absolute_url())
        try:
            services.transfer_decide(
                actor=request.user,
                transfer=transfer,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect(transfer.get_absolute_url())


class MemberEndView(_MemberMixin, PartyFormView):
    form_class = forms.MemberEndForm
    service = services.membership_end

    @property
    def title(self):
        return _("End a membership")


class MemberConfirmView(PartySideMixin, ActionView):
    def post(self, request, pk):
        member = get_object_or_404(
            PartyMembership.objects.visible_to(request.user).select_related("org", "lawyer"), pk=pk
        )
        try:
            services.membership_confirm(actor=request.user, member=member)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("party:member_list", member.org_id)


class InstructorListView(PartySideMixin, LoginRequiredMixin, TemplateView):
    template_name = "party/instructor_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.instructor_list(self.request.user), 50).get_page(
            self.request.GET.get("page")
        )
        context.update(
            title=_("Party-building instructors"),
            page=page,
            objects=page.object_list,
            query="",
            can_manage=policies.allowed(self.request.user, policies.INSTRUCTOR_ASSIGN),
        )
        return context


class InstructorCreateView(PartyFormView):
    form_class = forms.InstructorForm
    service = services.instructor_assign
    list_url = "party:instructor_list"
    create_action = policies.INSTRUCTOR_ASSIGN

    @property
    def title(self):
        return _("Assign a Party-building instructor")

    def success_url(self, target) -> str:
        return reverse("party:instructor_list")


class InstructorEndView(ScopedObjectMixin, PartyFormView):
    model = Instructor
    form_class = forms.DateForm
    object_kwarg = "instructor"

    @property
    def title(self):
        return _("End the assignment of %(name)s") % {"name": self.object.name}

    def org_of(self, obj) -> PartyOrg:
        return obj.org

    def run_service(self, form):
        return services.instructor_end(
            actor=self.request.user, instructor=self.object, ended_on=form.cleaned_data["on"]
        )

    def success_url(self, target) -> str:
        return reverse("party:instructor_list")


class PairingCreateView(_OrgObjectMixin, PartyFormView):
    form_class = forms.PairingForm
    service = services.pairing_create
    object_kwarg = "org"
    action = policies.ORG_KEEP

    @property
    def title(self):
        return _("New pairing of %(org)s") % {"org": self.object}

    def success_url(self, target) -> str:
        return target.org.get_absolute_url()


class VenueView(_OrgObjectMixin, PartyFormView):
    form_class = forms.VenueForm
    service = services.venue_check
    object_kwarg = "org"
    action = policies.ORG_KEEP

    @property
    def title(self):
        return _("Venue checklist of %(org)s") % {"org": self.object}

    def get_form(self, data=None, files=None):
        venue = getattr(self.object, "venue", None)
        initial = {"items": venue.items, "checked_on": venue.checked_on} if venue else {}
        return self.form_class(data, files, actor=self.request.user, initial=initial)

    def success_url(self, target) -> str:
        return target.org.get_absolute_url()
