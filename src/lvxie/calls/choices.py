from django.db import models
from django.utils.translation import gettext_lazy as _


class CallStatus(models.TextChoices):
    """A call: written (draft), open to submissions, closed to them while the reviewers score, results
    published."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for submissions")
    REVIEWING = "reviewing", _("Under review")
    PUBLISHED = "published", _("Results published")


class UnitKind(models.TextChoices):
    """Who submits: a law firm, a Party organization, or a lawyer."""

    FIRM = "firm", _("Law firms")
    PARTY_ORG = "party_org", _("Party organizations")
    LAWYER = "lawyer", _("Lawyers")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class SubmissionAction(models.TextChoices):
    SAVE = "save", _("Saved")
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned")
    ACCEPT = "accept", _("Accepted")


class FieldType(models.TextChoices):
    TEXT = "text", _("Text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    DATE = "date", _("Date")
