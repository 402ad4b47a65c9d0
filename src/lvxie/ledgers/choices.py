from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted for closure")
    RETURNED = "returned", _("Sent back")
    CLOSED = "closed", _("Closed")


class ItemAction(models.TextChoices):
    """What happened to an item; each is a service in `lvxie.ledgers.services`."""

    ADD = "add", _("Added")
    EDIT = "edit", _("Edited")
    START = "start", _("Started")
    SUBMIT = "submit", _("Submitted for closure")
    CLOSE = "close", _("Closed (销号)")
    RETURN = "return", _("Sent back")
    REOPEN = "reopen", _("Reopened")
    EVIDENCE = "evidence", _("Evidence added")
