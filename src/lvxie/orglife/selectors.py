"""Reads of organizational life. Everything starts from `visible_to(actor)` (the Party side of the scope);
anything else is a 404. The figures (standing against the rules, statistics) are aggregates over the
organizations the actor sees, one query per figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lvxie.core.paths import under
from lvxie.core.scoping import NOTHING, path_q, scope_of
from lvxie.core.types import Actor
from lvxie.party.choices import OrgKind, OrgStatus
from lvxie.party.models import PartyMembership, PartyOrg
from lvxie.registry.models import Region
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo

from .choices import DEFAULT_RULES, AnswerState, MeetingKind, MeetingStatus, Period, Presence, TaskListStatus
from .models import (
    Attendance,
    FrequencyRule,
    Meeting,
    MeetingAttachment,
    TaskAnswer,
    TaskItem,
    TaskList,
    TaskRecipient,
)

TRUNC: dict[str, Any] = {Period.MONTH: TruncMonth, Period.QUARTER: TruncQuarter, Period.YEAR: TruncYear}


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def closes_on(day: date) -> date:
    """The day the month of `day` is closed: the records are handed up early in the next month
    (`LVXIE_ORGLIFE_MONTH_CLOSES_ON_DAY`, the 10th by default)."""
    return next_month(month_of(day)).replace(day=getattr(settings, "LVXIE_ORGLIFE_MONTH_CLOSES_ON_DAY", 10))


def month_closed(day: date, today: date | None = None) -> bool:
    from django.utils import timezone

    return (today or timezone.localdate()) >= closes_on(day)


def roll(org: PartyOrg, on: date) -> QuerySet[PartyMembership]:
    """The organization's members on a date, whatever has happened since (transfers, leaving): a joint
    branch's roll holds its members from every firm it covers. A membership ended on a day no longer
    counts that day (a transfer starts the new one on it)."""
    return (
        PartyMembership.objects.filter(org=org, joined_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .order_by("lawyer__name_pinyin", "id")
    )


# ---- rules and standing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    kind: str
    period: str
    times: int

    @property
    def label(self) -> str:
        return str(MeetingKind(self.kind).label)

    @property
    def period_label(self) -> str:
        return str(Period(self.period).label)


def rules() -> list[Rule]:
    """The frequency rules in force: the defaults, as the city committee has edited them (0 = none)."""
    found = {r.kind: (r.period, r.times) for r in FrequencyRule.objects.all()}
    merged = {**DEFAULT_RULES, **found}
    return [Rule(kind, period, times) for kind, (period, times) in merged.items() if times > 0]


def periods(period: str, year: int) -> list[tuple[date, date]]:
    """The periods of a year, as (first day, last day)."""
    if period == Period.YEAR:
        return [(date(year, 1, 1), date(year, 12, 31))]
    step = 1 if period == Period.MONTH else 3
    starts = [date(year, m, 1) for m in range(1, 13, step)]
    return [(s, _month_after(s, step) - timedelta(days=1)) for s in starts]


def _month_after(start: date, months: int) -> date:
    day = start
    for _i in range(months):
        day = next_month(day)
    return day


def period_label(period: str, start: date) -> str:
    if period == Period.MONTH:
        return f"{start.month}"
    if period == Period.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


class Standing:
    MET = "met"
    BEHIND = "behind"
    OPEN = "open"
    NOT_DUE = "not_due"


STANDING_LABELS = {
    Standing.MET: _("Met"),
    Standing.BEHIND: _("Behind"),
    Standing.OPEN: _("Under way"),
    Standing.NOT_DUE: _("Not due"),
}


@dataclass
class Cell:
    start: date
    end: date
    label: str
    held: int
    state: str

    @property
    def state_label(self) -> str:
        return str(STANDING_LABELS[self.state])


def cell_state(*, held: int, times: int, start: date, end: date, today: date, founded: date) -> str:
    """A period is met once it has its meetings; behind once it ended without them; under way while it
    runs; not due before the organization existed or before it began."""
    if held >= times:
        return Standing.MET
    if start > today or end < founded:
        return Standing.NOT_DUE
    return Standing.BEHIND if end < today else Standing.OPEN


def _held_counts(orgs, rule: Rule, start: date, end: date) -> dict[tuple[int, date], int]:
    """(org id, period start) → meetings of the rule's kind held in the period, one query."""
    trunc = TRUNC[rule.period]
    rows = (
        Meeting.objects.filter(
            org__in=orgs, kind=rule.kind, status=MeetingStatus.HELD, date__gte=start, date__lte=end
        )
        .annotate(p=trunc("date"))
        .values("org_id", "p")
        .annotate(n=Count("id"))
        .values_list("org_id", "p", "n")
    )
    return {(org_id, p): n for org_id, p, n in rows}


def standing(org: PartyOrg, year: int, today: date) -> list[tuple[Rule, list[Cell]]]:
    """An organization's standing against each rule in each month or quarter of a year."""
    result = []
    for rule in rules():
        counts = _held_counts([org.pk], rule, date(year, 1, 1), date(year, 12, 31))
        cells = [
            Cell(
                start,
                end,
                period_label(rule.period, start),
                counts.get((org.pk, start), 0),
                cell_state(
                    held=counts.get((org.pk, start), 0),
                    times=rule.times,
                    start=start,
                    end=end,
                    today=today,
                    founded=org.founded_on,
                ),
            )
            for start, end in periods(rule.period, year)
        ]
        result.append((rule, cells))
    return result


# ---- lists --------------------------------------------------------------------------------------------


def orgs_in(
    actor: Actor | None, *, org: PartyOrg | None = None, region: Region | None = None
) -> QuerySet[PartyOrg]:
    """The organizations in existence the actor sees that hold organizational life (every kind but the
    industry committees), narrowed to an organization's subtree or a region's."""
    orgs = (
        PartyOrg.objects.visible_to(actor)
        .filter(status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.INDUSTRY_COMMITTEE)
    )
    if org is not None:
        orgs = orgs.filter(path__startswith=org.path)
    if region is not None:
        orgs = orgs.filter(region_path__startswith=region.path)
    return orgs


def meeting_list(actor: Actor) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(actor).select_related("org", "org__region")


def attachment_list(actor: Actor) -> QuerySet[MeetingAttachment]:
    """The files of the meetings the actor sees (a file is in scope with its meeting)."""
    return MeetingAttachment.objects.filter(meeting__in=meeting_list(actor)).select_related("meeting__org")


def meetings_between(
    actor: Actor, start: date, end: date, *, org: PartyOrg | None = None, region: Region | None = None
) -> QuerySet[Meeting]:
    """Planned and held meetings from `start` to `end` (inclusive) of an organization's or a region's
    subtree, for the calendar."""
    meetings = (
        meeting_list(actor).filter(date__gte=start, date__lte=end).exclude(status=MeetingStatus.CANCELLED)
    )
    if org is not None:
        meetings = meetings.filter(org__path__startswith=org.path)
    if region is not None:
        meetings = meetings.filter(org__region_path__startswith=region.path)
    return meetings.order_by("date", "start_time", "id")


def attendance_of(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendance.select_related("membership__lawyer", "membership__lawyer__firm").order_by(
        "membership__lawyer__name_pinyin", "id"
    )


def meeting_rate(meeting: Meeting) -> float | None:
    """Share of the roll present, or None before attendance is recorded."""
    counts = meeting.attendance.aggregate(
        total=Count("id"), present=Count("id", filter=Q(presence=Presence.PRESENT))
    )
    return counts["present"] / counts["total"] if counts["total"] else None


@dataclass(frozen=True)
class MemberRate:
    membership: PartyMembership
    expected: int
    present: int
    leave: int

    @property
    def rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


def member_rates(org: PartyOrg, year: int) -> list[MemberRate]:
    """Each member's attendance over a year's held meetings of the organization: counted only over the
    meetings held while they were on the roll (a member who joined mid-quarter is not absent before)."""
    rows = (
        Attendance.objects.filter(
            meeting__org=org, meeting__status=MeetingStatus.HELD, meeting__date__year=year
        )
        .values("membership_id")
        .annotate(
            expected=Count("id"),
            present=Count("id", filter=Q(presence=Presence.PRESENT)),
            leave=Count("id", filter=Q(presence=Presence.LEAVE)),
        )
    )
    members = PartyMembership.objects.in_bulk([r["membership_id"] for r in rows])
    result = [MemberRate(members[r["membership_id"]], r["expected"], r["present"], r["leave"]) for r in rows]
    return sorted(result, key=lambda r: (r.membership.lawyer.name_pinyin, r.membership.pk))


# ---- task lists ---------------------------------------------------------------------------------------


def tasklist_list(actor: Actor) -> QuerySet[TaskList]:
    """The committee's lists (its staff), newest month first."""
    return TaskList.objects.visible_to(actor).select_related("region", "audience_region")


def recipient_list(actor: Actor) -> QuerySet[TaskRecipient]:
    """The published lists of the organizations the actor sees, with their progress."""
    return with_progress(
        TaskRecipient.objects.visible_to(actor)
        .filter(task_list__status=TaskListStatus.PUBLISHED)
        .select_related("task_list", "org", "org__region")
    )


def _done_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}meeting__status": MeetingStatus.HELD})


def _explained_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}meeting__isnull": True}) & ~Q(**{f"{prefix}reason": ""})


def with_progress(recipients: QuerySet[TaskRecipient]) -> QuerySet[TaskRecipient]:
    """Each recipient with `items`, `done` (a meeting held) and `explained` (a reason given)."""
    return recipients.annotate(
        items=Count("task_list__items", distinct=True),
        done=Count("answers", filter=_done_q("answers__"), distinct=True),
        explained=Count("answers", filter=_explained_q("answers__"), distinct=True),
    )


def is_complete(recipient) -> bool:
    return recipient.items > 0 and recipient.done + recipient.explained >= recipient.items


@dataclass
class ItemRow:
    item: TaskItem
    answer: TaskAnswer | None

    @property
    def state(self) -> str:
        answer = self.answer
        if answer is None or (answer.meeting_id is None and not answer.reason):
            return AnswerState.OPEN
        if answer.meeting_id is None:
            return AnswerState.EXPLAINED
        assert answer.meeting is not None
        return AnswerState.DONE if answer.meeting.status == MeetingStatus.HELD else AnswerState.PLANNED

    @property
    def state_label(self) -> str:
        return str(AnswerState(self.state).label)


def recipient_items(recipient: TaskRecipient) -> list[ItemRow]:
    answers = {a.item_id: a for a in recipient.answers.select_related("meeting")}
    return [ItemRow(item, answers.get(item.pk)) for item in recipient.task_list.items.all()]


def candidate_meetings(recipient: TaskRecipient, item: TaskItem) -> QuerySet[Meeting]:
    """The meetings that may answer an item: the organization's, of its kind, in the month, not cancelled."""
    month = recipient.task_list.month
    return Meeting.objects.filter(
        org=recipient.org, kind=item.kind, date__gte=month, date__lt=next_month(month)
    ).exclude(status=MeetingStatus.CANCELLED)


@dataclass
class Completion:
    label: str
    recipients: int = 0
    complete: int = 0
    items: int = 0
    done: int = 0
    explained: int = 0

    @property
    def rate(self) -> float | None:
        return (self.done + self.explained) / self.items if self.items else None

    def add(self, recipient: Any) -> None:
        """Count one recipient of `with_progress`."""
        self.recipients += 1
        self.complete += is_complete(recipient)
        self.items += recipient.items
        self.done += recipient.done
        self.explained += recipient.explained


def completion(task_list: TaskList) -> tuple[list, list[Completion]]:
    """A list's recipients with their progress, and the completion per district (the organization's
    region)."""
    recipients = list(with_progress(task_list.recipients.select_related("org", "org__region")))
    districts: dict[int, Completion] = {}
    for r in recipients:
        districts.setdefault(r.org.region_id, Completion(r.org.region.name)).add(r)
    return recipients, sorted(districts.values(), key=lambda c: c.label)


def behind(actor: Actor, today: date) -> QuerySet[TaskRecipient]:
    """Organizations behind: recipients of published lists with an item past its due day still open."""
    open_items = TaskItem.objects.filter(task_list_id=OuterRef("task_list_id"), due__lt=today).exclude(
        Exists(
            TaskAnswer.objects.filter(item=OuterRef("pk"), recipient=OuterRef(OuterRef("pk"))).filter(
                _done_q() | _explained_q()
            )
        )
    )
    return recipient_list(actor).filter(Exists(open_items)).order_by("-task_list__month", "org__path")


def monthly_completion(actor: Actor, year: int) -> list[Completion]:
    """Completion by month over the published lists the actor sees (one query)."""
    months: dict[date, Completion] = {}
    for r in recipient_list(actor).filter(task_list__month__year=year):
        months.setdefault(r.task_list.month, Completion(r.task_list.month.strftime("%Y-%m"))).add(r)
    return [months[m] for m in sorted(months)]


def todos(actor: Actor, today: date) -> list[Todo]:
    """待办 of organizational life: the open items of the task lists of the organizations the actor is
    secretary of (committee staff follow the list of organizations behind instead). One query."""
    paths = scope_of(actor).party_org_paths
    if not paths:
        return []
    answered = TaskAnswer.objects.filter(item=OuterRef("pk"), recipient_id=OuterRef("rid")).filter(
        _done_q() | _explained_q()
    )
    items = (
        TaskItem.objects.filter(
            task_list__status=TaskListStatus.PUBLISHED, due__gte=today - timedelta(days=62)
        )
        .filter(path_q("task_list__recipients__org__path", paths))
        .annotate(
            rid=F("task_list__recipients__id"),
            org_name=F("task_list__recipients__org__name"),
            published=F("task_list__published_at"),
        )
        .exclude(Exists(answered))
        .order_by("due", "id")[:PER_PROVIDER]
    )
    from django.urls import reverse

    return [
        todo(
            title=f"{item.org_name}: {item.topic}",
            url=reverse("orglife:recipient_detail", args=[item.rid]),
            kind=str(_("Organizational-life task")),
            created=item.published,
            due=item.due,
            today=today,
        )
        for item in items
    ]


# ---- statistics ---------------------------------------------------------------------------------------


@dataclass
class RuleFigure:
    rule: Rule
    orgs: int = 0
    met: int = 0
    behind: int = 0


@dataclass
class Statistics:
    year: int
    orgs: int
    rules: list[RuleFigure]
    by_kind_month: dict[str, list[int]] = field(default_factory=dict)
    attendance: dict[str, float | None] = field(default_factory=dict)
    present: int = 0
    expected: int = 0

    @property
    def rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


def statistics(
    actor: Actor, year: int, today: date, *, region: Region | None = None, org: PartyOrg | None = None
) -> Statistics:
    """For the organizations the actor sees in a subtree: how many met each rule in every period of the
    year that has ended (and how many are behind in at least one), meetings held by kind and month, and
    attendance rates by kind and overall."""
    orgs = orgs_in(actor, region=region, org=org)
    founded = dict(orgs.values_list("pk", "founded_on"))
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    figures = []
    for rule in rules():
        due = [(s, e) for s, e in periods(rule.period, year) if e < today]
        counts = _held_counts(orgs.values("pk"), rule, year_start, year_end)
        figure = RuleFigure(rule, orgs=len(founded))
        for org_id, founded_on in founded.items():
            missed = any(
                cell_state(
                    held=counts.get((org_id, s), 0),
                    times=rule.times,
                    start=s,
                    end=e,
                    today=today,
                    founded=founded_on,
                )
                == Standing.BEHIND
                for s, e in due
            )
            figure.behind += missed
            figure.met += not missed
        figures.append(figure)
    held = Meeting.objects.filter(
        org__in=orgs.values("pk"), status=MeetingStatus.HELD, date__gte=year_start, date__lte=year_end
    )
    by_kind = {kind: [0] * 12 for kind in MeetingKind.values}
    for kind, month, n in (
        held.annotate(m=TruncMonth("date"))
        .values("kind", "m")
        .annotate(n=Count("id"))
        .values_list("kind", "m", "n")
    ):
        by_kind[kind][month.month - 1] = n
    attendance = Attendance.objects.filter(meeting__in=held.values("pk"))
    per_kind = {
        kind: (present, total)
        for kind, present, total in attendance.values("meeting__kind")
        .annotate(present=Count("id", filter=Q(presence=Presence.PRESENT)), total=Count("id"))
        .values_list("meeting__kind", "present", "total")
    }
    present = sum(p for p, _t in per_kind.values())
    expected = sum(t for _p, t in per_kind.values())
    return Statistics(
        year=year,
        orgs=len(founded),
        rules=figures,
        by_kind_month=by_kind,
        attendance={k: (p / t if t else None) for k, (p, t) in per_kind.items()},
        present=present,
        expected=expected,
    )


def stats_region(actor: Actor, region_id: int | None) -> Region | None:
    """The region a statistics page narrows to: one the actor's Party scope reaches (404 otherwise)."""
    if region_id is None:
        return None
    region = Region.objects.filter(pk=region_id).first()
    scope = scope_of(actor)
    if region is None or not (under(region.path, scope.party_region_paths) or _org_region(scope, region)):
        raise Http404
    return region


def stats_regions(actor: Actor) -> QuerySet[Region]:
    """The regions committee staff may narrow the statistics to: theirs and those below."""
    paths = scope_of(actor).party_region_paths
    return Region.objects.filter(path_q("path", paths) or NOTHING).order_by("path")


def _org_region(scope, region: Region) -> bool:
    return PartyOrg.objects.filter(
        path_q("path", scope.party_org_paths) or NOTHING, region_path__startswith=region.path
    ).exists()
