"""Member development (发展党员): one record per person on the way into the Party, in the branch that
develops them, with the dates of each step, the two introducers, and one event per decision (the
branch meeting or the committee approval that took it). Party-side data: scoped like memberships."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.scoping import Scope
from lvxie.core.validators import NAME_VALIDATORS, validate_plain_text
from lvxie.orglife.models import Meeting
from lvxie.party.models import PartyMembership, PartyOrg, PartyQuerySet
from lvxie.registry.models import LawFirm, Lawyer, Trainee

from .choices import OPEN_STAGES, PersonKind, Stage, Step


class Recruit(models.Model):
    """A person's way into the Party through one branch: applicant (入党申请人) → activist (入党积极分子)
    → development target (发展对象) → probationary member (预备党员) → full member (正式党员). A lawyer or a
    trainee is linked to the registry (`name` and `firm` copied); a staff member is named here only."""

    org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="recruits", verbose_name=_("Party organization")
    )
    person_kind = models.CharField(_("person"), max_length=8, choices=PersonKind.choices)
    lawyer = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("lawyer")
    )
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("trainee")
    )
    name = models.CharField(_("name"), max_length=50, validators=NAME_VALIDATORS)
    firm = models.ForeignKey(
        LawFirm, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("law firm")
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    firm_manager = models.BooleanField(_("firm manager"), default=False)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLICANT)
    applied_on = models.DateField(_("applied"))
    activist_on = models.DateField(_("activist since"), null=True, blank=True)
    target_on = models.DateField(_("development target since"), null=True, blank=True)
    # The branch members' meeting's date: the probationary year (and Party age) counts from it.
    admitted_on = models.DateField(_("admitted by the branch"), null=True, blank=True)
    approved_on = models.DateField(_("admission approved"), null=True, blank=True)
    probation_ends_on = models.DateField(_("probation ends"), null=True, blank=True)
    extended = models.BooleanField(_("probation extended"), default=False)
    # The months the branch asked to extend by, until the committee decides.
    extension_months = models.PositiveSmallIntegerField(_("extension in months"), null=True, blank=True)
    full_on = models.DateField(_("full member since"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    introducer_1 = models.ForeignKey(
        PartyMembership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("first introducer"),
    )
    introducer_2 = models.ForeignKey(
        PartyMembership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("second introducer"),
    )
    # The Party roll's row, started on the committee's approval (lawyers only: the roll holds lawyers).
    membership = models.OneToOneField(
        PartyMembership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recruit",
        verbose_name=_("Party membership"),
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["org", "-applied_on", "id"]
        verbose_name = _("member development record")
        verbose_name_plural = _("member development records")
        constraints = [
            models.UniqueConstraint(
                fields=["lawyer"], condition=Q(stage__in=OPEN_STAGES), name="recruit_one_open_per_lawyer"
            ),
            models.UniqueConstraint(
                fields=["trainee"], condition=Q(stage__in=OPEN_STAGES), name="recruit_one_open_per_trainee"
            ),
            models.CheckConstraint(
                condition=(
                    Q(person_kind=PersonKind.LAWYER, lawyer__isnull=False, trainee__isnull=True)
                    | Q(person_kind=PersonKind.TRAINEE, trainee__isnull=False, lawyer__isnull=True)
                    | Q(person_kind=PersonKind.STAFF, lawyer__isnull=True, trainee__isnull=True)
                ),
                name="recruit_person_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["org", "stage"])]

    def __str__(self) -> str:
        # No names: this text is copied into the audit log.
        return f"recruit #{self.pk}"

    def get_absolute_url(self) -> str:
        return object_url("recruitment:detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class Body(models.TextChoices):
    """Who took a decision."""

    APPLICANT = "applicant", _("The applicant")
    BRANCH_COMMITTEE = "branch_committee", _("Branch committee")
    MEMBERS_MEETING = "members_meeting", _("Branch members' meeting")
    PARTY_COMMITTEE = "party_committee", _("Party committee above")


class RecruitEvent(models.Model):
    """One decision on a record: the step, the day it was decided, by which body, and the reference to
    its minutes or approval (a text, e.g. "2025年第2次支部党员大会"). The workflow's history row."""

    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=24, choices=Step.choices)
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    decided_on = models.DateField(_("decided on"))
    body = models.CharField(_("decided by"), max_length=20, choices=Body.choices)
    reference = models.CharField(_("reference"), max_length=200, blank=True, validators=[validate_plain_text])
    # The branch meeting (lvxie.orglife) that took the decision, when it is recorded there.
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("meeting")
    )
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.recruit} {self.step} {self.decided_on}"
