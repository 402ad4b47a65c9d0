from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AudienceKind(models.TextChoices):
    """Who receives a notice. Each kind resolves to recipients when the notice is published
    (`lvxie.notices.audience`). Firms are written to by region staff, Party organizations by Party
    committee staff."""

    SUBTREE = "subtree", _("All firms in a region")
    FIRM_KINDS = "firm_kinds", _("Firms of given kinds in a region")
    FIRMS = "firms", _("Listed firms")
    PARTY_ORGS = "party_orgs", _("Party organizations")


class ReceiptState(models.TextChoices):
    """Where a recipient stands; derived from the receipt's dates, never stored."""

    UNREAD = "unread", _("Not opened")
    READ = "read", _("Read")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REPLIED = "replied", _("Replied")
    OVERDUE = "overdue", _("Overdue")


class ReceiptStep(models.TextChoices):
    """What a recipient's people do with a receipt (`RECEIPT_WORKFLOW` in `lvxie.notices.services`)."""

    READ = "read", _("Open")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    REPLY = "reply", _("Reply")
