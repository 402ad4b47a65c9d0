from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    INDUSTRY_COMMITTEE = "industry_committee", _("Industry Party committee")
    FIRM_COMMITTEE = "firm_committee", _("Firm Party committee")
    GENERAL_BRANCH = "general_branch", _("General Party branch")
    INDEPENDENT_BRANCH = "independent_branch", _("Independent Party branch")
    JOINT_BRANCH = "joint_branch", _("Joint Party branch")
    TEMPORARY_BRANCH = "temporary_branch", _("Temporary Party branch")


# An organization of one of these kinds sits in one firm (the firm's own organization); a joint branch
# covers several firms; industry committees and temporary branches cover none.
OWN_KINDS = (OrgKind.FIRM_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.INDEPENDENT_BRANCH)
FIRM_KINDS = (*OWN_KINDS, OrgKind.JOINT_BRANCH)


class OrgStatus(models.TextChoices):
    ACTIVE = "active", _("In existence")
    MERGED = "merged", _("Merged")
    DISSOLVED = "dissolved", _("Dissolved")


class MemberKind(models.TextChoices):
    FULL = "full", _("Full member")
    PROBATIONARY = "probationary", _("Probationary member")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Current members")
    TRANSFERRED = "transferred", _("Transferred out")
    LEFT = "left", _("Left")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the receiving organization")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TransferAction(models.TextChoices):
    """What the two sides can do with a pending transfer (labels read as buttons); see
    `lvxie.party.services.TRANSFER_WORKFLOW`."""

    ACCEPT = "accept", _("Accept")
    REFUSE = "refuse", _("Do not accept")
    WITHDRAW = "withdraw", _("Withdraw")


class CoverageState(models.TextChoices):
    OWN_ORG = "own_org", _("Own organization")
    JOINT_BRANCH = "joint_branch", _("In a joint branch")
    WORK_ONLY = "work_only", _("Work coverage only")
    NONE = "none", _("Not covered")


# Organization coverage (组织覆盖): the firm has its own organization or sits in a joint branch.
ORG_COVERED = (CoverageState.OWN_ORG, CoverageState.JOINT_BRANCH)
# A firm with this many full members and no organization of its own should form one.
OWN_ORG_THRESHOLD = 3


class PairingKind(models.TextChoices):
    BRANCH_JOINT = "branch_joint", _("Independent branch with joint branch")
    BRANCH_FIRM = "branch_firm", _("Firm branch with a firm without members")
    BRANCH_VILLAGE = "branch_village", _("Firm branch with a village Party organization")


class VenueItem(models.TextChoices):
    """The six things an organization's activity room should have (六个有)."""

    ROOM = "room", _("A room")
    SIGN = "sign", _("A sign")
    FLAG = "flag", _("A Party flag")
    RULES = "rules", _("Rules on the wall")
    MATERIALS = "materials", _("Study materials")
    ACTIVITIES = "activities", _("Regular activities")
