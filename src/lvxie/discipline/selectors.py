"""Reads of disciplinary cases and sanctions, from `visible_to(actor)`: a case with its stages and
documents, the oversight figures of a subtree, the 待办 of officers and lawyers, the sanctions on a
lawyer's or firm's record, and what the public sees of published sanctions. `sanctioned_since` is the
eligibility rule other capabilities (commendations) ask."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.complaints.choices import ComplaintSource, ComplaintStatus, ConductKind
from lvxie.complaints.models import Complaint
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import LawFirm, Lawyer, Region
from lvxie.workflow.choices import ClockState
from lvxie.workflow.clocks import clock_status
from lvxie.workflow.publication import published
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo

from . import policies
from .choices import (
    OPEN_STAGES,
    AgeBucket,
    CaseDocument,
    CaseSource,
    CaseStatus,
    SanctionStatus,
)
from .models import CaseStage, DisciplinaryCase, Sanction
from .services import PUBLICATION_KIND

# A sanction counts against someone once decided, unless revoked on review.
STANDING = (SanctionStatus.DECIDED, SanctionStatus.UNDER_REVIEW, SanctionStatus.FINAL)


def sanctioned_since(
    *, since: dt.date, lawyer_ids: Iterable[int] = (), firm_ids: Iterable[int] = ()
) -> tuple[set[int], set[int]]:
    """Of these lawyers and firms, those with a sanction decided on or after `since` (not revoked):
    (lawyer ids, firm ids). For eligibility rules such as "no sanction within five years"; the caller
    has already checked the actor may see the people concerned."""
    lawyers, firms = set(lawyer_ids), set(firm_ids)
    rows = Sanction.objects.filter(status__in=STANDING, decided_on__gte=since)
    hit_lawyers = (
        set(rows.filter(lawyer_id__in=lawyers).values_list("lawyer_id", flat=True)) if lawyers else set()
    )
    hit_firms = set(rows.filter(firm_id__in=firms).values_list("firm_id", flat=True)) if firms else set()
    return hit_lawyers, hit_firms


def cases(actor: Actor | None) -> QuerySet[DisciplinaryCase]:
    return DisciplinaryCase.objects.visible_to(actor).select_related("region", "lawyer", "firm", "clock")


def case_for(actor: Actor | None, pk: int) -> DisciplinaryCase:
    """One case the actor may see (DoesNotExist otherwise: a 404)."""
    return (
        DisciplinaryCase.objects.visible_to(actor)
        .select_related("region", "lawyer", "lawyer__firm", "firm", "clock", "officer", "complaint")
        .get(pk=pk)
    )


def sees_record(actor: Actor | None, case: DisciplinaryCase) -> bool:
    """The whole record (investigation, grants): the officers over the case and the staff they named;
    the lawyer or firm it is about sees the notice, their answer and the decisions only."""
    if policies.handles(actor, case):
        return True
    return actor is not None and actor.is_authenticated and case.grants.filter(user_id=actor.pk).exists()


def clock_text(case: DisciplinaryCase) -> str:
    if case.clock is None or case.status == CaseStatus.FINAL:
        return ""
    return clock_status(case.clock).label


def documents(case: DisciplinaryCase) -> list[tuple[str, str]]:
    """The documents the record can produce so far: (kind, label)."""
    ready = {
        CaseDocument.NOTICE: case.notified_on is not None,
        CaseDocument.DECISION: case.decided_on is not None,
        CaseDocument.REVIEW: case.reviewed_on is not None,
    }
    return [(kind.value, str(kind.label)) for kind, ok in ready.items() if ok]


# Oversight.


@dataclass(frozen=True)
class Figures:
    """The oversight figures of one subtree, as of one day."""

    region: Region
    today: dt.date
    total: int
    open: int
    past_clock: int
    by_stage: list[tuple[str, str, int]]  # (code, label, count)
    by_source: list[tuple[str, str, int]]
    by_conduct: list[tuple[str, str, int]]
    ageing: list[tuple[str, str, int]]
    median_days: list[tuple[str, str, float | None]]
    complaints_by_status: list[tuple[str, str, int]]
    complaints_by_source: list[tuple[str, str, int]]


def oversight_regions(actor: Actor | None) -> QuerySet[Region]:
    """The regions whose figures the actor may ask for: their discipline subtrees."""
    paths = scope_of(actor).discipline_region_paths
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return Region.objects.filter(q).order_by("path") if paths else Region.objects.none()


def _counted(rows: dict[str, int], choices) -> list[tuple[str, str, int]]:
    return [(value, str(label), rows.get(value, 0)) for value, label in choices.choices]


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def oversight(region: Region, today: dt.date | None = None) -> Figures:
    """Cases and complaints of the subtree under `region` (the caller asked `policies.OVERSIGHT`): by
    stage, source and conduct; the open ones by age; the median working days each stage took; the open
    ones past their clock. Five queries."""
    today = today or timezone.localdate()
    subtree = DisciplinaryCase.objects.filter(region__path__startswith=region.path)
    stage: dict[str, int] = {}
    source: dict[str, int] = {}
    conduct: dict[str, int] = {}
    for row in subtree.values("status", "source", "conduct").annotate(n=Count("id")).order_by():
        stage[row["status"]] = stage.get(row["status"], 0) + row["n"]
        source[row["source"]] = source.get(row["source"], 0) + row["n"]
        conduct[row["conduct"]] = conduct.get(row["conduct"], 0) + row["n"]
    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    edges = [months_before(start, m) for m in (1, 3, 6, 12)]
    is_open = Q(status__in=OPEN_STAGES)
    ages = subtree.filter(is_open).aggregate(
        lt1=Count("id", filter=Q(opened_at__gte=edges[0])),
        m1_3=Count("id", filter=Q(opened_at__lt=edges[0], opened_at__gte=edges[1])),
        m3_6=Count("id", filter=Q(opened_at__lt=edges[1], opened_at__gte=edges[2])),
        m6_12=Count("id", filter=Q(opened_at__lt=edges[2], opened_at__gte=edges[3])),
        gt12=Count("id", filter=Q(opened_at__lt=edges[3])),
        past=Count("id", filter=Q(clock__state=ClockState.RUNNING, clock__due_on__lt=today)),
    )
    buckets = dict(zip(AgeBucket.values, ("lt1", "m1_3", "m3_6", "m6_12", "gt12"), strict=True))
    days: dict[str, list[int]] = {}
    lived = CaseStage.objects.filter(
        case__region__path__startswith=region.path, left_at__isnull=False, state__in=OPEN_STAGES
    )
    for state, worked in lived.values_list("state", "working_days").order_by():
        days.setdefault(state, []).append(worked or 0)
    complaints = Complaint.objects.filter(region__path__startswith=region.path)
    by_status = dict(complaints.values_list("status").annotate(n=Count("id")).order_by())
    by_csource = dict(complaints.values_list("source").annotate(n=Count("id")).order_by())
    return Figures(
        region=region,
        today=today,
        total=sum(stage.values()),
        open=sum(n for s, n in stage.items() if s in OPEN_STAGES),
        past_clock=ages["past"],
        by_stage=_counted(stage, CaseStatus),
        by_source=_counted(source, CaseSource),
        by_conduct=_counted(conduct, ConductKind),
        ageing=[(value, str(label), ages[buckets[value]]) for value, label in AgeBucket.choices],
        median_days=[
            (s.value, str(s.label), statistics.median(days[s]) if days.get(s) else None) for s in OPEN_STAGES
        ],
        complaints_by_status=_counted(by_status, ComplaintStatus),
        complaints_by_source=_counted(by_csource, ComplaintSource),
    )


def past_clock(
    actor: Actor | None, region: Region, today: dt.date | None = None
) -> QuerySet[DisciplinaryCase]:
    """The open cases of the subtree past their stage's clock, most overdue first."""
    today = today or timezone.localdate()
    return (
        cases(actor)
        .filter(
            region__path__startswith=region.path,
            status__in=OPEN_STAGES,
            clock__state=ClockState.RUNNING,
            clock__due_on__lt=today,
        )
        .order_by("clock__due_on", "id")
    )


# 待办.

# The stages where the officer must act, and those where the lawyer must (their periods).
OFFICER_STAGES = (
    CaseStatus.INVESTIGATING,
    CaseStatus.HEARING,
    CaseStatus.DELIBERATING,
    CaseStatus.UNDER_REVIEW,
)
SUBJECT_STAGES = (CaseStatus.NOTIFIED, CaseStatus.DECIDED)


def todos(actor: Actor, today: dt.date) -> list[Todo]:
    """待办 of cases: for an officer, the cases in charge of them at a stage that waits for the bar, and
    those whose lawyer's period to answer has run out; for the lawyer (or the firm's administrators),
    their cases waiting for an answer or within the review period. One query each."""
    found: list[Todo] = []
    scope = scope_of(actor)
    if scope.discipline_region_paths:
        mine = (
            cases(actor)
            .filter(officer_id=actor.pk)
            .filter(
                Q(status__in=OFFICER_STAGES)
                | Q(status=CaseStatus.NOTIFIED, clock__due_on__lt=today, clock__state=ClockState.RUNNING)
            )
            .order_by("clock__due_on", "id")[:PER_PROVIDER]
        )
        found += [
            todo(
                title=f"{c.number} · {c.subject} · {c.summary}",
                url=c.get_absolute_url(),
                kind=_("Disciplinary case: %(stage)s") % {"stage": c.get_status_display()},
                created=c.opened_at,
                due=c.clock.due_on if c.clock else None,
                today=today,
            )
            for c in mine
        ]
    subject = Q()
    if scope.lawyer_ids:
        subject |= Q(lawyer_id__in=scope.lawyer_ids)
    if scope.edits().firm_ids:
        subject |= Q(firm_id__in=scope.edits().firm_ids)
    if subject:
        own = cases(actor).filter(subject, status__in=SUBJECT_STAGES).order_by("clock__due_on", "id")
        found += [
            todo(
                title=f"{c.number} · {c.summary}",
                url=c.get_absolute_url(),
                kind=_("Your answer to a disciplinary notice")
                if c.status == CaseStatus.NOTIFIED
                else _("Disciplinary decision: review period"),
                created=c.opened_at,
                due=c.clock.due_on if c.clock else None,
                today=today,
            )
            for c in own[:PER_PROVIDER]
        ]
    return found


# Sanctions on the record and in public.


def sanctions_of(
    actor: Actor | None, *, lawyer: Lawyer | int | None = None, firm: LawFirm | int | None = None
) -> QuerySet[Sanction]:
    """The sanctions on one lawyer's or firm's record (the object or its id) that the actor may see
    (revoked ones included, marked)."""
    rows = Sanction.objects.visible_to(actor).select_related("case")
    return rows.filter(lawyer=lawyer) if lawyer is not None else rows.filter(firm=firm)


@dataclass(frozen=True)
class PublicSanction:
    window_id: int
    subject: str
    firm: str
    kind: str
    decided_on: dt.date
    reasons: str
    shown_until: dt.date


def published_sanctions(
    now: dt.datetime | None = None, *, lawyer_ids=None, firm_ids=None
) -> list[PublicSanction]:
    """The sanctions the public sees now: only through the open publication windows (none before a
    decision is final, none the day after its period). Optionally of these lawyers or firms."""
    windows = list(published(PUBLICATION_KIND, now))
    ids = [int(w.object_id) for w in windows]
    rows = Sanction.objects.filter(pk__in=ids, status=SanctionStatus.FINAL).select_related(
        "lawyer", "lawyer__firm", "firm"
    )
    if lawyer_ids is not None or firm_ids is not None:
        rows = rows.filter(
            Q(lawyer_id__in=lawyer_ids or [])
            | Q(firm_id__in=firm_ids or [])
            | Q(lawyer__firm_id__in=firm_ids or [])
        )
    by_id = {s.pk: s for s in rows}
    found = []
    for window in windows:
        sanction = by_id.get(int(window.object_id))
        if sanction is None:
            continue
        firm = sanction.firm or (sanction.lawyer.firm if sanction.lawyer else None)
        found.append(
            PublicSanction(
                window_id=window.pk,
                subject=str(sanction.lawyer or sanction.firm),
                firm=firm.name if firm else "",
                kind=sanction.get_kind_display(),
                decided_on=sanction.decided_on,
                reasons=sanction.reasons,
                shown_until=timezone.localdate(window.ends_at) - dt.timedelta(days=1),
            )
        )
    return found
