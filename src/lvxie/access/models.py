"""Role assignments and role-grant proposals: who holds which role, bound where. The tables were created by
`accounts` (before access had an app of its own) and keep their names (`db_table`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.accounts.choices import FIRM_ROLES, PARTY_ORG_ROLES, REGION_ROLES, SELF_ROLES, Role


class RoleBinding(models.Model):
    """A role and the scope it is bound to (a region, a firm, a Party organization, or nothing): what a
    role assignment holds, and what a proposal would give."""

    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    region = models.ForeignKey(
        "registry.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    firm = models.ForeignKey(
        "registry.LawFirm", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("law firm")
    )
    party_org = models.ForeignKey(
        "party.PartyOrg",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("Party organization"),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        bound = self.region or self.firm or self.party_org or ""
        return f"{self.get_role_display()} {bound}".strip()


def binding_key() -> tuple:
    """The role and its binding, NULLs counted as equal (0), for the uniqueness constraints: a plain
    UniqueConstraint never fires on nullable columns, since NULL is never equal to NULL."""
    return (
        F("role"),
        Coalesce("region", Value(0)),
        Coalesce("firm", Value(0)),
        Coalesce("party_org", Value(0)),
    )


class RoleAssignment(RoleBinding):
    """One role of a user, bound to the scope the role needs: a region, a firm, or nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "accounts_roleassignment"
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # NULLs are never equal in a plain UNIQUE, so the unbound columns are compared as 0 (no id is 0):
            # an expression index, the same on SQLite and PostgreSQL.
            models.UniqueConstraint(
                F("user"),
                *binding_key(),
                name="role_assignment_once",
                violation_error_message=_("This account already has this role."),
                violation_error_code="role_held",
            )
        ]

    def clean(self) -> None:
        if (self.role in PARTY_ORG_ROLES) != (self.party_org_id is not None):
            raise ValidationError(
                _("The secretary role, and only it, is bound to a Party organization."),
                code="needs_party_org",
            )
        if self.role in REGION_ROLES and (self.region_id is None or self.firm_id is not None):
            raise ValidationError(_("This role is bound to a region."), code="needs_region")
        if self.role in FIRM_ROLES and (self.firm_id is None or self.region_id is not None):
            raise ValidationError(_("This role is bound to a law firm."), code="needs_firm")
        if self.role not in REGION_ROLES | FIRM_ROLES and (self.region_id or self.firm_id):
            raise ValidationError(_("This role is not bound to a region or a firm."), code="unbound_role")
        if self.role in SELF_ROLES and self.user_id and not self.user.lawyer_id:
            raise ValidationError(_("The lawyer role needs the user's lawyer record."), code="needs_lawyer")


class RoleGrantProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=RoleGrantProposal.Status.PENDING)


class RoleGrantProposal(RoleBinding):
    """A data role proposed for an account by one person, given only when a second person with owner
    authority over its scope approves it (`LVXIE_ROLE_GRANT_APPROVAL=two_person`; access/policies.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_proposals",
        verbose_name=_("user"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = RoleGrantProposalQuerySet.as_manager()

    class Meta:
        db_table = "accounts_rolegrantproposal"
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("role grant proposal")
        verbose_name_plural = _("role grant proposals")
        constraints = [
            models.UniqueConstraint(
                F("user"),
                *binding_key(),
                condition=models.Q(status="pending"),
                name="role_proposal_pending_once",
                violation_error_message=_("This role is already waiting for approval for this account."),
                violation_error_code="proposal_pending",
            )
        ]

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def as_assignment(self) -> RoleAssignment:
        """The assignment this proposal would create (unsaved), so both are checked by the same `clean`."""
        return RoleAssignment(
            user=self.user, role=self.role, region=self.region, firm=self.firm, party_org=self.party_org
        )
