from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvxie.core.scoping import ScopedQuerySet, ScopeView, combine, path_q
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import SanctionKind, SanctionStatus


class Sanction(models.Model):
    """A sanction of the bar on one lawyer or one firm: it stays on their record (the registry's pages and
    the eligibility checks of commendations read it); a public one is shown in the public look-up for its
    period through the shared publication windows."""

    lawyer = models.ForeignKey(
        Lawyer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("lawyer"),
    )
    firm = models.ForeignKey(
        LawFirm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("law firm"),
    )
    # The district of the lawyer or firm when decided: scope follows it, as for every case record.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    kind = models.CharField(_("sanction"), max_length=12, choices=SanctionKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=SanctionStatus.choices, default=SanctionStatus.DECIDED
    )
    decided_on = models.DateField(_("decided on"))
    reasons = models.TextField(_("reasons"))
    public = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        constraints = [
            models.CheckConstraint(
                condition=Q(lawyer__isnull=False, firm__isnull=True)
                | Q(lawyer__isnull=True, firm__isnull=False),
                name="discipline_sanction_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["lawyer", "decided_on"]), models.Index(fields=["firm", "decided_on"])]

    def __str__(self) -> str:
        subject = self.lawyer or self.firm
        return f"{subject} · {self.get_kind_display()}"

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # Region staff in their subtree; a firm its own and its lawyers'; a lawyer their own.
        regions = path_q("region__path", view.region_paths)
        return combine(
            regions,
            Q(firm_id__in=view.firm_ids) | Q(lawyer__firm_id__in=view.firm_ids) if view.firm_ids else Q(),
            Q(lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
        )
