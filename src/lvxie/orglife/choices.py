from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """The meetings of 三会一课 and the other forms of organizational life."""

    MEMBERS = "members", _("Branch members' meeting")
    COMMITTEE = "committee", _("Branch committee meeting")
    GROUP = "group", _("Party group meeting")
    LECTURE = "lecture", _("Party lecture")
    PARTY_DAY = "party_day", _("Themed Party day")
    LIFE = "life", _("Organizational-life meeting")
    APPRAISAL = "appraisal", _("Democratic appraisal of members")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingAction(models.TextChoices):
    """The steps of a meeting (labels read as buttons); see `services.MEETING_WORKFLOW`."""

    HOLD = "hold", _("Record as held")
    CANCEL = "cancel", _("Cancel")


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    LEAVE = "leave", _("On leave")
    ABSENT = "absent", _("Absent")


class Period(models.TextChoices):
    MONTH = "month", _("Each month")
    QUARTER = "quarter", _("Each quarter")
    YEAR = "year", _("Each year")


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    SIGN_IN = "sign_in", _("Sign-in sheet")
    OTHER = "other", _("Other")


class TaskListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AnswerState(models.TextChoices):
    """Where an organization stands on one item of its month's task list."""

    OPEN = "open", _("Open")
    PLANNED = "planned", _("Meeting planned")
    DONE = "done", _("Done")
    EXPLAINED = "explained", _("Not done, explained")


# The rules every branch lives by (三会一课 and the fixed Party day), until the city committee edits them.
DEFAULT_RULES: dict[str, tuple[str, int]] = {
    MeetingKind.MEMBERS: (Period.QUARTER, 1),
    MeetingKind.COMMITTEE: (Period.MONTH, 1),
    MeetingKind.GROUP: (Period.MONTH, 1),
    MeetingKind.LECTURE: (Period.QUARTER, 1),
    MeetingKind.PARTY_DAY: (Period.MONTH, 1),
}
