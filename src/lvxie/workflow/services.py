"""Writes of the machinery: the working-day calendar (staff), clocks (for the workflows that own them),
the job that marks clocks passing their deadline, publication windows and the public's objections.
Each write is one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.services import audit_record
from lvxie.core.types import Actor, signed_in
from lvxie.notifications.services import Text, notify

from . import publication, workdays
from .choices import ClockAction, ClockState, DayKind, ObjectionDecision
from .clocks import clock_due, paused_days_so_far
from .models import Clock, ClockEvent, Objection, PublicationWindow, WorkdayOverride, WorkdayYear
from .policies import WORKDAYS_EDIT, require

CLOCK_AUDIT_ACTIONS = {
    ClockAction.START: "clock.start",
    ClockAction.PAUSE: "clock.pause",
    ClockAction.RESUME: "clock.resume",
    ClockAction.STOP: "clock.stop",
    ClockAction.OVERDUE: "clock.overdue",
}


def _forget(year: int) -> None:
    workdays.forget_year(year)
    transaction.on_commit(lambda: workdays.forget_year(year))


@transaction.atomic
def workdays_confirm(*, actor: Actor | None, year: int, note: str = "") -> WorkdayYear:
    """Staff confirm that a year's calendar (package plus overrides) matches the State Council's
    published schedule: deadlines in it stop being provisional. Confirming again changes nothing."""
    require(actor, WORKDAYS_EDIT)
    if not 1990 <= year <= 2100:
        raise ValidationError(_("Choose a year between 1990 and 2100."), code="year")
    existing = WorkdayYear.objects.filter(year=year).first()
    if existing is not None:
        return existing
    row = WorkdayYear(
        year=year,
        confirmed_by=signed_in(actor),
        confirmed_at=timezone.now(),
        note=note,
    )
    row.full_clean(exclude=["confirmed_by"])
    row.save()
    cal = workdays.compute_year(year)
    audit_record(
        actor=actor,
        action="workdays.confirm",
        obj=row,
        after={
            "year": year,
            "days_off": len(cal.days_off),
            "working_weekends": [d.isoformat() for d in cal.working_weekends],
        },
    )
    _forget(year)
    return row


@transaction.atomic
def workdays_unconfirm(*, actor: Actor | None, year: int) -> bool:
    """Take back a confirmation (confirmed by mistake): the year's deadlines are provisional again."""
    require(actor, WORKDAYS_EDIT)
    row = WorkdayYear.objects.filter(year=year).first()
    if row is None:
        return False
    audit_record(actor=actor, action="workdays.unconfirm", obj=row, before={"year": year})
    row.delete()
    _forget(year)
    return True


@transaction.atomic
def workday_override_set(*, actor: Actor | None, day: dt.date, kind: str, note: str = "") -> WorkdayOverride:
    """Say that a date is a day off or a working day, whatever the package says (one override per
    date: setting it again replaces it). A confirmed year stays confirmed: staff corrected it."""
    require(actor, WORKDAYS_EDIT)
    if kind not in DayKind.values:
        raise ValidationError(_("Choose a day off or a working day."), code="kind")
    row = WorkdayOverride.objects.filter(date=day).first()
    before = {"kind": row.kind, "note": row.note} if row is not None else None
    row = row or WorkdayOverride(date=day)
    row.kind, row.note = kind, note.strip()
    row.created_by = signed_in(actor)
    row.full_clean(exclude=["created_by"])
    row.save()
    audit_record(
        actor=actor,
        action="workdays.override_set",
        obj=row,
        before=before,
        after={"date": day.isoformat(), "kind": kind, "note": row.note},
    )
    _forget(day.year)
    return row


@transaction.atomic
def workday_override_remove(*, actor: Actor | None, day: dt.date) -> bool:
    """Drop the override of a date: the package's word stands again. False when there was none."""
    require(actor, WORKDAYS_EDIT)
    row = WorkdayOverride.objects.filter(date=day).first()
    if row is None:
        return False
    audit_record(
        actor=actor,
        action="workdays.override_remove",
        obj=row,
        before={"date": day.isoformat(), "kind": row.kind, "note": row.note},
    )
    row.delete()
    _forget(day.year)
    return True


# Clocks. The workflow that owns a clock has checked its own policy before calling these.


def _event(clock: Clock, action: str, *, actor: Actor | None, at: dt.datetime, note: str = "") -> None:
    ClockEvent.objects.create(
        clock=clock,
        action=action,
        at=at,
        actor=signed_in(actor),
        note=note[:200],
    )
    audit_record(
        actor=actor,
        action=CLOCK_AUDIT_ACTIONS[ClockAction(action)],
        obj=clock,
        after={"state": clock.state, "due": clock.due_on.isoformat() if clock.due_on else None, "note": note},
    )


def _locked(clock: Clock) -> Clock:
    """The clock's row, locked until the transaction ends (two pauses at once: one wins)."""
    return Clock.objects.select_for_update().get(pk=clock.pk)


@transaction.atomic
def clock_start(
    *,
    actor: Actor | None,
    budget_days: int,
    obj: models.Model | None = None,
    owner_key: str = "",
    purpose: str = "",
    at: dt.datetime | None = None,
    responsible: Any = None,
) -> Clock:
    """Start a clock of `budget_days` working days for an object (or a plain owner key)."""
    if budget_days < 0 or budget_days > workdays.MAX_DAYS:
        raise ValidationError(_("A clock needs a budget of 0 to 3660 working days."), code="budget")
    if obj is None and not owner_key:
        raise ValidationError(_("A clock belongs to an object or an owner key."), code="owner")
    at = at or timezone.now()
    clock = Clock(
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        owner_key=owner_key,
        purpose=purpose,
        budget_days=budget_days,
        started_at=at,
        state=ClockState.RUNNING,
        responsible=responsible,
    )
    clock.due_on = clock_due(clock).date
    clock.full_clean(exclude=["content_type", "responsible"])
    clock.save()
    _event(clock, ClockAction.START, actor=actor, at=at)
    return clock


@transaction.atomic
def clock_pause(*, actor: Actor | None, clock: Clock, at: dt.datetime | None = None, note: str = "") -> Clock:
    """Pause a running clock (waiting for the other side): from the next working day, days stop
    counting until it resumes."""
    clock = _locked(clock)
    if clock.state != ClockState.RUNNING:
        raise ValidationError(_("Only a running clock can be paused."), code="not_running")
    at = at or timezone.now()
    clock.state, clock.paused_since, clock.due_on = ClockState.PAUSED, at, None
    clock.save(update_fields=["state", "paused_since", "due_on"])
    _event(clock, ClockAction.PAUSE, actor=actor, at=at, note=note)
    return clock


@transaction.atomic
def clock_resume(
    *, actor: Actor | None, clock: Clock, at: dt.datetime | None = None, note: str = ""
) -> Clock:
    """Resume a paused clock: the working days it was paused are added to its deadline."""
    clock = _locked(clock)
    if clock.state != ClockState.PAUSED or clock.paused_since is None:
        raise ValidationError(_("Only a paused clock can be resumed."), code="not_paused")
    at = at or timezone.now()
    clock.paused_days += paused_days_so_far(clock, timezone.localdate(at))
    clock.state, clock.paused_since = ClockState.RUNNING, None
    clock.due_on = clock_due(clock).date
    clock.overdue_marked_at = None
    clock.save(update_fields=["state", "paused_since", "paused_days", "due_on", "overdue_marked_at"])
    _event(clock, ClockAction.RESUME, actor=actor, at=at, note=note)
    return clock


@transaction.atomic
def clock_stop(*, actor: Actor | None, clock: Clock, at: dt.datetime | None = None, note: str = "") -> Clock:
    """Stop a clock for good (the thing was done, or withdrawn). A paused clock's pause ends here."""
    clock = _locked(clock)
    if clock.state == ClockState.STOPPED:
        raise ValidationError(_("This clock has already stopped."), code="stopped")
    at = at or timezone.now()
    if clock.state == ClockState.PAUSED:
        clock.paused_days += paused_days_so_far(clock, timezone.localdate(at))
        clock.paused_since = None
    clock.state, clock.stopped_at = ClockState.STOPPED, at
    clock.due_on = clock_due(clock).date
    clock.save(update_fields=["state", "stopped_at", "paused_since", "paused_days", "due_on"])
    _event(clock, ClockAction.STOP, actor=actor, at=at, note=note)
    return clock


def clocks_overdue_mark(now: dt.datetime) -> int:
    """The scheduled job: each running clock that has passed its deadline is marked once (a history
    row, an audit event) and its responsible person told. Due dates are computed afresh, so a calendar
    corrected since the clock started is taken into account. Returns the number marked."""
    today = timezone.localdate(now)
    marked = 0
    candidates = Clock.objects.filter(state=ClockState.RUNNING, overdue_marked_at__isnull=True)
    for pk in candidates.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            clock = Clock.objects.select_for_update(of=("self",)).select_related("responsible").get(pk=pk)
            if clock.state != ClockState.RUNNING or clock.overdue_marked_at is not None:
                continue
            due = clock_due(clock)
            if clock.due_on != due.date:
                clock.due_on = due.date
                clock.save(update_fields=["due_on"])
            if due.date >= today:
                continue
            clock.overdue_marked_at = now
            clock.save(update_fields=["overdue_marked_at"])
            _event(clock, ClockAction.OVERDUE, actor=None, at=now)
            if clock.responsible is not None:
                notify(
                    users=[clock.responsible],
                    title=Text(
                        _("Deadline passed on %(due)s: %(what)s"),
                        {"due": due.date.isoformat(), "what": clock.purpose or str(clock)},
                    ),
                    key=f"clock:{clock.pk}:overdue",
                )
            marked += 1
    return marked


# Publication windows. The capability that publishes an item has checked its own policy first.


def _window_audit(window: PublicationWindow) -> dict:
    return {
        "kind": window.kind,
        "object": f"{window.content_type_id}:{window.object_id}",
        "starts_at": window.starts_at.isoformat(),
        "ends_at": window.ends_at.isoformat(),
    }


@transaction.atomic
def window_create(
    *,
    actor: Actor | None,
    obj: models.Model,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    scope_path: str,
    party: bool = False,
) -> PublicationWindow:
    """Show `obj` on the public site from `starts_at` until `ends_at` under a registered kind."""
    try:
        publication.get_kind(kind)
    except KeyError as exc:
        raise ValidationError(_("Unknown kind of publication."), code="kind") from exc
    if ends_at <= starts_at:
        raise ValidationError(
            {"ends_at": ValidationError(_("The window must end after it starts."), code="ends_before_start")}
        )
    window = PublicationWindow(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        kind=kind,
        title=title[:200],
        scope_path=scope_path,
        party=party,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=signed_in(actor),
    )
    window.full_clean(exclude=["content_type", "created_by"])
    window.save()
    audit_record(actor=actor, action="publication.create", obj=window, after=_window_audit(window))
    return window


@transaction.atomic
def window_withdraw(*, actor: Actor | None, window: PublicationWindow, reason: str) -> PublicationWindow:
    """Take an item off the public site before its window ends (a reason is required)."""
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Give a reason."), code="required")})
    window = PublicationWindow.objects.select_for_update().get(pk=window.pk)
    if window.withdrawn_at is not None:
        raise ValidationError(_("This publication has already been withdrawn."), code="withdrawn")
    window.withdrawn_at = timezone.now()
    window.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        action="publication.withdraw",
        obj=window,
        after={**_window_audit(window), "reason": reason},
    )
    return window


@transaction.atomic
def objection_submit(*, window: PublicationWindow, text: str, name: str = "", contact: str = "") -> Objection:
    """An objection from the public (no log-in) to an item shown now, of a kind that allows them. The
    issuer is told; the text is not copied into the audit log or the notification."""
    now = timezone.now()
    if not PublicationWindow.objects.filter(publication.open_q(now), pk=window.pk).exists():
        raise ValidationError(_("This publication is no longer shown."), code="closed")
    if not publication.get_kind(window.kind).objections:
        raise ValidationError(_("No objections are taken for this publication."), code="no_objections")
    objection = Objection(window=window, text=text.strip(), name=name.strip(), contact=contact.strip())
    if len(objection.text) > publication.OBJECTION_TEXT_MAX:
        raise ValidationError({"text": ValidationError(_("The objection is too long."), code="too_long")})
    if not objection.text:
        raise ValidationError({"text": ValidationError(_("This field is required."), code="required")})
    objection.full_clean(exclude=["window"])
    objection.save()
    audit_record(actor=None, action="publication.objection", obj=window, after={"objection": objection.pk})
    if window.created_by_id is not None:
        notify(
            users=[window.created_by],
            title=Text(_("An objection was received: %(title)s"), {"title": window.title}),
            key=f"window:{window.pk}:objection:{objection.pk}",
        )
    return objection


@transaction.atomic
def objection_decide(*, actor: Actor | None, objection: Objection, upheld: bool, reason: str) -> Objection:
    """Record the issuing side's decision on an objection, with its reason (once). The capability that
    published the item asks its own policy first and acts on an upheld one (`publication.upheld`)."""
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Give a reason."), code="required")})
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.decision:
        raise ValidationError(_("This objection has already been decided."), code="decided")
    objection.decision = ObjectionDecision.UPHELD if upheld else ObjectionDecision.DISMISSED
    objection.decision_reason = reason.strip()
    objection.decided_by = signed_in(actor)
    objection.decided_at = timezone.now()
    objection.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action="publication.objection_decide",
        obj=objection.window,
        after={
            "objection": objection.pk,
            "decision": objection.decision,
            "reason": objection.decision_reason,
        },
    )
    return objection


def publication_windows_mark(now: dt.datetime) -> int:
    """The scheduled job: record each window that has opened or closed since the last run (an audit
    event each) and tell its issuer. What the public sees never waits for this: `published()` reads the
    times. Returns the number of windows marked."""
    marked = 0
    opened = PublicationWindow.objects.filter(
        starts_at__lte=now, opened_marked_at__isnull=True, withdrawn_at__isnull=True, ends_at__gt=now
    )
    for pk in opened.values_list("pk", flat=True):
        with transaction.atomic():
            window = PublicationWindow.objects.select_for_update().get(pk=pk)
            if window.opened_marked_at is not None:
                continue
            window.opened_marked_at = now
            window.save(update_fields=["opened_marked_at"])
            audit_record(actor=None, action="publication.open", obj=window, after=_window_audit(window))
            if window.created_by_id is not None:
                notify(
                    users=[window.created_by],
                    title=Text(_("Now shown on the public site: %(title)s"), {"title": window.title}),
                    key=f"window:{window.pk}:open",
                )
            marked += 1
    closing = PublicationWindow.objects.filter(closed_marked_at__isnull=True).filter(
        Q(ends_at__lte=now) | Q(withdrawn_at__lte=now)
    )
    for pk in closing.values_list("pk", flat=True):
        with transaction.atomic():
            window = PublicationWindow.objects.select_for_update().get(pk=pk)
            if window.closed_marked_at is not None:
                continue
            window.closed_marked_at = now
            window.opened_marked_at = window.opened_marked_at or now
            window.save(update_fields=["closed_marked_at", "opened_marked_at"])
            count = window.objections.count()
            audit_record(
                actor=None,
                action="publication.close",
                obj=window,
                after={**_window_audit(window), "objections": count},
            )
            if window.created_by_id is not None:
                notify(
                    users=[window.created_by],
                    title=Text(
                        _("No longer shown on the public site (%(count)s objections): %(title)s"),
                        {"title": window.title, "count": count},
                    ),
                    key=f"window:{window.pk}:close",
                )
            marked += 1
    return marked
