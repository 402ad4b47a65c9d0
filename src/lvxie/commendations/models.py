"""Commendations (表彰) and contests on calls for submissions: a unit's submission to a commendation
call puts forward nominees (`Nomination`), the panel votes (`Vote`), the recommended ones are shown in a
public notice (a `workflow` publication window each) and then awarded; a contest's best entries get
prizes (`Prize`). Both leave an `Honour` on the lawyer's, firm's or Party organization's record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from lvxie.calls.models import Call, Submission
from lvxie.core.scoping import ScopedQuerySet, ScopeView, combine, path_q
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import NominationStatus, PrizeLevel

ONE_NOMINEE = (
    Q(lawyer__isnull=False, firm__isnull=True, party_org__isnull=True)
    | Q(lawyer__isnull=True, firm__isnull=False, party_org__isnull=True)
    | Q(lawyer__isnull=True, firm__isnull=True, party_org__isnull=False)
)


def _via_submission(view: ScopeView) -> Q:
    return Q(submission__in=Submission.objects.filter(Submission.scope_q(view)).values("pk"))


class Nomination(models.Model):
    """One nominee a unit puts forward in one category of a commendation call, with the deeds (事迹)
    and the eligibility the records showed when nominated. Seen by whoever sees the unit's submission
    (a Party organization's only on the Party side)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="nominations")
    category = models.CharField(_("category"), max_length=40)
    lawyer = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("lawyer")
    )
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
    deeds = models.TextField(_("deeds"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.NOMINATED
    )
    yes_votes = models.PositiveSmallIntegerField(_("votes for"), default=0)
    no_votes = models.PositiveSmallIntegerField(_("votes against"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["call_id", "category", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(condition=ONE_NOMINEE, name="commendations_nomination_one_nominee"),
            models.UniqueConstraint(
                fields=["call", "category", "lawyer"], name="commendations_lawyer_once_per_category"
            ),
            models.UniqueConstraint(
                fields=["call", "category", "firm"], name="commendations_firm_once_per_category"
            ),
            models.UniqueConstraint(
                fields=["call", "category", "party_org"], name="commendations_org_once_per_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.category_label}"

    @property
    def nominee(self) -> Lawyer | LawFirm | PartyOrg | None:
        return self.lawyer or self.firm or self.party_org

    @property
    def name(self) -> str:
        nominee = self.nominee
        return nominee.name if nominee is not None else ""

    @staticmethod
    def name_value() -> Coalesce:
        """`name` in a query, for reads of plain values (the public notice of a national round)."""
        return Coalesce("lawyer__name", "firm__name", "party_org__name", Value(""))

    @property
    def unit_name(self) -> str:
        """The nominee's unit as the public notice names it: a lawyer's firm or employer, else the
        nominating unit."""
        if self.lawyer is not None:
            if self.lawyer.firm is not None:
                return self.lawyer.firm.name
            return self.lawyer.employer or self.submission.unit_name
        return self.submission.unit_name

    @staticmethod
    def unit_name_value() -> Case:
        """`unit_name` in a query, for reads of plain values (the public notice of a national round)."""
        nominating = Submission.unit_name_value("submission__")
        return Case(
            When(lawyer__isnull=True, then=nominating),
            default=Coalesce("lawyer__firm__name", NullIf("lawyer__employer", Value("")), nominating),
        )

    @property
    def category_label(self) -> str:
        return self.call.spec.category_label(self.category)

    @property
    def scope_path(self) -> str:
        return self.submission.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return _via_submission(view)


class Vote(models.Model):
    """One panel member's vote on one nomination. A change keeps the old vote in a `VoteRevision`."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approve = models.BooleanField(_("for"))
    voted_at = models.DateTimeField(_("voted"))
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["nomination_id", "reviewer_id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "reviewer"], name="commendations_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id} · {self.reviewer_id}: {self.approve}"

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return Q(nomination__in=Nomination.objects.filter(Nomination.scope_q(view)).values("pk"))


class VoteRevision(models.Model):
    """A vote as it was before its panel member changed it, with the reason for the change."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="revisions")
    approve = models.BooleanField(_("for"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("vote revision")
        verbose_name_plural = _("vote revisions")

    def __str__(self) -> str:
        return f"{self.vote_id} {self.approve}"


class Prize(models.Model):
    """A prize of a contest (a scored call) to one accepted entry, by its rank in the results."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="prize")
    level = models.CharField(_("prize"), max_length=12, choices=PrizeLevel.choices)
    rank = models.PositiveIntegerField(_("rank"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["call_id", "rank", "id"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.get_level_display()}"

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return _via_submission(view)


class Honour(models.Model):
    """An honour on a lawyer's, firm's or Party organization's record: a commendation awarded or a
    contest prize. A Party category's (`party`) is Party-side data; the bar's are `public` in the
    look-up."""

    lawyer = models.ForeignKey(
        Lawyer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
        verbose_name=_("lawyer"),
    )
    firm = models.ForeignKey(
        LawFirm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
        verbose_name=_("law firm"),
    )
    party_org = models.ForeignKey(
        PartyOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
        verbose_name=_("Party organization"),
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    org_path = models.CharField(max_length=255, blank=True, default="")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+", verbose_name=_("call"))
    title = models.CharField(_("honour"), max_length=200)
    awarded_on = models.DateField(_("awarded on"))
    party = models.BooleanField(_("Party side"), default=False)
    public = models.BooleanField(_("public"), default=False)
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="honour"
    )
    prize = models.OneToOneField(
        Prize, null=True, blank=True, on_delete=models.PROTECT, related_name="honour"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "-id"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [models.CheckConstraint(condition=ONE_NOMINEE, name="commendations_honour_one_holder")]
        indexes = [models.Index(fields=["public", "lawyer"]), models.Index(fields=["public", "firm"])]

    def __str__(self) -> str:
        return self.title

    @property
    def holder(self) -> Lawyer | LawFirm | PartyOrg | None:
        return self.lawyer or self.firm or self.party_org

    @property
    def scope_path(self) -> str:
        return self.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # The bar's honours: its staff in their subtree, a firm its own and its lawyers', a lawyer their
        # own. A Party category's: the Party side only (committee staff, the organization's secretaries).
        regions = path_q("region__path", view.region_paths)
        party_regions = path_q("region__path", view.party_region_paths)
        orgs = path_q("org_path", view.party_org_paths)
        bar = combine(
            regions,
            Q(firm_id__in=view.firm_ids) | Q(lawyer__firm_id__in=view.firm_ids) if view.firm_ids else Q(),
            Q(lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
        )
        party = combine(party_regions, orgs)
        return combine(bar & Q(party=False) if bar else Q(), party & Q(party=True) if party else Q())
