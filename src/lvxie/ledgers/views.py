"""Ledger pages: the numbered table (printable, .xlsx and PDF), items with their history, evidence and
transitions, and the summary for the level above. Objects come from `visible_to(actor)`."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.pdf import pdf_response
from lvxie.core.tabular import table_response
from lvxie.core.uploads import file_response
from lvxie.core.views import ActionView, ScopedListView, ScopedObjectMixin, ServiceFormView

from . import forms, policies, selectors, services
from .choices import ItemAction, ItemStatus
from .models import Evidence, Ledger, RectificationItem


class LedgerListView(ScopedListView):
    template_name = "ledgers/ledger_list.html"
    filter_form_class = forms.LedgerFilter
    selector = selectors.ledger_list


class LedgerCreateView(ServiceFormView):
    form_class = forms.LedgerForm
    service = services.ledger_create
    list_url = "ledgers:list"

    def check_allowed(self):
        policies.require(self.request.user, policies.LEDGER_CREATE)

    @property
    def title(self):
        return _("New rectification ledger")


class LedgerDetailView(ScopedObjectMixin, TemplateView):
    """The ledger as its numbered table (列表编号), filterable by status; prints as the table alone."""

    model = Ledger
    template_name = "ledgers/ledger_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("firm", "party_org", "region", "notice")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ledger = self.get_object()
        status = self.request.GET.get("status", "")
        items = list(selectors.item_list(self.request.user, ledger, status=status))
        context.update(
            object=ledger,
            title=ledger.title,
            items=items,
            status=status,
            status_choices=forms.STATUS_FILTER,
            today=timezone.localdate(),
            may_keep=policies.allowed(self.request.user, policies.LEDGER_KEEP, ledger),
            counts=selectors.ledger_list(self.request.user).filter(pk=ledger.pk).first(),
        )
        return context


def _rows(items, today):
    for item in items:
        yield [
            item.number,
            item.problem,
            item.goal,
            item.measures,
            item.responsible,
            item.deadline,
            item.get_status_display(),
            _("Overdue") if item.is_overdue(today) else "",
            timezone.localtime(item.closed_at).date() if item.closed_at else None,
        ]


def _headers():
    return [
        _("Number"),
        _("Problem found"),
        _("Goal"),
        _("Measures"),
        _("Responsible person"),
        _("Deadline"),
        _("Status"),
        _("Overdue"),
        _("Closed"),
    ]


class LedgerExportView(ScopedObjectMixin, TemplateView):
    """The numbered table as .xlsx or PDF: the same numbers, statuses and deadlines as the page."""

    model = Ledger

    def get(self, request, pk, fmt):
        ledger = self.get_object()
        items = selectors.item_list(request.user, ledger)
        today = timezone.localdate()
        filename = f"{ledger.owner.name}-{ledger.title}"[:80]
        if fmt == "pdf":
            return pdf_response(
                "core/pdf_table.html",
                {
                    "title": ledger.title,
                    "meta": f"{ledger.owner.name} · {ledger.region.name} · {today:%Y-%m-%d}",
                    "headers": _headers(),
                    "rows": list(_rows(items, today)),
                },
                filename,
            )
        if fmt != "xlsx":
            raise Http404
        return table_response("xlsx", filename, _headers(), _rows(items, today))


class ItemCreateView(ServiceFormView):
    form_class = forms.NewItemForm
    template_name = "ledgers/item_form.html"
    list_url = "ledgers:list"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.ledger = get_object_or_404(
            Ledger.objects.visible_to(request.user).select_related("firm__region", "party_org"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def check_allowed(self):
        policies.require(self.request.user, policies.LEDGER_KEEP, self.ledger)

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, ledger=self.ledger, actor=self.request.user)

    def run_service(self, form):
        fields = dict(form.cleaned_data)
        fields.pop("version", None)
        return services.item_add(actor=self.request.user, ledger=self.ledger, **fields)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.ledger.get_absolute_url()
        return context

    @property
    def title(self):
        return _("New item in %(name)s") % {"name": self.ledger}


def _item(request, pk) -> RectificationItem:
    return get_object_or_404(
        RectificationItem.objects.visible_to(request.user).select_related(
            "ledger", "ledger__firm__region", "ledger__party_org", "ledger__region"
        ),
        pk=pk,
    )


class ItemDetailView(ScopedObjectMixin, TemplateView):
    """An item: its content (editable by the keepers, on the version shown), evidence, history and the
    actions the user may take now."""

    model = RectificationItem
    template_name = "ledgers/item_detail.html"

    def get_object(self):
        return _item(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        item = kwargs.get("item") or self.get_object()
        actions = [
            (action, ItemAction(action).label)
            for action, (sources, _target) in services.TRANSITIONS.items()
            if item.status in sources and policies.allowed(actor, policies.ITEM[action], item)
        ]
        may_keep = policies.allowed(actor, policies.LEDGER_KEEP, item.ledger)
        context.update(
            object=item,
            title=f"{item.number} · {item.ledger.title}",
            may_keep=may_keep,
            editable=may_keep and item.status in services.EDITABLE,
            form=kwargs.get("form") or forms.ItemForm(instance=item, actor=actor),
            evidence_form=forms.EvidenceForm(actor=actor),
            actions=actions,
            needs_reason=services.NEEDS_REASON,
            events=item.events.all(),
            evidence=item.evidence.all(),
            overdue=item.is_overdue(),
        )
        return context


class ItemUpdateView(ActionView):
    def post(self, request, pk):
        item = _item(request, pk)
        policies.require(request.user, policies.LEDGER_KEEP, item.ledger)
        form = forms.ItemForm(request.POST, ledger=item.ledger, actor=request.user)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            version = fields.pop("version") or 0
            try:
                services.item_update(actor=request.user, item=item, version=version, **fields)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(item.get_absolute_url())
        item.refresh_from_db()
        view = ItemDetailView()
        view.setup(request, pk=pk)
        return view.render_to_response(view.get_context_data(item=item, form=form), status=400)


class ItemTransitionView(ActionView):
    def post(self, request, pk, action):
        item = _item(request, pk)
        if action not in services.TRANSITIONS:
            raise Http404
        form = forms.TransitionForm(request.POST, actor=request.user)
        if not form.is_valid():
            messages.error(request, _("The form was incomplete; nothing changed."))
            return redirect(item.get_absolute_url())
        try:
            services.item_transition(
                actor=request.user,
                item=item,
                action=action,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(number)s: %(action)s.") % {"number": item.number, "action": ItemAction(action).label},
            )
        return redirect(item.get_absolute_url())


class EvidenceAddView(ActionView):
    def post(self, request, pk):
        item = _item(request, pk)
        form = forms.EvidenceForm(request.POST, request.FILES, actor=request.user)
        if form.is_valid():
            try:
                services.item_evidence_add(actor=request.user, item=item, files=form.cleaned_data["files"])
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
        return redirect(item.get_absolute_url())


class EvidenceView(ActionView):
    http_method_names = ["get"]

    def get(self, request, pk, file_pk):
        return file_response(get_object_or_404(Evidence, pk=file_pk, item=_item(request, pk)))


STATUS_COLOURS: dict[str, str] = {
    ItemStatus.OPEN: "#c9cdd4",
    ItemStatus.IN_PROGRESS: "#7aa7d9",
    ItemStatus.SUBMITTED: "#e8a33d",
    ItemStatus.RETURNED: "#b3261e",
    ItemStatus.CLOSED: "#2e8540",
}


class SummaryView(LoginRequiredMixin, TemplateView):
    """For the level above: items by status, and by district with the overdue ones; the firms with the
    most overdue items. Counts only what the user may see."""

    template_name = "ledgers/summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.summary(self.request.user)
        rows = data["by_district"]
        chart = charts.bar_chart(
            [row["ledger__region__name"] for row in rows],
            [
                *[
                    charts.bar(label, [row[status] for row in rows], color=STATUS_COLOURS[status])
                    for status, label in ItemStatus.choices
                ],
                charts.line(_("Overdue"), [row["overdue"] for row in rows], color="#b3261e", dashed=True),
            ],
            stacked=True,
        )
        context.update(data, title=_("Rectification summary"), chart=chart)
        return context
