"""Reads of member development, each starting from `Recruit.objects.visible_to(actor)`: the stages of
the actor's pipeline, one record's events, the introducers to choose from, the counts per
organization and year, and the 待办 (probations ending, approvals waiting)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
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
    # New members (发展党员) count in the year the branch admitted them, once the committee approved.
    ("admitted", "admitted_on"),
    ("full", "full_on"),
)


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
    subtree). One grouped query per measure; rows sorted by organization path, then year."""
    base = recruits(actor)
    if org is not None:
        base = base.filter(org__path__startswith=org.path)
    table: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for name, date_field in MEASURES:
        rows = base.filter(**{f"{date_field}__isnull": False})
        if name == "admitted":
            rows = rows.filter(approved_on__isnull=False)
        if years is not None:
            rows = rows.filter(**{f"{date_field}__year__gte": years[0], f"{date_field}__year__lte": years[1]})
        grouped = (
            rows.annotate(year=ExtractYear(date_field))
            .values("org_id", "year")
            .annotate(n=Count("id"))
            .values_list("org_id", "year", "n")
        )
        for org_id, year, n in grouped:
            table[(org_id, year)][name] = n
    orgs = dict(PartyOrg.objects.filter(pk__in={k[0] for k in table}).values_list("pk", "name"))
    paths = dict(PartyOrg.objects.filter(pk__in={k[0] for k in table}).values_list("pk", "path"))
    result = [
        CountRow(org_id, orgs[org_id], year, {name: found.get(name, 0) for name, _f in MEASURES})
        for (org_id, year), found in table.items()
    ]
    return sorted(result, key=lambda r: (paths[r.org_id], r.year))


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
