"""Working days (staff overrides and confirmed years), clocks counted in them, the runs of the
scheduled jobs, and publication windows (an item shown on the public site for a while) with the
public's objections."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.core.scoping import ScopedQuerySet, ScopeView, combine, path_q

from .choices import ClockAction, ClockState, DayKind, JobRunStatus, ObjectionDecision, WindowState


class WorkdayOverride(models.Model):
    """Staff's word on one date, above what the `holidays` package says: a day off (a holiday the
    package does not know) or a working day (an adjusted weekend, 调休)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=DayKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"


class WorkdayYear(models.Model):
    """A year whose calendar staff have checked against the State Council's published schedule. Until
    a year has a row here, deadlines that reach into it are provisional."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("confirmed calendar year")
        verbose_name_plural = _("confirmed calendar years")

    def __str__(self) -> str:
        return str(self.year)


class Clock(models.Model):
    """A budget of working days running from a moment, for one thing (an object, by content type and
    id, or a plain `owner_key`). It pauses while waiting for the other side; paused working days do not
    count. `due_on` is the last computed due date (kept for queries; the label computes it afresh)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    owner_key = models.CharField(_("owner"), max_length=120, blank=True)
    purpose = models.CharField(_("purpose"), max_length=80, blank=True)
    budget_days = models.PositiveIntegerField(_("working days allowed"))
    started_at = models.DateTimeField(_("started"))
    state = models.CharField(
        _("state"), max_length=10, choices=ClockState.choices, default=ClockState.RUNNING
    )
    paused_since = models.DateTimeField(_("paused since"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("working days paused"), default=0)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    overdue_marked_at = models.DateTimeField(_("marked overdue"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
        help_text=_("Told when the clock passes its deadline."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["state", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__isnull=False) | ~Q(owner_key=""), name="workflow_clock_has_owner"
            ),
        ]

    def __str__(self) -> str:
        owner = self.owner_key or f"{self.content_type_id}:{self.object_id}"
        return f"{self.purpose or 'clock'} {owner}"


class ClockEvent(models.Model):
    """One line of a clock's history: who started, paused, resumed or stopped it, and when."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=ClockAction.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")

    def __str__(self) -> str:
        return f"{self.clock_id} {self.action} {self.at.isoformat()}"


class JobRun(models.Model):
    """One run of one scheduled job for one period. The unique (job, period) row is the lock: of
    several copies of `lvxie tick` started together, only the one whose insert succeeds runs the job; a
    copy that died mid-run leaves a lease that another may take over once it has lapsed."""

    job = models.CharField(_("job"), max_length=80)
    period = models.DateTimeField(_("period"))
    status = models.CharField(_("status"), max_length=8, choices=JobRunStatus.choices)
    owner = models.CharField(_("run by"), max_length=120)
    attempt = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField(_("started"))
    lease_until = models.DateTimeField(_("lease until"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        ordering = ["-period", "job"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="workflow_jobrun_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.period.isoformat()}"


class TransitionRecord(models.Model):
    """One step of a workflow, for the workflows that keep no history table of their own (the ledgers
    keep theirs, `ItemEvent`): who took which transition of which object, when, from which state to
    which, with the reason, the decision and the names of the files given. Written by
    `lvxie.workflow.transitions.perform` only, in the same transaction as the change and its audit
    event."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    workflow = models.CharField(_("workflow"), max_length=60)
    transition = models.CharField(_("step"), max_length=40)
    from_state = models.CharField(_("from"), max_length=40)
    to_state = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    decision = models.CharField(_("decision"), max_length=40, blank=True)
    files = models.JSONField(_("files"), default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        indexes = [models.Index(fields=["content_type", "object_id"], name="workflow_step_object")]

    def __str__(self) -> str:
        return f"{self.workflow} {self.object_id} {self.transition}"


class PublicationWindow(models.Model):
    """Item X (content type and id) shown on the public site from `starts_at` until `ends_at` (a
    commendation's 公示, a call's results, a sanction's publication period). Every public page and API
    lists items through `publication.published(kind)`, so an item is gone everywhere the moment its
    window closes. `scope_path` and `party` say who issued it (the staff who see its objections)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    scope_path = models.CharField(max_length=255, db_index=True)
    party = models.BooleanField(_("Party side"), default=False)
    starts_at = models.DateTimeField(_("shown from"))
    ends_at = models.DateTimeField(_("shown until"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    opened_marked_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_marked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("publication window")
        verbose_name_plural = _("publication windows")
        indexes = [
            models.Index(fields=["kind", "starts_at", "ends_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="workflow_window_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        end = min(self.ends_at, self.withdrawn_at) if self.withdrawn_at else self.ends_at
        if now < self.starts_at:
            return WindowState.SCHEDULED
        return WindowState.OPEN if now < end else WindowState.CLOSED

    def get_state_display(self) -> str:
        return str(WindowState(self.state()).label)

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # Staff of the issuing side over the issuing region.
        regions = path_q("scope_path", view.region_paths)
        party_regions = path_q("scope_path", view.party_region_paths)
        return combine(
            regions & Q(party=False) if regions else Q(),
            party_regions & Q(party=True) if party_regions else Q(),
        )


class Objection(models.Model):
    """An objection from the public to an item while its window is open (no log-in). Name and contact
    are optional; the issuing side's staff read it."""

    window = models.ForeignKey(PublicationWindow, on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    text = models.TextField(_("objection"), max_length=2000)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    # The issuing side's decision (`services.objection_decide`); empty while undecided.
    decision = models.CharField(
        _("decision"), max_length=10, choices=ObjectionDecision.choices, blank=True, default=""
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.window_id} {self.created_at:%Y-%m-%d}"

    @property
    def scope_path(self) -> str:
        return self.window.scope_path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return Q(window__in=PublicationWindow.objects.filter(PublicationWindow.scope_q(view)).values("pk"))
