from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """What a staff override says of a date."""

    DAY_OFF = "off", _("Day off")
    WORKING = "work", _("Working day")


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")


class ClockAction(models.TextChoices):
    START = "start", _("Started")
    PAUSE = "pause", _("Paused")
    RESUME = "resume", _("Resumed")
    STOP = "stop", _("Stopped")
    OVERDUE = "overdue", _("Passed its deadline")


class JobRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class WindowState(models.TextChoices):
    """Where a publication window stands at a moment (derived from its times, never stored)."""

    SCHEDULED = "scheduled", _("Not yet shown")
    OPEN = "open", _("Shown to the public")
    CLOSED = "closed", _("Closed")


class ObjectionDecision(models.TextChoices):
    """What the issuing side decided on an objection from the public: upheld, it stops the item (an
    award); dismissed, the item stands."""

    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")
