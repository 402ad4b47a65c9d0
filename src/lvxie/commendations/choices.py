from django.db import models
from django.utils.translation import gettext_lazy as _


class Nominee(models.TextChoices):
    """Who a category commends."""

    LAWYER = "lawyer", _("A lawyer")
    FIRM = "firm", _("A law firm")
    PARTY_ORG = "party_org", _("A Party organization")


class NominationStatus(models.TextChoices):
    """A nomination: put forward by its unit; the panel's vote recommends it (within the places) or
    not; recommended, it is shown in the public notice (公示); then awarded, or stopped by an upheld
    objection."""

    NOMINATED = "nominated", _("Nominated")
    RECOMMENDED = "recommended", _("Recommended by the panel")
    NOT_RECOMMENDED = "declined", _("Not recommended")
    IN_NOTICE = "in_notice", _("In public notice")
    AWARDED = "awarded", _("Awarded")
    STOPPED = "stopped", _("Stopped by an objection")


class NominationAction(models.TextChoices):
    RECOMMEND = "recommend", _("Recommended")
    DECLINE = "decline", _("Not recommended")
    NOTICE = "notice", _("Put in public notice")
    AWARD = "award", _("Awarded")
    STOP = "stop", _("Stopped")


class PrizeLevel(models.TextChoices):
    """Prizes of a contest, best first."""

    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    EXCELLENCE = "excellence", _("Excellence award")
