"""The Party organization in the lawyer industry: organizations, memberships, instructors, pairings,
venue checklists, and the per-firm coverage summary that the region reports add up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.paths import under
from lvxie.core.scoping import Scope, combine, path_q, scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import (
    CoverageState,
    MemberKind,
    MemberStatus,
    OrgKind,
    OrgStatus,
    PairingKind,
    TransferStatus,
    VenueItem,
)


class PartyQuerySet(models.QuerySet):
    """Party data is scoped by the Party side of a scope (`Scope.party_*`), never by registry grants:
    a firm administrator sees their firm but no organization or member in it."""

    def visible_to(self, actor: Actor | None):
        return self.filter(self.model.party_scope_q(scope_of(actor)))


class PartyOrg(models.Model):
    """A Party organization (党组织). `path` is the chain of ids from the city committee down ("3/17/"),
    so an organization's subtree is one indexed prefix match, as for regions."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=OrgStatus.choices, default=OrgStatus.ACTIVE)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent organization"),
    )
    # Blank only between the insert and the update that gives it the new id.
    path = models.CharField(max_length=255, db_index=True, editable=False, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="party_orgs", verbose_name=_("region")
    )
    region_path = models.CharField(max_length=255, db_index=True, editable=False)  # copied for reports
    secretary = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("secretary")
    )
    deputy = models.ForeignKey(
        Lawyer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deputy secretary"),
    )
    founded_on = models.DateField(_("founded"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("merged into"),
    )
    firms: "models.ManyToManyField[LawFirm, OrgFirm]" = models.ManyToManyField(
        LawFirm, through="OrgFirm", related_name="party_orgs"
    )

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("Party organization")
        verbose_name_plural = _("Party organizations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("party:org_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region_path

    @property
    def is_active(self) -> bool:
        return self.status == OrgStatus.ACTIVE

    @property
    def depth(self) -> int:
        """0 for the top of the tree; for indenting the tree."""
        return max(0, self.path.count("/") - 1)

    def clean(self) -> None:
        if self.parent_id is None and self.kind != OrgKind.INDUSTRY_COMMITTEE:
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _("Give the industry Party committee above it."), code="needs_parent"
                    )
                }
            )
        if (
            self.parent is not None
            and self.parent.kind != OrgKind.INDUSTRY_COMMITTEE
            and self.kind != OrgKind.TEMPORARY_BRANCH
        ):
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _("Organizations sit under an industry Party committee."), code="bad_parent"
                    )
                }
            )
        if self.parent is not None and not under(self.region.path, self.parent.region.path):
            raise ValidationError(
                {
                    "region": ValidationError(
                        _("The region must lie within the parent organization's region."),
                        code="region_outside_parent",
                    )
                }
            )

    @classmethod
    def party_scope_q(cls, scope: Scope, prefix: str = "") -> Q:
        return combine(
            path_q(f"{prefix}region_path", scope.party_region_paths),
            path_q(f"{prefix}path", scope.party_org_paths),
        )


class OrgFirm(models.Model):
    """A firm inside an organization, from `since` until `until`: the firm's own organization, or one of
    the firms a joint branch covers. A firm is in at most one organization at a time; history is kept."""

    org = models.ForeignKey(PartyOrg, on_delete=models.PROTECT, related_name="firm_links")
    firm = models.ForeignKey(
        LawFirm, on_delete=models.PROTECT, related_name="org_links", verbose_name=_("law firm")
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["firm"], condition=Q(until__isnull=True), name="party_firm_one_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org} · {self.firm}"


class PartyMembership(models.Model):
    """A lawyer's membership in one organization (sensitive: only the Party side sees it). A transfer
    (组织关系转接) ends this row and starts one in the receiving organization, linked by `transferred_from`,
    so the history stays."""

    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="party_memberships", verbose_name=_("lawyer")
    )
    org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Party organization")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=MemberKind.choices, default=MemberKind.FULL)
    status = models.CharField(
        _("status"), max_length=12, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    joined_party_on = models.DateField(_("joined the Party"))
    joined_on = models.DateField(_("joined this organization"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    transferred_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transferred_to"
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Where the membership came from or went to, outside the industry."),
    )

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["org", "-joined_on", "id"]
        verbose_name = _("Party membership")
        verbose_name_plural = _("Party memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["lawyer"], condition=Q(status=MemberStatus.ACTIVE), name="party_one_active_membership"
            )
        ]
        indexes = [models.Index(fields=["org", "status"])]

    def __str__(self) -> str:
        # No names: this text is copied into the audit log.
        return f"membership #{self.pk}"

    def get_absolute_url(self) -> str:
        return object_url("party:member_list", self.org_id)

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    def clean(self) -> None:
        if self.ended_on and self.ended_on < self.joined_on:
            raise ValidationError(
                {
                    "ended_on": ValidationError(
                        _("The end cannot be before the start."), code="ends_before_start"
                    )
                }
            )
        if self.joined_on and self.joined_party_on and self.joined_on < self.joined_party_on:
            raise ValidationError(
                {
                    "joined_on": ValidationError(
                        _("Cannot join an organization before joining the Party."), code="before_party"
                    )
                }
            )
        if self.joined_on and self.org_id and self.joined_on < self.org.founded_on:
            raise ValidationError(
                {
                    "joined_on": ValidationError(
                        _("Cannot join an organization before it was founded."), code="before_founded"
                    )
                }
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class MemberTransfer(models.Model):
    """A transfer of a member to another organization in the industry (组织关系转接), asked for by the
    sending side and accepted or refused (with a reason) by the receiving side: its secretary, or the
    Party committee staff over it. Until it is accepted the member stays where they were; on acceptance
    `moved` is the new membership (the old one ends as transferred, as `PartyMembership` describes)."""

    member = models.ForeignKey(
        PartyMembership, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("member")
    )
    from_org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("from organization")
    )
    to_org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("to organization")
    )
    on = models.DateField(_("date of transfer"))
    status = models.CharField(
        _("status"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    moved = models.OneToOneField(
        PartyMembership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_name = models.CharField(max_length=150, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("member transfer")
        verbose_name_plural = _("member transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status=TransferStatus.PENDING),
                name="party_one_pending_transfer",
                violation_error_message=_("A transfer of this member is already awaiting acceptance."),
                violation_error_code="pending",
            )
        ]

    def __str__(self) -> str:
        # No names: this text is copied into the audit log.
        return f"transfer #{self.pk}"

    def get_absolute_url(self) -> str:
        return object_url("party:transfer_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.to_org.region_path

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        """Seen by both sides: whoever sees the sending or the receiving organization."""
        return combine(
            PartyOrg.party_scope_q(scope, prefix="from_org__"),
            PartyOrg.party_scope_q(scope, prefix="to_org__"),
        )


class Instructor(models.Model):
    """A Party-building instructor (党建工作指导员) assigned to a firm without an organization: the firm then
    has work coverage (工作覆盖) from `started_on` until `ended_on`."""

    name = models.CharField(_("name"), max_length=50)
    org = models.ForeignKey(
        PartyOrg,
        on_delete=models.PROTECT,
        related_name="instructors",
        verbose_name=_("assigned by"),
        help_text=_("The industry Party committee that sends the instructor."),
    )
    firm = models.ForeignKey(
        LawFirm, on_delete=models.PROTECT, related_name="instructors", verbose_name=_("law firm")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "id"]
        verbose_name = _("Party-building instructor")
        verbose_name_plural = _("Party-building instructors")

    def __str__(self) -> str:
        return f"{self.name} · {self.firm}"

    def get_absolute_url(self) -> str:
        return reverse("party:instructor_list")

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    def clean(self) -> None:
        if self.ended_on and self.ended_on < self.started_on:
            raise ValidationError(
                {
                    "ended_on": ValidationError(
                        _("The end cannot be before the start."), code="ends_before_start"
                    )
                }
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class Pairing(models.Model):
    """One of the three pairings (三结对): an organization with another organization, a firm without
    members, or a village Party organization (kept by name)."""

    kind = models.CharField(_("kind"), max_length=16, choices=PairingKind.choices)
    org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("organization")
    )
    partner_org = models.ForeignKey(
        PartyOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner organization"),
    )
    partner_firm = models.ForeignKey(
        LawFirm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner firm"),
    )
    village_name = models.CharField(_("village Party organization"), max_length=100, blank=True)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    activities = models.TextField(_("activities"), blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "id"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")

    def __str__(self) -> str:
        return f"{self.org} · {self.partner_label}"

    @property
    def partner_label(self) -> str:
        return str(self.partner_org or self.partner_firm or self.village_name)

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    def clean(self) -> None:
        needs: dict[str, tuple[str, object]] = {
            PairingKind.BRANCH_JOINT: ("partner_org", self.partner_org_id),
            PairingKind.BRANCH_FIRM: ("partner_firm", self.partner_firm_id),
            PairingKind.BRANCH_VILLAGE: ("village_name", self.village_name),
        }
        field, value = needs.get(self.kind, ("kind", None))
        others = [f for f, v in needs.values() if f != field and v]
        if not value or others:
            raise ValidationError(
                {
                    field: ValidationError(
                        _("Give exactly the partner this kind of pairing needs."), code="partner"
                    )
                }
            )
        if self.partner_org_id and self.partner_org_id == self.org_id:
            raise ValidationError(
                {
                    "partner_org": ValidationError(
                        _("An organization cannot pair with itself."), code="self_pair"
                    )
                }
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class VenueChecklist(models.Model):
    """The activity room checklist (六个有) of one organization: which of the six items it has."""

    org = models.OneToOneField(PartyOrg, on_delete=models.CASCADE, related_name="venue", primary_key=True)
    items = models.JSONField(_("items"), default=list)  # codes of VenueItem
    checked_on = models.DateField(_("checked"))

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("venue checklist")
        verbose_name_plural = _("venue checklists")

    def __str__(self) -> str:
        return f"{self.org} · {len(self.items)}/6"

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    @property
    def complete(self) -> bool:
        return set(self.items) >= set(VenueItem.values)

    def clean(self) -> None:
        unknown = set(self.items) - set(VenueItem.values)
        if unknown:
            raise ValidationError(
                {"items": ValidationError(_("Unknown checklist item."), code="unknown_item")}
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class FirmCoverage(models.Model):
    """One row per law firm, kept current by every service that changes its inputs: the figures the
    coverage reports add up with one GROUP BY over `region_path`, instead of counting lawyers and members
    per request. `lvxie party recount --check` compares them with a recount from the raw tables."""

    firm = models.OneToOneField(LawFirm, on_delete=models.CASCADE, primary_key=True, related_name="coverage")
    region_path = models.CharField(max_length=255, db_index=True)
    # Counted: practising or suspended firms; dissolved firms and foreign firms' representative offices
    # (which employ no Chinese lawyers) are kept but left out of every figure.
    counted = models.BooleanField(default=True)
    state = models.CharField(_("coverage"), max_length=14, choices=CoverageState.choices)
    org = models.ForeignKey(PartyOrg, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lawyers = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    full_members = models.PositiveIntegerField(default=0)
    has_instructor = models.BooleanField(default=False)
    in_bylaws = models.BooleanField(default=False)
    needs_own_org = models.BooleanField(_("should form its own organization"), default=False)
    members_unorganized = models.BooleanField(_("members outside any organization"), default=False)

    objects = models.Manager()

    class Meta:
        verbose_name = _("firm coverage")
        indexes = [models.Index(fields=["region_path", "counted"])]

    def __str__(self) -> str:
        return f"{self.firm_id}: {self.state}"

    SUMMARY_FIELDS = (
        "region_path",
        "counted",
        "state",
        "org",
        "lawyers",
        "members",
        "full_members",
        "has_instructor",
        "in_bylaws",
        "needs_own_org",
        "members_unorganized",
    )


class RegionCoverage(models.Model):
    """The coverage figures of the counted firms and the active organizations placed directly in one
    region (one row per region path). A report adds up these rows, a few thousand for the whole country,
    instead of 39,000 firm rows. `coverage_refresh` keeps them by adding each change's difference, which
    concurrent writes cannot lose; `lvxie party recount --check` compares them with a recount."""

    region_path = models.CharField(max_length=255, unique=True)
    firms = models.IntegerField(default=0)
    own_org = models.IntegerField(default=0)
    joint_branch = models.IntegerField(default=0)
    work_only = models.IntegerField(default=0)
    uncovered = models.IntegerField(default=0)
    firms_with_members = models.IntegerField(default=0)
    organized_with_members = models.IntegerField(default=0)
    needs_own_org = models.IntegerField(default=0)
    members_unorganized = models.IntegerField(default=0)
    in_bylaws = models.IntegerField(default=0)
    lawyers = models.IntegerField(default=0)
    members = models.IntegerField(default=0)
    full_members = models.IntegerField(default=0)
    # Active organizations by kind (OrgKind values after the prefix).
    orgs_industry_committee = models.IntegerField(default=0)
    orgs_firm_committee = models.IntegerField(default=0)
    orgs_general_branch = models.IntegerField(default=0)
    orgs_independent_branch = models.IntegerField(default=0)
    orgs_joint_branch = models.IntegerField(default=0)
    orgs_temporary_branch = models.IntegerField(default=0)

    objects = models.Manager()

    class Meta:
        verbose_name = _("region coverage")

    def __str__(self) -> str:
        return f"{self.region_path}: {self.firms}"
