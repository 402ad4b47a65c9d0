"""Notice pages. Notices, receipts and files come from `visible_to(actor)` (404 outside scope);
every change goes through `lvxie.notices.services`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.scoping import scope_of
from lvxie.core.tabular import table_response
from lvxie.core.uploads import file_response
from lvxie.core.views import ActionView, ScopedListView, ScopedObjectMixin, ServiceFormView

from . import forms, policies, selectors, services
from .models import Notice, NoticeAttachment, Receipt, ReplyFile


class NoticeListView(ScopedListView):
    """Staff: the notices of their region and those sent to their firms, with progress."""

    template_name = "notices/notice_list.html"
    filter_form_class = forms.NoticeFilter
    selector = selectors.notice_list


class InboxView(ScopedListView):
    """The notices received by a firm, or by a Party organization (for its secretary)."""

    template_name = "notices/inbox.html"
    filter_form_class = forms.InboxFilter
    selector = selectors.inbox


def _progress_chart(rows: list[dict]) -> dict:
    """Per district, how many recipients are at each stage."""
    stages = [
        (_("Not opened"), [row["total"] - row["read"] for row in rows], "#c9cdd4"),
        (_("Read"), [row["read"] - row["acknowledged"] for row in rows], "#7aa7d9"),
        (_("Acknowledged"), [row["acknowledged"] - row["replied"] for row in rows], "#1d4e89"),
        (_("Replied"), [row["replied"] for row in rows], "#2e8540"),
    ]
    return charts.bar_chart(
        [row["region__name"] for row in rows],
        [charts.bar(name, data, color=color) for name, data, color in stages],
        stacked=True,
    )


class NoticeDetailView(ScopedObjectMixin, TemplateView):
    """The notice. A recipient firm's opening marks it read and shows what it can do; the sender's
    staff (and districts above recipients) see the progress by district and the receipts."""

    model = Notice
    template_name = "notices/notice_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("sender_region", "audience_region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        notice = self.get_object()
        receipt = selectors.own_receipt(actor, notice) if notice.is_published else None
        if receipt is not None:
            services.receipt_open(actor=actor, receipt=receipt)
        context.update(
            object=notice,
            title=notice.title,
            attachments=notice.attachments.all(),
            receipt=receipt,
            may_answer=receipt is not None and policies.allowed(actor, policies.RECEIPT_ANSWER, receipt),
            reply_form=kwargs.get("reply_form") or forms.ReplyForm(actor=actor),
            listed_firms=notice.audience_firms.all()[:50],
            listed_party_orgs=notice.audience_party_orgs.all()[:50],
        )
        # Progress is for staff (a region or Party committee scope); a recipient sees only its own receipt.
        scope = scope_of(actor)
        if notice.is_published and (scope.region_paths or scope.party_region_paths):
            rows = selectors.progress_by_district(actor, notice)
            state = self.request.GET.get("state", "")
            page = Paginator(selectors.receipt_list(actor, notice, state=state), 50).get_page(
                self.request.GET.get("page")
            )
            context.update(
                progress=rows,
                totals={
                    k: sum(r[k] for r in rows)
                    for k in ("total", "read", "acknowledged", "replied", "overdue")
                },
                chart=_progress_chart(rows) if len(rows) > 1 else "",
                page=page,
                receipts=page.object_list,
                state=state,
                query=f"state={state}" if state else "",
            )
        return context


class NoticeCreateView(ServiceFormView):
    form_class = forms.NoticeForm
    service = services.notice_create
    list_url = "notices:list"
    template_name = "notices/notice_form.html"

    def check_allowed(self):
        policies.require(self.request.user, policies.NOTICE_CREATE)

    @property
    def title(self):
        return _("New notice")


class NoticeUpdateView(ScopedObjectMixin, ServiceFormView):
    model = Notice
    form_class = forms.NoticeForm
    service = services.notice_update
    object_kwarg = "notice"
    template_name = "notices/notice_form.html"

    def check_allowed(self):
        policies.require(self.request.user, policies.NOTICE_EDIT, self.object)

    @property
    def title(self):
        return _("Edit %(name)s") % {"name": self.object}


def _run(request, action, **kwargs) -> bool:
    """Run a service for a button; a refusal becomes a message on the page it came from."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


class NoticePublishView(ScopedObjectMixin, ActionView):
    model = Notice

    def post(self, request, pk):
        notice = self.get_object()
        if _run(request, services.notice_publish, notice=notice):
            messages.success(request, _("Published."))
        return redirect(notice.get_absolute_url())


class NoticeRemindView(ScopedObjectMixin, ActionView):
    model = Notice

    def post(self, request, pk):
        notice = self.get_object()
        if _run(request, services.notice_remind, notice=notice):
            messages.success(request, _("Reminders sent."))
        return redirect(notice.get_absolute_url())


class AttachmentView(ScopedObjectMixin, TemplateView):
    """An attachment, only to those who may see its notice."""

    model = Notice

    def get(self, request, pk, file_pk):
        attachment = get_object_or_404(NoticeAttachment, pk=file_pk, notice=self.get_object())
        return file_response(attachment)


class AttachmentRemoveView(ScopedObjectMixin, ActionView):
    model = Notice

    def post(self, request, pk, file_pk):
        notice = self.get_object()
        attachment = get_object_or_404(NoticeAttachment, pk=file_pk, notice=notice)
        _run(request, services.notice_attachment_remove, attachment=attachment)
        return redirect("notices:update", pk=notice.pk)


class ReceiptAcknowledgeView(ScopedObjectMixin, ActionView):
    model = Receipt

    def post(self, request, pk):
        receipt = self.get_object()
        if _run(request, services.receipt_acknowledge, receipt=receipt):
            messages.success(request, _("Acknowledged."))
        return redirect(receipt.get_absolute_url())


class ReceiptReplyView(ScopedObjectMixin, ActionView):
    model = Receipt

    def post(self, request, pk):
        receipt = self.get_object()
        form = forms.ReplyForm(request.POST, request.FILES, actor=request.user)
        if form.is_valid():
            try:
                services.receipt_reply(
                    actor=request.user,
                    receipt=receipt,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["files"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Reply sent."))
                return redirect(receipt.get_absolute_url())
        # A refusal shows the notice again with what was typed kept and the reason on its field.
        detail = NoticeDetailView()
        detail.setup(request, pk=receipt.notice_id)
        response = detail.render_to_response(detail.get_context_data(reply_form=form))
        response.status_code = 400
        return response


class ReplyFileView(ScopedObjectMixin, TemplateView):
    """A reply file, to the replying firm and the staff over it."""

    model = Receipt

    def get(self, request, pk, file_pk):
        return file_response(get_object_or_404(ReplyFile, pk=file_pk, receipt=self.get_object()))


class ReceiptExportView(ScopedObjectMixin, TemplateView):
    """The receipts of a notice in the actor's scope as .xlsx."""

    model = Notice

    def get(self, request, pk):
        notice = self.get_object()
        receipts = selectors.receipt_list(request.user, notice)
        headers = [
            _("District"),
            _("Party organization") if notice.to_party_orgs else _("Law firm"),
            _("Status"),
            _("First opened"),
            _("Acknowledged"),
            _("Replied"),
            _("Reply"),
        ]
        rows = (
            [
                r.region.name,
                r.recipient.name,
                r.get_state_display(),
                r.read_at,
                r.acknowledged_at,
                r.replied_at,
                r.reply_text,
            ]
            for r in receipts
        )
        return table_response("xlsx", f"{notice.title[:60]}-{_('receipts')}", headers, rows)
