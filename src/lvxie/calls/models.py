"""Calls for submissions (征集): a body opens a call to a set of units (firms, Party organizations or
lawyers, chosen as notices choose their audience); each unit has one submission; named reviewers score
the accepted ones on the kind's criteria."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.scoping import ScopedQuerySet, ScopeView, combine, path_q
from lvxie.core.uploads import StoredFile
from lvxie.notices.choices import AudienceKind
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import CallStatus, SubmissionAction, SubmissionStatus, UnitKind
from .kinds import CallKind, Criterion, get_kind


class Call(models.Model):
    """A call issued by the staff of a region: the bar's side (region staff) or the Party side (Party
    committee staff, `party`), as notices are. Its units are resolved when it opens, one submission
    each. `deadline` is a date; when it was given as working days, `deadline_working_days` says how
    many (counted from the day it opened)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    party = models.BooleanField(_("Party side"), default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    unit_kind = models.CharField(_("units"), max_length=12, choices=UnitKind.choices, default=UnitKind.FIRM)
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
    audience_firm_kinds = models.CharField(_("kinds of firm"), max_length=200, blank=True, default="")
    audience_firms = models.ManyToManyField(
        LawFirm, blank=True, related_name="+", verbose_name=_("listed firms")
    )
    audience_party_orgs = models.ManyToManyField(
        PartyOrg, blank=True, related_name="+", verbose_name=_("listed Party organizations")
    )
    # The criteria and weights set for this call (Criterion.as_json rows); empty: the kind's.
    criteria = models.JSONField(_("criteria"), default=list, blank=True)
    # Places per category of the kind (`CallKind.categories`), by category code.
    quotas = models.JSONField(_("places per category"), default=dict, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_working_days = models.PositiveSmallIntegerField(
        _("deadline in working days"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("call for submissions")
        verbose_name_plural = _("calls for submissions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return object_url("calls:detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region.path

    @property
    def reviewers(self) -> QuerySet[Any]:
        """The accounts named to review this call (rows of `CallReviewer`)."""
        return (
            get_user_model()
            .objects.filter(pk__in=self.reviewer_rows.values("reviewer_id"))
            .order_by("username")
        )

    @property
    def spec(self) -> CallKind:
        return get_kind(self.kind)

    @property
    def criteria_in_force(self) -> tuple[Criterion, ...]:
        """What the reviewers score on: the call's own criteria when it sets them, else the kind's."""
        if self.criteria:
            return tuple(Criterion.from_json(row) for row in self.criteria)
        return self.spec.criteria

    def get_kind_display(self) -> str:
        try:
            return str(self.spec.label)
        except KeyError:
            return self.kind

    def quota(self, category: str) -> int:
        return int(self.quotas.get(category, 0))

    @property
    def firm_kind_codes(self) -> list[str]:
        return [code for code in self.audience_firm_kinds.split(",") if code]

    def is_late(self, day: date) -> bool:
        return self.deadline is not None and day > self.deadline

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # Staff of the issuing side over the issuing region see the call; so does anyone with a
        # submission of it in their scope (a firm its own, a district the submissions of its firms).
        received = Submission.objects.filter(Submission.scope_q(view)).values("call_id")
        regions = path_q("region__path", view.region_paths)
        party_regions = path_q("region__path", view.party_region_paths)
        any_grant = (
            view.region_paths
            or view.firm_ids
            or view.lawyer_ids
            or view.party_region_paths
            or view.party_org_paths
        )
        return combine(
            regions & Q(party=False) if regions else Q(),
            party_regions & Q(party=True) if party_regions else Q(),
            Q(pk__in=received) & ~Q(status=CallStatus.DRAFT) if any_grant else Q(),
        )


class CallReviewer(models.Model):
    """A user named to review a call (staff of the issuing side over the issuing region)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewer_rows")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )

    class Meta:
        ordering = ["call_id", "id"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [models.UniqueConstraint(fields=["call", "reviewer"], name="calls_reviewer_once")]

    def __str__(self) -> str:
        return f"{self.call_id} · {self.reviewer_id}"


class Submission(models.Model):
    """One unit's submission to a call: exactly one of firm, Party organization, lawyer is set.
    `region` is the unit's district when the call opened (scope, progress by district)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="submissions")
    firm = models.ForeignKey(
        LawFirm, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("law firm")
    )
    party_org = models.ForeignKey(
        PartyOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Party organization"),
    )
    lawyer = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("lawyer")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    values = models.JSONField(_("values"), default=dict, blank=True)
    flags = models.JSONField(_("marks"), default=list, blank=True)  # codes of the kind's `flags` set on it
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__path", "id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["call", "firm"], name="calls_submission_once_per_firm"),
            models.UniqueConstraint(fields=["call", "party_org"], name="calls_submission_once_per_org"),
            models.UniqueConstraint(fields=["call", "lawyer"], name="calls_submission_once_per_lawyer"),
            models.CheckConstraint(
                condition=Q(firm__isnull=False, party_org__isnull=True, lawyer__isnull=True)
                | Q(firm__isnull=True, party_org__isnull=False, lawyer__isnull=True)
                | Q(firm__isnull=True, party_org__isnull=True, lawyer__isnull=False),
                name="calls_submission_one_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.unit_name}"

    def get_absolute_url(self) -> str:
        return object_url("calls:submission", self.pk)

    @property
    def unit(self) -> LawFirm | PartyOrg | Lawyer | None:
        return self.firm or self.party_org or self.lawyer

    @property
    def unit_name(self) -> str:
        unit = self.unit
        return unit.name if unit is not None else ""

    @staticmethod
    def unit_name_value(prefix: str = "") -> Coalesce:
        """`unit_name` in a query, for reads of plain values: the submission reached by the lookup
        `prefix` ("submission__" from a row pointing at one) names its one unit."""
        return Coalesce(f"{prefix}firm__name", f"{prefix}party_org__name", f"{prefix}lawyer__name", Value(""))

    @property
    def scope_path(self) -> str:
        return self.region.path

    @property
    def title(self) -> str:
        """What names the submission in the results (the kind's title field), else the unit."""
        try:
            field = self.call.spec.title_field
        except KeyError:
            field = ""
        return str(self.values.get(field, "")) if field else ""

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # A Party organization's submission is Party-side data (its committee staff, its secretaries);
        # region staff see the firms' and lawyers' in their subtree; a firm its own; a lawyer their own.
        regions = path_q("region__path", view.region_paths)
        party_regions = path_q("region__path", view.party_region_paths)
        orgs = path_q("party_org__path", view.party_org_paths)
        return combine(
            regions & Q(party_org__isnull=True) if regions else Q(),
            Q(firm_id__in=view.firm_ids) if view.firm_ids else Q(),
            Q(lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
            party_regions & Q(party_org__isnull=False) if party_regions else Q(),
            orgs,
        )


class SubmissionFile(StoredFile):
    """A file attached to a submission (the judgment, the written account)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")

    class Meta(StoredFile.Meta):
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")


class SubmissionEvent(models.Model):
    """One line of a submission's history: who saved, submitted, returned (with the reason) or
    accepted it, and when."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=SubmissionAction.choices)
    status = models.CharField(_("status"), max_length=10, choices=SubmissionStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    late = models.BooleanField(_("late"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action}"


class Score(models.Model):
    """One reviewer's score of one accepted submission: points per criterion (`points`, by criterion
    code) and their weighted total (0–100). A change keeps the old points in a `ScoreRevision`."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.JSONField(_("points"), default=dict)
    total = models.DecimalField(_("weighted score"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored"))
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["submission_id", "reviewer_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="calls_score_once_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.reviewer_id}: {self.total}"

    @property
    def scope_path(self) -> str:
        return self.submission.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # The rows themselves; who may read the points is the selectors' business (hidden until all
        # reviewers have scored).
        return Q(submission__in=Submission.objects.filter(Submission.scope_q(view)).values("pk"))


class ScoreRevision(models.Model):
    """A score as it was before a reviewer changed it, with the reason given for the change."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="revisions")
    points = models.JSONField(_("points"))
    total = models.DecimalField(_("weighted score"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("score revision")
        verbose_name_plural = _("score revisions")

    def __str__(self) -> str:
        return f"{self.score_id} {self.total}"


def weighted_total(criteria: tuple[Criterion, ...], points: dict[str, int]) -> Decimal:
    """The weighted score out of 100: each criterion's share of its maximum, weighted."""
    total = Decimal(0)
    for criterion in criteria:
        share = Decimal(points.get(criterion.code, 0)) / Decimal(criterion.max_points)
        total += share * Decimal(criterion.weight)
    weights = sum(c.weight for c in criteria)
    return (total * Decimal(100) / Decimal(weights)).quantize(Decimal("0.01"))
