"""Writes of organizational life: meetings (planned → held, or cancelled, through `MEETING_WORKFLOW`),
attendance, files, corrections after a month is closed, frequency rules, task lists and the answers to
them, calendar tokens, and the scheduled reminders. Each checks the policy first and is audited.

Edits after a month is closed (`month_closed`): kept as a correction (`MeetingCorrection`) with its
reason, never silently; without a reason they are refused and nothing changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record, changed_fields
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload
from lvxie.notices.audience import Audience, party_orgs_of
from lvxie.notices.choices import AudienceKind
from lvxie.notifications.selectors import firm_people
from lvxie.notifications.services import Text, notify
from lvxie.party import services as party_services
from lvxie.party.choices import OrgKind
from lvxie.party.models import PartyOrg
from lvxie.registry.models import Lawyer, Region
from lvxie.workflow.transitions import (
    Change,
    Message,
    Transition,
    Workflow,
    actor_name,
    claim_version,
    perform,
    store_uploads,
)
from lvxie.workflow.workdays import add_working_days, due_soon_until

from . import policies
from .choices import (
    AttachmentKind,
    MeetingAction,
    MeetingKind,
    MeetingStatus,
    Period,
    Presence,
    TaskListStatus,
)
from .models import (
    Attendance,
    CalendarFeed,
    FrequencyRule,
    Meeting,
    MeetingAttachment,
    MeetingCorrection,
    TaskAnswer,
    TaskItem,
    TaskList,
    TaskRecipient,
)
from .selectors import month_closed, month_of, next_month, roll

# The fields of a meeting its keepers edit (the rest is set by its steps).
MEETING_FIELDS = (
    "kind",
    "date",
    "start_time",
    "end_time",
    "place",
    "topic",
    "first_agenda",
    "chair",
    "recorder",
    "minutes",
)
# Members hear of a planned meeting this many working days before it.
REMIND_WORKING_DAYS = 2


def read(*, actor: Actor | None, org: PartyOrg, what: str) -> None:
    """Record that someone read who attended (or is on the roll of) `org`'s meetings: audited exactly as
    a read of its member list (`party.services.members_read`)."""
    party_services.members_read(actor=actor, org=org, what=f"orglife:{what}")


def _refuse(field: str, message, code: str, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def _check_people(meeting: Meeting) -> None:
    """The chair and the recorder are on the organization's roll on the meeting's date."""
    on_roll = set(roll(meeting.org, meeting.date).values_list("lawyer_id", flat=True))
    for name in ("chair", "recorder"):
        lawyer_id = getattr(meeting, f"{name}_id")
        if lawyer_id is not None and lawyer_id not in on_roll:
            raise _refuse(
                name, _("This person is not a member of the organization on that date."), "not_member"
            )


def _correction(
    actor: Actor | None, meeting: Meeting, reason: str, before: dict, after: dict, *, closed: bool
) -> None:
    """After the month is closed, a change is kept as a correction with its reason (or refused)."""
    if not closed:
        return
    if not reason.strip():
        raise ValidationError(
            _(
                "The month of this meeting is closed: give the reason for the correction; it is kept "
                "beside the record."
            ),
            code="month_closed",
        )
    MeetingCorrection.objects.create(
        meeting=meeting,
        reason=reason.strip(),
        before=before,
        after=after,
        by=signed_in(actor),
        by_name=actor_name(actor),
    )


@transaction.atomic
def meeting_plan(*, actor: Actor | None, org: PartyOrg, **fields) -> Meeting:
    """Plan a meeting of `org` (its kind, date, topic; place, times, chair, recorder, first agenda item,
    minutes optional)."""
    policies.require(actor, policies.MEETING_PLAN, org)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    meeting = Meeting(org=org, created_by=signed_in(actor), **fields)
    validate(meeting)
    _check_people(meeting)
    return save_audited(actor=actor, obj=meeting, action="orglife.meeting_plan")


@transaction.atomic
def meeting_edit(
    *, actor: Actor | None, meeting: Meeting, version: int, reason: str = "", **fields
) -> Meeting:
    """Change a meeting's details on the version the user saw. A cancelled meeting is not edited; once
    its month is closed, a change needs a reason and is kept as a correction."""
    policies.require(actor, policies.MEETING_EDIT, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting is not edited."), code="cancelled")
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    before = snapshot(meeting)
    closed_before = month_closed(meeting.date)
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.status == MeetingStatus.HELD and meeting.date > timezone.localdate():
        raise _refuse("date", _("A meeting held cannot be dated in the future."), "future")
    validate(meeting)
    _check_people(meeting)
    old, new = changed_fields(before, snapshot(meeting))
    if not new:
        return meeting
    # Moving a meeting into or out of a closed month is a correction too.
    _correction(actor, meeting, reason, old, new, closed=closed_before or month_closed(meeting.date))
    claim_version(meeting, version)
    meeting.save()
    audit_record(
        actor=actor, action="orglife.meeting_edit", obj=meeting, before=old, after={**new, "reason": reason}
    )
    return meeting


@dataclass(frozen=True)
class Line:
    """One member's attendance as given: the membership (or the lawyer on the roll), presence, reason."""

    lawyer_id: int
    presence: str
    reason: str = ""


@transaction.atomic
def attendance_record(
    *, actor: Actor | None, meeting: Meeting, lines: Iterable[Line], version: int, reason: str = ""
) -> list[Attendance]:
    """Record who attended, member by member. The roll is the organization's on the meeting's date: a
    person not on it is refused (nothing saved); a member of the roll not given is absent. Replaces
    what was recorded before. Once the month is closed, needs a reason and is kept as a correction."""
    policies.require(actor, policies.MEETING_EDIT, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no attendance."), code="cancelled")
    members = {m.lawyer_id: m for m in roll(meeting.org, meeting.date).select_related("lawyer")}
    given: dict[int, Line] = {}
    for line in lines:
        if line.lawyer_id not in members:
            name = Lawyer.objects.filter(pk=line.lawyer_id).values_list("name", flat=True).first() or "?"
            raise _refuse(
                "attendance",
                _("%(name)s is not a member of the organization on %(date)s."),
                "not_member",
                name=name,
                date=meeting.date,
            )
        if line.presence not in Presence.values:
            raise _refuse("attendance", _("Choose present, on leave or absent."), "bad_presence")
        if line.presence == Presence.LEAVE and not line.reason.strip():
            raise _refuse(
                "attendance",
                _("Give the reason for the leave of %(name)s."),
                "leave_reason",
                name=members[line.lawyer_id].lawyer.name,
            )
        given[line.lawyer_id] = line
    before = {
        str(a.membership.lawyer_id): a.presence for a in meeting.attendance.select_related("membership")
    }
    rows = []
    for lawyer_id, membership in members.items():
        line = given.get(lawyer_id, Line(lawyer_id, Presence.ABSENT))
        rows.append(
            Attendance(
                meeting=meeting,
                membership=membership,
                presence=line.presence,
                reason=line.reason.strip() if line.presence == Presence.LEAVE else "",
            )
        )
    after = {str(a.membership.lawyer_id): a.presence for a in rows}
    if before and before == after:
        return list(meeting.attendance.all())
    if before:
        _correction(
            actor,
            meeting,
            reason,
            {"attendance": before},
            {"attendance": after},
            closed=month_closed(meeting.date),
        )
    claim_version(meeting, version)
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(rows)
    audit_record(actor=actor, action="orglife.attendance_record", obj=meeting, after={"rows": len(rows)})
    return rows


@transaction.atomic
def attachment_add(
    *,
    actor: Actor | None,
    meeting: Meeting,
    uploads: Sequence[CheckedUpload],
    kind: str = AttachmentKind.OTHER,
) -> list[str]:
    """Attach photos, the sign-in sheet or materials to a meeting."""
    policies.require(actor, policies.MEETING_EDIT, meeting)
    if kind not in AttachmentKind.values:
        raise _refuse("kind", _("Choose the kind of file."), "bad_kind")
    if not uploads:
        # Nothing to attach is a mistake (a form sent without its files), not a success to audit.
        raise _refuse("uploads", _("Choose at least one file."), "required")
    names = store_uploads(MeetingAttachment, uploads, actor=actor, meeting=meeting, kind=kind)
    audit_record(actor=actor, action="orglife.attachment_add", obj=meeting, after={"files": names})
    return names


def _check_hold(change: Change[Meeting]) -> None:
    meeting = change.obj
    if change.transition.name != MeetingAction.HOLD:
        return
    if meeting.date > timezone.localdate():
        raise _refuse("date", _("A meeting in the future cannot be recorded as held."), "future")
    if not meeting.attendance.exists():
        raise ValidationError(_("Record the attendance before the meeting is held."), code="no_attendance")
    if not meeting.topic.strip():
        raise _refuse("topic", _("Give the topic."), "required")


def _apply(change: Change[Meeting]) -> None:
    meeting = change.obj
    if change.transition.name == MeetingAction.HOLD:
        meeting.held_at = timezone.now()
        _fulfil(meeting)
    else:
        meeting.reason = change.reason
        TaskAnswer.objects.filter(meeting=meeting).update(meeting=None)


def _fulfil(meeting: Meeting) -> None:
    """A meeting held answers the open items of its kind in its month's task lists of its organization."""
    start = month_of(meeting.date)
    items = TaskItem.objects.filter(
        kind=meeting.kind,
        task_list__month=start,
        task_list__status=TaskListStatus.PUBLISHED,
        task_list__recipients__org=meeting.org,
    )
    for item in items:
        recipient = TaskRecipient.objects.get(task_list_id=item.task_list_id, org=meeting.org)
        answer, _created = TaskAnswer.objects.get_or_create(recipient=recipient, item=item)
        if answer.meeting_id is None and not answer.reason:
            answer.meeting = meeting
            answer.save(update_fields=["meeting", "answered_at"])


def _tell(change: Change[Meeting]) -> Message | None:
    meeting = change.obj
    if change.transition.name != MeetingAction.CANCEL:
        return None
    return Message(
        users=member_accounts(meeting),
        title=Text(
            _("Cancelled: %(kind)s on %(date)s"),
            {"kind": MeetingKind(meeting.kind).label, "date": meeting.date},
        ),
        body=meeting.reason,
        url=meeting.get_absolute_url(),
    )


MEETING_WORKFLOW: Workflow[Meeting] = Workflow(
    name="orglife.meeting",
    model=Meeting,
    states=MeetingStatus,
    transitions=(
        Transition(MeetingAction.HOLD, (MeetingStatus.PLANNED,), MeetingStatus.HELD),
        Transition(
            MeetingAction.CANCEL, (MeetingStatus.PLANNED,), MeetingStatus.CANCELLED, needs_reason=True
        ),
    ),
    steps=MeetingAction,
    policy_actions=policies.MEETING,
    audit_prefix="orglife.meeting_",
    wrong_state=_("A meeting that is %(status)s cannot be %(action)s."),
    version_field="version",
    check=_check_hold,
    apply=_apply,
    tell=_tell,
)


def meeting_transition(
    *, actor: Actor | None, meeting: Meeting, action: str, version: int, reason: str = ""
) -> Meeting:
    """Record a planned meeting as held, or cancel it (with the reason)."""
    return perform(MEETING_WORKFLOW, actor=actor, obj=meeting, name=action, version=version, reason=reason)


def member_accounts(meeting: Meeting):
    """The active accounts of the members on the meeting's roll."""
    lawyer_ids = roll(meeting.org, meeting.date).values("lawyer_id")
    return get_user_model().objects.filter(lawyer_id__in=lawyer_ids, is_active=True)


@transaction.atomic
def rule_set(*, actor: Actor | None, kind: str, period: str, times: int) -> FrequencyRule:
    """Set how often meetings of a kind are due (the city committee's rules for every organization)."""
    policies.require(actor, policies.RULE_EDIT)
    if kind not in MeetingKind.values:
        raise _refuse("kind", _("Choose the kind of meeting."), "bad_kind")
    if period not in Period.values:
        raise _refuse("period", _("Choose a period."), "bad_period")
    rule = FrequencyRule.objects.filter(kind=kind).first()
    before = snapshot(rule) if rule is not None else None
    rule = rule or FrequencyRule(kind=kind)
    rule.period, rule.times = period, times
    return save_audited(actor=actor, obj=rule, action="orglife.rule_set", before=before)


@transaction.atomic
def tasklist_create(
    *,
    actor: Actor | None,
    region: Region,
    month: date,
    title: str,
    audience_region: Region | None = None,
    org_kinds: Sequence[str] = (),
) -> TaskList:
    """A committee's draft task list for a month, to the organizations of `audience_region` (a region of
    its subtree, by default its own) of the chosen kinds (by default every kind but the committees)."""
    policies.require(actor, policies.TASKLIST_CREATE, region)
    if audience_region is not None and not audience_region.path.startswith(region.path):
        raise _refuse("audience_region", _("Choose a region within the committee's."), "region_outside")
    bad = set(org_kinds) - set(OrgKind.values)
    if bad:
        raise _refuse("org_kinds", _("Choose kinds of organization from the list."), "bad_kind")
    task_list = TaskList(
        region=region,
        month=month,
        title=title,
        audience_region=audience_region,
        org_kinds=list(org_kinds),
        created_by=signed_in(actor),
    )
    return save_audited(actor=actor, obj=task_list, action="orglife.tasklist_create")


def _draft(task_list: TaskList) -> None:
    if task_list.is_published:
        raise ValidationError(_("A published task list is not changed."), code="published")


@transaction.atomic
def tasklist_item_add(
    *, actor: Actor | None, task_list: TaskList, kind: str, topic: str, due: date, materials: str = ""
) -> TaskItem:
    """Add an item to a draft list; its due day lies in the list's month."""
    policies.require(actor, policies.TASKLIST_EDIT, task_list)
    _draft(task_list)
    if month_of(due) != task_list.month:
        raise _refuse("due", _("The due day lies in the month of the list."), "due_outside")
    seq = (task_list.items.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    item = TaskItem(task_list=task_list, seq=seq, kind=kind, topic=topic, materials=materials, due=due)
    return save_audited(actor=actor, obj=item, action="orglife.tasklist_item_add")


@transaction.atomic
def tasklist_item_remove(*, actor: Actor | None, item: TaskItem) -> None:
    policies.require(actor, policies.TASKLIST_EDIT, item.task_list)
    _draft(item.task_list)
    audit_record(
        actor=actor, action="orglife.tasklist_item_remove", obj=item.task_list, after={"seq": item.seq}
    )
    item.delete()


def audience_orgs(task_list: TaskList):
    """The organizations in existence a task list goes to: those of its region (the notices' audience of
    Party organizations), of the chosen kinds or, with none chosen, every kind but the committees."""
    orgs = party_orgs_of(
        Audience(
            sender_region=task_list.region, kind=AudienceKind.PARTY_ORGS, region=task_list.audience_region
        )
    )
    if task_list.org_kinds:
        return orgs.filter(kind__in=task_list.org_kinds)
    return orgs.exclude(kind=OrgKind.INDUSTRY_COMMITTEE)


@transaction.atomic
def tasklist_publish(*, actor: Actor | None, task_list: TaskList) -> TaskList:
    """Publish a list with at least one item: its recipients are fixed and their secretaries told.
    Meetings already held in the month answer the items of their kind."""
    policies.require(actor, policies.TASKLIST_EDIT, task_list)
    _draft(task_list)
    if not task_list.items.exists():
        raise ValidationError(_("Add at least one item before publishing."), code="no_items")
    orgs = list(audience_orgs(task_list))
    if not orgs:
        raise ValidationError(_("No organization is in the audience of this list."), code="no_recipients")
    task_list.status, task_list.published_at = TaskListStatus.PUBLISHED, timezone.now()
    task_list.save(update_fields=["status", "published_at"])
    TaskRecipient.objects.bulk_create([TaskRecipient(task_list=task_list, org=org) for org in orgs])
    held = Meeting.objects.filter(
        org__in=orgs,
        status=MeetingStatus.HELD,
        date__gte=task_list.month,
        date__lt=next_month(task_list.month),
    ).order_by("date", "id")
    for meeting in held:
        _fulfil(meeting)
    audit_record(
        actor=actor, action="orglife.tasklist_publish", obj=task_list, after={"recipients": len(orgs)}
    )
    notify(
        users=firm_people([], [org.pk for org in orgs]),
        title=Text(
            _("Task list for %(month)s: %(title)s"),
            {"month": task_list.month.strftime("%Y-%m"), "title": task_list.title},
        ),
        url=TaskRecipient.objects.filter(task_list=task_list).first().get_absolute_url(),  # type: ignore[union-attr]  # created above
    )
    return task_list


@transaction.atomic
def task_answer(
    *,
    actor: Actor | None,
    recipient: TaskRecipient,
    item: TaskItem,
    meeting: Meeting | None = None,
    reason: str = "",
) -> TaskAnswer:
    """An organization answers one item: the meeting that fulfils it (its own, of the item's kind, in the
    list's month, not cancelled), or why it was not done; neither clears the answer."""
    policies.require(actor, policies.TASK_ANSWER, recipient)
    if item.task_list_id != recipient.task_list_id:
        raise _refuse("item", _("This item is not on the list."), "not_on_list")
    reason = reason.strip()
    if meeting is not None and reason:
        raise _refuse("reason", _("Link a meeting or say why not, not both."), "both")
    if meeting is not None:
        if meeting.org_id != recipient.org_id:
            raise _refuse("meeting", _("The meeting is not one of this organization."), "other_org")
        if meeting.kind != item.kind:
            raise _refuse("meeting", _("The meeting is not of the item's kind."), "other_kind")
        if month_of(meeting.date) != recipient.task_list.month:
            raise _refuse("meeting", _("The meeting is not in the month of the list."), "other_month")
        if meeting.status == MeetingStatus.CANCELLED:
            raise _refuse("meeting", _("The meeting was cancelled."), "cancelled")
    answer, _created = TaskAnswer.objects.get_or_create(recipient=recipient, item=item)
    before = snapshot(answer)
    answer.meeting, answer.reason = meeting, reason
    answer.save()
    old, new = changed_fields(before, snapshot(answer))
    audit_record(
        actor=actor, action="orglife.task_answer", obj=recipient, before=old, after={**new, "item": item.seq}
    )
    return answer


@transaction.atomic
def feed_for(*, org: PartyOrg) -> CalendarFeed:
    """The organization's calendar feed (its token made on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(org=org)
    return feed


@transaction.atomic
def feed_renew(*, actor: Actor | None, org: PartyOrg) -> CalendarFeed:
    """A new token for the feed: the old address stops working (it leaked, or someone left)."""
    feed = feed_for(org=org)
    policies.require(actor, policies.FEED_RENEW, feed)
    feed.token = CalendarFeed._meta.get_field("token").get_default()
    feed.save(update_fields=["token", "created_at"])
    audit_record(actor=actor, action="orglife.feed_renew", obj=org)
    return feed


def meeting_reminders_send(*, today: date | None = None) -> int:
    """The scheduled job: tell the members of each planned meeting within `REMIND_WORKING_DAYS`
    working days, once per meeting. Returns the number of notifications sent."""
    today = today or timezone.localdate()
    until = add_working_days(today, REMIND_WORKING_DAYS).date
    meetings = Meeting.objects.filter(
        status=MeetingStatus.PLANNED, date__gte=today, date__lte=until, reminded_at__isnull=True
    ).select_related("org")
    sent = 0
    for meeting in meetings.order_by("date", "id"):
        when = meeting.start_time.strftime("%H:%M") if meeting.start_time else ""
        sent += notify(
            users=member_accounts(meeting),
            title=Text(
                _("%(org)s: %(kind)s on %(date)s %(time)s"),
                {
                    "org": meeting.org.name,
                    "kind": MeetingKind(meeting.kind).label,
                    "date": meeting.date,
                    "time": when,
                },
            ),
            body=f"{meeting.topic} · {meeting.place}".strip(" ·"),
            url=meeting.get_absolute_url(),
            key=f"orglife-meeting:{meeting.pk}:remind",
        )
        Meeting.objects.filter(pk=meeting.pk).update(reminded_at=timezone.now())
    return sent


def task_reminders_send(*, today: date | None = None) -> int:
    """The scheduled job: remind each organization's secretaries of the items of published lists due
    within the due-soon working days or overdue this month and still open, once per item per day."""
    today = today or timezone.localdate()
    items = TaskItem.objects.filter(
        task_list__status=TaskListStatus.PUBLISHED,
        due__lte=due_soon_until(today),
        due__gte=month_of(today) - timedelta(days=1),
    ).select_related("task_list")
    sent = 0
    for item in items.order_by("due", "id"):
        done = TaskAnswer.objects.filter(item=item).exclude(meeting__isnull=True, reason="")
        done = done.exclude(meeting__status=MeetingStatus.PLANNED)
        behind = TaskRecipient.objects.filter(task_list_id=item.task_list_id).exclude(
            pk__in=done.values("recipient_id")
        )
        for recipient in behind.select_related("org"):
            overdue = item.due < today
            sent += notify(
                users=firm_people([], [recipient.org_id]),
                title=Text(
                    _("Overdue: task %(seq)s of %(title)s")
                    if overdue
                    else _("Due %(due)s: task %(seq)s of %(title)s"),
                    {"seq": item.seq, "title": item.task_list.title, "due": item.due},
                ),
                body=item.topic,
                url=recipient.get_absolute_url(),
                key=f"orglife-task:{item.pk}:{recipient.pk}:{'overdue' if overdue else 'due'}:{today}",
            )
    return sent


BULK_BATCH_SIZE = 2000


@transaction.atomic
def meetings_bulk_create(
    *, actor: Actor | None, meetings: list[Meeting], attendance: dict[int, list[Attendance]]
) -> int:
    """Record many meetings at once with their attendance (seeding the demo and the benchmark; a year of
    records brought over from another system): `attendance[i]` are the lines of `meetings[i]`. Each
    organization must be one the actor keeps; one audit event carries the counts. The lines are taken as
    given (built from the roll by the caller), so no per-row queries."""
    for org in {m.org for m in meetings}:
        policies.require(actor, policies.MEETING_PLAN, org)
    Meeting.objects.bulk_create(meetings, batch_size=BULK_BATCH_SIZE)
    lines = []
    for index, meeting in enumerate(meetings):
        for line in attendance.get(index, ()):
            line.meeting = meeting
            lines.append(line)
    Attendance.objects.bulk_create(lines, batch_size=BULK_BATCH_SIZE)
    audit_record(
        actor=actor,
        action="orglife.meeting_bulk_create",
        object_type="orglife.meeting",
        after={"count": len(meetings), "rows": len(lines)},
    )
    return len(meetings)
