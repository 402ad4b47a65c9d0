from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted for closure")
    RETURNED = "returned", _("Sent back")
    CLOSED = "closed", _("Closed")


class ItemAction(models.TextChoices):
    """What can happen to an item (labels read as buttons and as history); see `lvxie.ledgers.services`."""

    ADD = "add", _("Added")
    EDIT = "edit", _("Edited")
    START = "start", _("Start work")
    SUBMIT = "submit", _("Submit for closure")
    CLOSE = "close", _("Close (sign off)")
    RETURN = "return", _("Send back")
    REOPEN = "reopen", _("Reopen")
    EVIDENCE = "evidence", _("Evidence added")
