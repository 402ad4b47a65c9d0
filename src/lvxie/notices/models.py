"""Notices (通知公告) to law firms: the notice, its attachments, and one receipt per recipient."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.owners import one_owner_constraint, owner_scope_q
from lvxie.core.scoping import ScopedQuerySet, ScopeView, combine, path_q
from lvxie.core.uploads import StoredFile
from lvxie.party.models import PartyOrg
from lvxie.registry.choices import FirmKind
from lvxie.registry.models import LawFirm, Region

from .choices import AudienceKind, NoticeStatus, ReceiptState


class Notice(models.Model):
    """A notice written by staff of a region (`sender_region`) and, once published, received by every
    firm of its audience. The audience is kept as chosen; the receipts are the resolved list."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Blank lines separate paragraphs; a line starting with “# ” is a heading, “- ” a list item."
        ),
    )
    sender_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    audience_kind = models.CharField(
        _("recipients"), max_length=16, choices=AudienceKind.choices, default=AudienceKind.SUBTREE
    )
    audience_region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region of the recipients"),
    )
    # FirmKind codes stored ",partnership,sole," like the lawyers' practice areas.
    audience_firm_kinds = models.CharField(_("kinds of firm"), max_length=200, blank=True, default="")
    audience_firms = models.ManyToManyField(
        LawFirm, blank=True, related_name="+", verbose_name=_("listed firms")
    )
    audience_party_orgs = models.ManyToManyField(
        PartyOrg,
        blank=True,
        related_name="+",
        verbose_name=_("listed Party organizations"),
        help_text=_("None listed: every Party organization in the region of the recipients."),
    )
    reply_required = models.BooleanField(_("reply required"), default=False)
    reply_hint = models.CharField(
        _("what to reply"), max_length=200, blank=True, help_text=_("For example: the firm's study plan.")
    )
    reply_due = models.DateField(_("reply due"), null=True, blank=True)
    late_replies_allowed = models.BooleanField(_("accept late replies"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_required=False) | Q(reply_due__isnull=False),
                name="notice_reply_has_due_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return object_url("notices:detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.sender_region.path

    @property
    def firm_kind_codes(self) -> list[str]:
        return [code for code in self.audience_firm_kinds.split(",") if code]

    def firm_kind_labels(self) -> list[str]:
        labels = dict(FirmKind.choices)
        return [str(labels.get(code, code)) for code in self.firm_kind_codes]

    @property
    def to_party_orgs(self) -> bool:
        """Is this a Party-side notice (written by Party committee staff to Party organizations)?"""
        return self.audience_kind == AudienceKind.PARTY_ORGS

    @property
    def is_published(self) -> bool:
        return self.status == NoticeStatus.PUBLISHED

    def reply_closed(self, today: date | None = None) -> bool:
        """Past the due date with late replies refused."""
        today = today or timezone.localdate()
        return bool(self.reply_due and today > self.reply_due and not self.late_replies_allowed)

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # Staff see what their region (or a region below) issued: region staff the notices to firms,
        # Party committee staff those to Party organizations. Anyone sees a published notice that has
        # a receipt in their scope (a firm its own, a district its firms' receipts of city notices, a
        # secretary their organization's).
        received = Receipt.objects.filter(Receipt.scope_q(view)).values("notice_id")
        party = Q(audience_kind=AudienceKind.PARTY_ORGS)
        regions = path_q("sender_region__path", view.region_paths)
        party_regions = path_q("sender_region__path", view.party_region_paths)
        any_grant = view.region_paths or view.firm_ids or view.party_region_paths or view.party_org_paths
        return combine(
            regions & ~party if regions else Q(),
            party_regions & party if party_regions else Q(),
            Q(status=NoticeStatus.PUBLISHED, pk__in=received) if any_grant else Q(),
        )


class NoticeAttachment(StoredFile):
    """A file sent with a notice (the notice's text as a document, forms to fill in)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class Receipt(models.Model):
    """One recipient's copy of a published notice: when it was opened, acknowledged and replied to.

    The recipient is a firm or a Party organization; the check constraint says exactly one is set.
    `region` is the recipient's district (a firm's, or an organization's region) when the notice went
    out, for scope and the progress by district."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="receipts")
    firm = models.ForeignKey(
        LawFirm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notice_receipts",
        verbose_name=_("law firm"),
    )
    party_org = models.ForeignKey(
        PartyOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notice_receipts",
        verbose_name=_("Party organization"),
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    read_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    reply_text = models.TextField(_("reply"), blank=True)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__path", "firm__name", "party_org__name", "id"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["notice", "firm"], name="receipt_once_per_firm"),
            models.UniqueConstraint(fields=["notice", "party_org"], name="receipt_once_per_party_org"),
            one_owner_constraint("receipt_has_one_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} · {self.recipient}"

    def get_absolute_url(self) -> str:
        return object_url("notices:detail", self.notice_id)

    @property
    def recipient(self):
        """The firm or the Party organization that received the notice."""
        return self.firm or self.party_org

    @property
    def scope_path(self) -> str:
        return self.region.path

    @property
    def progress(self) -> str:
        """The furthest step of the receipt's workflow its dates show (`RECEIPT_WORKFLOW` in services)."""
        if self.replied_at:
            return ReceiptState.REPLIED
        if self.acknowledged_at:
            return ReceiptState.ACKNOWLEDGED
        return ReceiptState.READ if self.read_at else ReceiptState.UNREAD

    def state(self, today: date | None = None) -> str:
        """The progress, or overdue when a required reply is late."""
        notice, today = self.notice, today or timezone.localdate()
        if not self.replied_at and notice.reply_required and notice.reply_due and today > notice.reply_due:
            return ReceiptState.OVERDUE
        return self.progress

    def get_state_display(self) -> str:
        return str(ReceiptState(self.state()).label)

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # A Party organization's receipt is Party-side data, like its ledger.
        return owner_scope_q(view)


class ReplyFile(StoredFile):
    """A file a recipient sent back (a study plan, a signed form)."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="files")

    class Meta(StoredFile.Meta):
        verbose_name = _("reply file")
        verbose_name_plural = _("reply files")
