"""Reads of member development, each starting from `Recruit.objects.visible_to(actor)`: the stages of
the actor's pipeline, one record's events, the introducers to choose from, the counts per
organization and year, and the 待办 (probations ending, approvals waiting)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Count, Expression, IntegerField, QuerySet, When
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import gettext as _

from lvxie.core.types import Actor
from lvxie.orglife.choices import MeetingKind, MeetingStatus
from lvxie.orglife.models import Meeting
from lvxie.party.choices import MemberKind, MemberStatus
from lvxie.party.models import PartyMembership, PartyOrg
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo

from . import policies
from .choices import PENDING_STAGES, Stage
from .models import Recruit


def recruits(actor: Actor | None) -> QuerySet[Recruit]:
    return Recruit.objects.visible_to(actor)


def recruit_detail(actor: Actor | None) -> QuerySet[Recruit]:
    return recruits(actor).select_related(
        "org", "firm", "lawyer", "trainee", "introducer_1__lawyer", "introducer_2__lawyer", "membership"
    )


def stage_totals(actor: Actor | None) -> dict[str, int]:
    """How many of the actor's records stand at each stage (one grouped query)."""
    found = dict(recruits(actor).values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return {stage: found.get(stage, 0) for stage in Stage.values}


def introducer_choices(actor: Actor | None, recruit: Recruit) -> QuerySet[PartyMembership]:
    """Current full members of the record's organization the actor sees (their names: callers audit)."""
    return (
        PartyMembership.objects.visible_to(actor)
        .filter(org=recruit.org, status=MemberStatus.ACTIVE, kind=MemberKind.FULL)
        .exclude(lawyer_id=recruit.lawyer_id)
        .select_related("lawyer")
        .order_by("lawyer__name_pinyin", "id")
    )


def decision_meetings(actor: Actor | None, recruit: Recruit) -> QuerySet[Meeting]:
    """The held branch meetings of the record's organization that may have decided a step (members' and
    committee meetings), newest first."""
    return (
        Meeting.objects.visible_to(actor)
        .filter(
            org=recruit.org,
            status=MeetingStatus.HELD,
            kind__in=(MeetingKind.MEMBERS, MeetingKind.COMMITTEE),
        )
        .order_by("-date", "-id")[:50]
    )


# Counts per organization and year: each measure is the year of one date.
MEASURES = (
    ("applied", "applied_on"),
    ("activists", "activist_on"),
    ("targets", "target_on"),
    ("admitted", "admitted_on"),  # once approved: see `counts`
    ("full", "full_on"),
)
MEASURE_NAMES = tuple(name for name, _f in MEASURES)


@dataclass
class CountRow:
    org_id: int
    org_name: str
    year: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def values(self) -> list[int]:
        return [self.counts.get(name, 0) for name, _f in MEASURES]


def counts(actor: Actor | None, *, org: PartyOrg | None = None, years: tuple[int, int] | None = None):
    """Per organization and year: applications, new activists, new development targets, new members
    (admitted and approved) and conversions to full membership, in the actor's scope (or `org`'s
    subtree); rows sorted by organization path, then year.

    One grouped query, one scan: the records with the same organization and the same five years (each
    measure's year, or none) are one group, which adds its number to each of those years' rows. (A query
    per measure scanned the records five times, and looking the organizations up afterwards sent every id
    in the scope as a parameter.)"""
    base = recruits(actor)
    if org is not None:
        base = base.filter(org__path__startswith=org.path)

    def year(date_field: str) -> Cast:
        return Cast(ExtractYear(date_field), IntegerField())  # PostgreSQL's EXTRACT is a numeric

    year_of: dict[str, Expression] = {f"{name}_year": year(date_field) for name, date_field in MEASURES}
    # New members (发展党员) count in the year the branch admitted them, once the committee approved.
    year_of["admitted_year"] = Case(When(approved_on__isnull=False, then=year("admitted_on")))
    grouped = (
        base.order_by()
        .values("org_id", "org__name", "org__path", **year_of)
        .annotate(n=Count("id"))
        .values_list("org_id", "org__name", "org__path", *year_of, "n")
    )
    # Read as the database sends them: Django's converters on the six computed columns, called for
    # each value, took longer than the query at national scale.
    try:
        sql, params = grouped.query.sql_with_params()
    except EmptyResultSet:  # a scope that matches nothing: no query, as the ORM's own iteration does
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    by_org: dict[int, dict[int, CountRow]] = {}
    paths: dict[int, str] = {}
    for org_id, name, path, *measure_years, n in found:
        per_year = by_org.get(org_id)
        if per_year is None:
            per_year = by_org[org_id] = {}
            paths[org_id] = path
        for measure, y in zip(MEASURE_NAMES, measure_years, strict=True):
            if y is None or (years is not None and not years[0] <= y <= years[1]):
                continue
            row = per_year.get(y)
            if row is None:
                row = per_year[y] = CountRow(org_id, name, y, dict.fromkeys(MEASURE_NAMES, 0))
            row.counts[measure] += n
    # Sorted per organization, then per year within it: far fewer keys than one sort of every row.
    return [
        by_org[org_id][y] for org_id in sorted(by_org, key=paths.__getitem__) for y in sorted(by_org[org_id])
    ]


def yearly_totals(rows: list[CountRow]) -> tuple[list[int], dict[str, list[int]]]:
    """The counts added up per year (for the chart): the years, and each measure's series."""
    years = sorted({r.year for r in rows})
    totals = {name: [0] * len(years) for name, _f in MEASURES}
    index = {year: i for i, year in enumerate(years)}
    for r in rows:
        for name, n in r.counts.items():
            totals[name][index[r.year]] += n
    return years, totals


def todos(actor: Actor, today: date) -> list[Todo]:
    """待办 of member development: for a secretary, probations ending within 30 days or ended and not yet
    decided by the branch meeting; for the committee staff over the organization, the branch's decisions
    awaiting approval and the ended probations too. One query."""
    from .services import PROBATION_NOTICE_DAYS

    soon = today + timedelta(days=PROBATION_NOTICE_DAYS)
    found = (
        recruits(actor)
        .filter(stage__in=(Stage.PROBATIONARY, *PENDING_STAGES))
        .select_related("org")
        .order_by("probation_ends_on", "id")
    )
    result = []
    for r in found:
        if r.stage == Stage.PROBATIONARY:
            if r.probation_ends_on is None or r.probation_ends_on > soon:
                continue
            if not (
                policies.allowed(actor, policies.RECORD, r) or policies.allowed(actor, policies.APPROVE, r)
            ):
                continue
            kind = _("Probationary year ends: the branch meeting decides")
            due = r.probation_ends_on
        elif policies.allowed(actor, policies.APPROVE, r):
            kind, due = _("Approve a member development step"), None
        else:
            continue
        result.append(
            todo(
                title=f"{r.org.name} · {r.get_stage_display()}",
                url=r.get_absolute_url(),
                kind=kind,
                created=r.created_at,
                due=due,
                today=today,
            )
        )
        if len(result) >= PER_PROVIDER:
            break
    return result
