"""Organizational life (组织生活) of Party organizations: the meetings of 三会一课 and the rest, who attended,
the frequency rules they are held against, and the monthly task lists the committees publish.

All of it is Party-side data: scoped like memberships (`party.models.PartyQuerySet`), so committee staff
see their regions' organizations and a secretary their organization's subtree; nobody else sees any."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.scoping import Scope, path_q
from lvxie.core.uploads import StoredFile
from lvxie.party.models import PartyMembership, PartyOrg, PartyQuerySet
from lvxie.registry.models import Lawyer, Region

from .choices import (
    AttachmentKind,
    MeetingKind,
    MeetingStatus,
    Period,
    Presence,
    TaskListStatus,
)


class FrequencyRule(models.Model):
    """How often an organization must hold meetings of one kind: `times` in each `period`. A kind without
    a row has the default of `choices.DEFAULT_RULES` (or no rule); the city committee edits them."""

    kind = models.CharField(_("kind of meeting"), max_length=12, choices=MeetingKind.choices, unique=True)
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    times = models.PositiveSmallIntegerField(_("times"), default=1, help_text=_("0: no rule."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("frequency rule")
        verbose_name_plural = _("frequency rules")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_period_display()} × {self.times}"


class Meeting(models.Model):
    """One meeting of an organization, planned and then held (or cancelled): see
    `services.MEETING_WORKFLOW`. A joint branch's meeting covers its members from every firm it covers;
    the roll is the organization's memberships on `date`."""

    org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("Party organization")
    )
    kind = models.CharField(_("kind of meeting"), max_length=12, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    first_agenda = models.CharField(
        _("first agenda item"),
        max_length=300,
        blank=True,
        help_text=_("The study of the first agenda item (第一议题) at this meeting."),
    )
    chair = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair")
    )
    recorder = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorder")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    held_at = models.DateTimeField(_("recorded as held"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["org", "date"]), models.Index(fields=["date", "status"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return object_url("orglife:meeting_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError(
                {"end_time": ValidationError(_("The end must be after the start."), code="ends_before_start")}
            )
        if self.chair_id and self.recorder_id and self.chair_id == self.recorder_id:
            raise ValidationError(
                {
                    "recorder": ValidationError(
                        _("The chair and the recorder are two people."), code="chair_is_recorder"
                    )
                }
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class MeetingAttachment(StoredFile):
    """A file of a meeting: photos, the signed sign-in sheet, materials."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("meeting")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class MeetingCorrection(models.Model):
    """A change to a meeting after its month was closed: kept beside the meeting with its reason and
    what it changed, so the record handed up stays readable as it was."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("meeting")
    )
    reason = models.CharField(_("reason"), max_length=300)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(_("corrected"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"correction #{self.pk}"


class Attendance(models.Model):
    """Whether one member attended one meeting. The membership is the one current on the meeting's date
    (a member who has since transferred keeps their line)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        PartyMembership, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    presence = models.CharField(_("attendance"), max_length=8, choices=Presence.choices)
    reason = models.CharField(_("reason for leave"), max_length=200, blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="orglife_attendance_once")
        ]

    def __str__(self) -> str:
        return f"attendance #{self.pk}"

    def clean(self) -> None:
        if self.presence == Presence.LEAVE and not self.reason.strip():
            raise ValidationError(
                {"reason": ValidationError(_("Give the reason for the leave."), code="leave_reason")}
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="meeting__org__")


class TaskList(models.Model):
    """A month's task list of a city or district committee (its staff's region), for the organizations
    of its subtree (`audience_region`, defaulting to its own) or of chosen kinds. On publication the
    recipients are fixed (`TaskRecipient`); before it, the list is the committee's draft."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing committee's region")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    title = models.CharField(_("title"), max_length=200)
    audience_region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organizations of region"),
    )
    org_kinds = models.JSONField(_("kinds of organization"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TaskListStatus.choices, default=TaskListStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("task list")
        verbose_name_plural = _("task lists")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return object_url("orglife:tasklist_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region.path

    @property
    def is_published(self) -> bool:
        return self.status == TaskListStatus.PUBLISHED

    def clean(self) -> None:
        if self.month and self.month.day != 1:
            raise ValidationError(
                {"month": ValidationError(_("A month starts on its first day."), code="not_month")}
            )

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        # The committee's lists: its staff only (secretaries see their organization's recipient row).
        return path_q("region__path", scope.party_region_paths) or Q(pk__in=[])


class TaskItem(models.Model):
    """One item of a task list: a meeting or activity of a kind, its topic and materials, due by a day."""

    task_list = models.ForeignKey(
        TaskList, on_delete=models.CASCADE, related_name="items", verbose_name=_("task list")
    )
    seq = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind of meeting"), max_length=12, choices=MeetingKind.choices)
    topic = models.CharField(_("topic"), max_length=200)
    materials = models.TextField(_("materials"), blank=True)
    due = models.DateField(_("due"))

    class Meta:
        ordering = ["task_list", "seq"]
        verbose_name = _("task item")
        verbose_name_plural = _("task items")
        constraints = [models.UniqueConstraint(fields=["task_list", "seq"], name="orglife_item_seq")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.topic}"


class TaskRecipient(models.Model):
    """One organization a published task list went to: its secretary's view of the list."""

    task_list = models.ForeignKey(
        TaskList, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("task list")
    )
    org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, related_name="task_lists", verbose_name=_("Party organization")
    )

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["task_list", "org__path"]
        verbose_name = _("task list of an organization")
        verbose_name_plural = _("task lists of organizations")
        constraints = [models.UniqueConstraint(fields=["task_list", "org"], name="orglife_recipient_once")]

    def __str__(self) -> str:
        return f"{self.task_list} · {self.org}"

    def get_absolute_url(self) -> str:
        return object_url("orglife:recipient_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.org.region_path

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")


class TaskAnswer(models.Model):
    """An organization's answer to one item: the meeting that fulfils it, or why it was not done."""

    recipient = models.ForeignKey(
        TaskRecipient,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("task list of an organization"),
    )
    item = models.ForeignKey(
        TaskItem, on_delete=models.CASCADE, related_name="answers", verbose_name=_("task item")
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_answers",
        verbose_name=_("meeting"),
    )
    reason = models.CharField(_("why not done"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        ordering = ["item__seq"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "item"], name="orglife_answer_once"),
            models.CheckConstraint(
                condition=Q(meeting__isnull=True) | Q(reason=""), name="orglife_answer_meeting_or_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"answer #{self.pk}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The unguessable token of an organization's iCalendar feed; replaced when it leaks."""

    org = models.OneToOneField(PartyOrg, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    objects = PartyQuerySet.as_manager()

    def __str__(self) -> str:
        return f"calendar feed #{self.pk}"

    @classmethod
    def party_scope_q(cls, scope: Scope) -> Q:
        return PartyOrg.party_scope_q(scope, prefix="org__")
