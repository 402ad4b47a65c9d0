"""Rectification ledgers (整改台账): numbered items, each closed one by one (销号) when solved."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.owners import one_owner_constraint, owner_scope_q
from lvxie.core.scoping import ScopedQuerySet, ScopeView, combine
from lvxie.core.uploads import StoredFile
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm, Region

from .choices import ItemAction, ItemStatus

# Items that still need work; an item past its deadline in one of these is overdue.
OPEN_STATUSES = (ItemStatus.OPEN, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED, ItemStatus.SUBMITTED)
# Items the owner works on (and may edit); submitted and closed ones are fixed until sent back or reopened.
EDITABLE_STATUSES = (ItemStatus.OPEN, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED)


class Ledger(models.Model):
    """A firm's or a Party organization's rectification ledger for a year, possibly answering a notice
    or a campaign.

    The owner is a firm or a Party organization; the check constraint says exactly one is set. An
    organization's ledger is Party-side data (its committee staff and secretaries see it, region staff
    do not). `region` is the owner's district (or the organization's region), for scope and statistics.
    `next_seq` is the counter that numbers the items: only ever incremented, so a number is never
    given twice."""

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    firm = models.ForeignKey(
        LawFirm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledgers",
        verbose_name=_("law firm"),
    )
    party_org = models.ForeignKey(
        PartyOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledgers",
        verbose_name=_("Party organization"),
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    notice = models.ForeignKey(
        "notices.Notice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ledgers",
        verbose_name=_("notice"),
    )
    campaign = models.CharField(_("campaign"), max_length=100, blank=True)
    next_seq = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region__path", "id"]
        verbose_name = _("rectification ledger")
        verbose_name_plural = _("rectification ledgers")
        constraints = [one_owner_constraint("ledger_has_one_owner")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return object_url("ledgers:detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region.path

    @property
    def owner(self):
        """The firm or the Party organization that keeps the ledger."""
        return self.firm or self.party_org

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return owner_scope_q(view)


class ItemQuerySet(ScopedQuerySet):
    def overdue(self, today: date | None = None):
        return self.filter(status__in=OPEN_STATUSES, deadline__lt=today or timezone.localdate())


class RectificationItem(models.Model):
    """One problem found and what will be done about it: goal, measures, responsible person and
    deadline. `number` ("2023-007") is given once and never changes. `version` is the optimistic
    lock: a change names the version it was made on, and a stale one is refused."""

    ledger = models.ForeignKey(
        Ledger, on_delete=models.PROTECT, related_name="items", verbose_name=_("ledger")
    )
    seq = models.PositiveIntegerField(editable=False)
    number = models.CharField(_("number"), max_length=12, editable=False)
    problem = models.TextField(_("problem found"))
    goal = models.TextField(_("goal"))
    measures = models.TextField(_("measures"))
    responsible = models.CharField(_("responsible person"), max_length=50)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible person's account"),
        help_text=_("If the responsible person has an account, they are notified and reminded too."),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was last sent back or reopened."), editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["ledger", "seq"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        constraints = [models.UniqueConstraint(fields=["ledger", "seq"], name="item_number_once")]
        indexes = [models.Index(fields=["status", "deadline"], name="item_status_deadline")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return object_url("ledgers:item", self.pk)

    @property
    def scope_path(self) -> str:
        return self.ledger.region.path

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status in OPEN_STATUSES and self.deadline < (today or timezone.localdate())

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # As the ledger; and a lawyer sees the items they are responsible for (to read; the firm keeps
        # them).
        return combine(
            owner_scope_q(view, "ledger__"),
            Q(responsible_user__lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
        )


class ItemEvent(models.Model):
    """The item's history as its people see it (the audit log keeps the same for auditors)."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=12, choices=ItemAction.choices)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("item event")
        verbose_name_plural = _("item events")

    def __str__(self) -> str:
        return f"{self.item} {self.action}"


class Evidence(StoredFile):
    """A file showing the problem is solved (minutes, a revised rule, photos)."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="evidence")

    class Meta(StoredFile.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
