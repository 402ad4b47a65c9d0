from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.complaints.choices import ConductKind
from lvxie.complaints.models import Complaint
from lvxie.core.links import object_url
from lvxie.core.scoping import NOTHING, ScopedQuerySet, ScopeView, combine, path_q, scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import LawFirm, Lawyer, Region
from lvxie.workflow.models import Clock

from .choices import CaseSource, CaseStatus, ReviewDecision, SanctionKind, SanctionStatus

# From the notice on, the lawyer (or the firm) the case is about sees it in their account.
SHOWN_TO_SUBJECT = tuple(s for s in CaseStatus if s != CaseStatus.INVESTIGATING)

ONE_SUBJECT = Q(lawyer__isnull=False, firm__isnull=True) | Q(lawyer__isnull=True, firm__isnull=False)


class CaseQuerySet(ScopedQuerySet):
    def visible_to(self, actor: Actor | None):
        """Discipline officers over the case's district; the staff an officer named on it; the lawyer or
        firm it is about, once notified. Nobody else, district administrators included."""
        scope = scope_of(actor)
        named = (
            Q(pk__in=CaseGrant.objects.filter(user_id=actor.pk).values("case_id"))
            if actor is not None and actor.is_authenticated
            else NOTHING
        )
        return self.filter(
            combine(
                path_q("region__path", scope.discipline_region_paths),
                named,
                self.model.scope_q(scope.reads()),
            )
        )


class DisciplinaryCase(models.Model):
    """A disciplinary case (行业处分案件) against one lawyer or one firm: opened on the bar's own motion or
    from a complaint triaged complex, investigated, notified to the lawyer (who may answer and ask for a
    hearing), decided by the committee, reviewed on request, and final. Each stage runs on a clock in
    working days (`clock`, the current stage's); its steps are `services.CASE_WORKFLOW`."""

    number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    source = models.CharField(_("source"), max_length=12, choices=CaseSource.choices)
    complaint = models.OneToOneField(
        Complaint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disciplinary_case",
        verbose_name=_("complaint"),
    )
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("lawyer")
    )
    firm = models.ForeignKey(
        LawFirm, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("law firm")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    conduct = models.CharField(_("kind of conduct"), max_length=12, choices=ConductKind.choices)
    summary = models.CharField(_("summary"), max_length=200)
    facts = models.TextField(_("grounds for opening the case"))
    investigation_record = models.TextField(_("investigation record"), blank=True)
    notice_facts = models.TextField(_("facts stated in the notice"), blank=True)
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    answer = models.TextField(_("the lawyer's answer"), blank=True)
    hearing_requested = models.BooleanField(_("hearing asked for"), default=False)
    hearing_on = models.DateField(_("hearing held on"), null=True, blank=True)
    hearing_record = models.TextField(_("hearing record"), blank=True)
    sanction_kind = models.CharField(_("sanction"), max_length=12, choices=SanctionKind.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    review_grounds = models.TextField(_("grounds for review"), blank=True)
    review_requested_on = models.DateField(_("review requested on"), null=True, blank=True)
    review_decision = models.CharField(
        _("review decision"), max_length=8, choices=ReviewDecision.choices, blank=True
    )
    review_reasons = models.TextField(_("reasons for the review decision"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    final_on = models.DateField(_("final on"), null=True, blank=True)
    status = models.CharField(
        _("stage"), max_length=14, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING
    )
    clock = models.ForeignKey(
        Clock, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("clock")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer in charge"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("disciplinary case")
        verbose_name_plural = _("disciplinary cases")
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="discipline_case_one_subject")]
        indexes = [models.Index(fields=["status", "opened_at"]), models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return object_url("discipline:detail", self.pk)

    @property
    def subject(self) -> Lawyer | LawFirm:
        return self.lawyer or self.firm  # type: ignore[return-value]  # one of them, by the constraint

    @property
    def scope_path(self) -> str:
        return self.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # The subject's side only (the lawyer, a firm for a case against the firm itself); the handlers'
        # reach is in `visible_to`.
        subject = combine(
            Q(lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
            Q(firm_id__in=view.firm_ids) if view.firm_ids else Q(),
        )
        return subject & Q(status__in=SHOWN_TO_SUBJECT) if subject is not NOTHING else NOTHING


class CaseStage(models.Model):
    """One stage of a case as it was lived: entered when (by which step, whom), left when, and the
    working days it took (the history on the case page, the median per stage in the oversight)."""

    case = models.ForeignKey(DisciplinaryCase, on_delete=models.CASCADE, related_name="stages")
    state = models.CharField(_("stage"), max_length=14, choices=CaseStatus.choices)
    step = models.CharField(_("step"), max_length=20, blank=True)
    entered_at = models.DateTimeField(_("entered"))
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    working_days = models.PositiveIntegerField(_("working days"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["entered_at", "id"]
        verbose_name = _("case stage")
        verbose_name_plural = _("case stages")
        indexes = [models.Index(fields=["state", "left_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.state}"


class CaseGrant(models.Model):
    """A member of staff an officer named on one case: they may read it (each read audited)."""

    case = models.ForeignKey(DisciplinaryCase, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    named_at = models.DateTimeField(_("named"), auto_now_add=True)

    class Meta:
        ordering = ["named_at", "id"]
        verbose_name = _("person named on a case")
        verbose_name_plural = _("people named on a case")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="discipline_grant_once")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.user_id}"


class Sanction(models.Model):
    """A sanction of the bar on one lawyer or one firm: it stays on their record (the registry's pages and
    the eligibility checks of commendations read it); a public one is shown in the public look-up for its
    period through the shared publication windows, once final."""

    case = models.OneToOneField(
        DisciplinaryCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanction",
        verbose_name=_("disciplinary case"),
    )
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
    publish_days = models.PositiveSmallIntegerField(
        _("days published"), default=0, help_text=_("Calendar days in the public look-up once final.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="discipline_sanction_one_subject")]
        indexes = [models.Index(fields=["lawyer", "decided_on"]), models.Index(fields=["firm", "decided_on"])]

    def __str__(self) -> str:
        subject = self.lawyer or self.firm
        return f"{subject} · {self.get_kind_display()}"

    @property
    def scope_path(self) -> str:
        return self.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # Region staff in their subtree; a firm its own and its lawyers'; a lawyer their own.
        regions = path_q("region__path", view.region_paths)
        return combine(
            regions,
            Q(firm_id__in=view.firm_ids) | Q(lawyer__firm_id__in=view.firm_ids) if view.firm_ids else Q(),
            Q(lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
        )
