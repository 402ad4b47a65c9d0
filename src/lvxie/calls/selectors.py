"""Reads of calls, from `visible_to(actor)`: the list with progress, a call's submissions and progress
by district, the deadline label, the scores a reader may see (hidden until every reviewer has scored),
the results table, and what the public sees of published results."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Q, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.accounts.choices import PARTY_REGION_ROLES, REGION_ROLES
from lvxie.core.scoping import NOTHING, combine, scope_of
from lvxie.core.statements import driver_rows
from lvxie.core.types import Actor
from lvxie.registry.models import Region
from lvxie.workflow.choices import ClockState
from lvxie.workflow.clocks import clock_label
from lvxie.workflow.clocks import deadline_label as bare_deadline_label
from lvxie.workflow.publication import published
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo
from lvxie.workflow.workdays import Deadline, provisional_between, working_days_between

from . import policies
from .choices import CallStatus, SubmissionStatus
from .kinds import scored_kind_codes
from .models import Call, Score, Submission
from .services import EDITABLE, PUBLICATION_KIND


def _counts(prefix: str = "") -> dict[str, Count]:
    key = f"{prefix}id"
    status = f"{prefix}status"
    return {
        "total": Count(key),
        "drafts": Count(key, filter=Q(**{status: SubmissionStatus.DRAFT})),
        "submitted": Count(key, filter=Q(**{status: SubmissionStatus.SUBMITTED})),
        "returned": Count(key, filter=Q(**{status: SubmissionStatus.RETURNED})),
        "accepted": Count(key, filter=Q(**{status: SubmissionStatus.ACCEPTED})),
        "late": Count(key, filter=Q(**{f"{prefix}late": True})),
    }


def call_list(actor: Actor, *, q: str = "", status: str = "") -> QuerySet[Call]:
    """Calls the actor may see, newest first, with the counts of their submissions in the actor's scope."""
    calls = Call.objects.visible_to(actor).select_related("region")
    if q:
        calls = calls.filter(title__contains=q)
    if status:
        calls = calls.filter(status=status)
    in_scope = Q(submissions__in=Submission.objects.visible_to(actor).values("pk"))
    counts = {
        name: Count("submissions", filter=in_scope & (aggregate.filter or Q()))
        for name, aggregate in _counts("submissions__").items()
    }
    return calls.annotate(**counts).order_by("-created_at", "-id")


def submission_list(actor: Actor, call: Call, *, status: str = "") -> QuerySet[Submission]:
    """The submissions of one call the actor may see (a unit sees only its own)."""
    rows = (
        Submission.objects.visible_to(actor)
        .filter(call=call)
        .select_related("firm", "party_org", "lawyer", "lawyer__firm", "region", "call")
    )
    if status:
        rows = rows.filter(status=status)
    return rows


def progress_by_district(actor: Actor, call: Call) -> list[dict[str, Any]]:
    """One row per district (in the actor's scope): units, drafts, submitted, returned, accepted, late."""
    return list(
        Submission.objects.visible_to(actor)
        .filter(call=call)
        .values("region__name", "region__path")
        .annotate(**_counts())
        .order_by("region__path")
    )


def _own(actor: Actor) -> Q:
    scope = scope_of(actor)
    return combine(
        Q(firm_id__in=scope.edits().firm_ids) if scope.edits().firm_ids else Q(),
        Q(party_org__path__in=scope.party_org_paths) if scope.party_org_paths else Q(),
        Q(lawyer_id__in=scope.lawyer_ids) if scope.lawyer_ids else Q(),
    )


def own_submissions(actor: Actor, call: Call) -> QuerySet[Submission]:
    """The submissions of the call that the actor fills in for their units."""
    own = _own(actor)
    if own == NOTHING:
        return Submission.objects.none()
    return (
        Submission.objects.visible_to(actor)
        .filter(own, call=call)
        .select_related("firm", "party_org", "lawyer")
    )


def deadline_label(call: Call, today: dt.date | None = None) -> str:
    """The deadline as every clock shows one: "due 2026-10-16 (3 working days left)", provisional when
    it reaches into a year staff have not confirmed."""
    if call.deadline is None:
        return ""
    today = today or timezone.localdate()
    due = Deadline(date=call.deadline, provisional=provisional_between(today, call.deadline))
    left = working_days_between(today, call.deadline)
    if call.status != CallStatus.OPEN:
        return bare_deadline_label(due)  # closed to submissions: the date alone, no days left
    return clock_label(ClockState.RUNNING, due, left, overdue=today > call.deadline)


def all_scored(
    call: Call,
    submission: Submission,
    *,
    reviewers: list[policies.Conflicts] | None = None,
    scored: set[int] | None = None,
) -> bool:
    """Has every reviewer (but those a conflict rules out) scored this submission? The `reviewers`
    (each with what rules them out) and the ids of those who `scored` it may be given when already read
    (the results read them once for the whole call)."""
    if scored is None:
        scored = set(Score.objects.filter(submission=submission).values_list("reviewer_id", flat=True))
    if reviewers is None:
        reviewers = [policies.Conflicts(r) for r in call.reviewers.all()]
    return _complete(reviewers, scored, submission)


def _complete(
    reviewers: list[policies.Conflicts], scored: set[int], submission: Submission | policies.Unit
) -> bool:
    return all(r.pk in scored or r.reason(submission) for r in reviewers)


def scores_visible_to(actor: Actor, submission: Submission) -> QuerySet[Score]:
    """The scores of a submission the actor may read: their own always; the others' only once every
    reviewer has scored it (no one is swayed by another's points), and then only to the call's
    reviewers and issuing staff."""
    scores = Score.objects.visible_to(actor).filter(submission=submission).select_related("reviewer")
    call = submission.call
    if not (policies.may_issue(actor, call) or policies.is_reviewer(actor, call)):
        return scores.none()
    if all_scored(call, submission):
        return scores.prefetch_related("revisions")
    return scores.filter(reviewer_id=actor.pk).prefetch_related("revisions")


@dataclass
class ResultRow:
    """One accepted submission in the results: the mean points per criterion over the reviewers, the
    mean weighted score, the rank (ties share one)."""

    submission: Submission
    unit: str
    title: str
    district: str
    late: bool
    reviewers: int
    criteria: Mapping[str, Decimal] = field(default_factory=dict)
    total: Decimal | None = None
    rank: int | None = None


CENT = Decimal("0.01")
NO_MEANS: Mapping[str, Decimal] = MappingProxyType({})


def _score_sums(call: Call, reviewer_ids: list[int]) -> dict[int, tuple]:
    """The sums of each accepted submission of the call that has scores, by its id: how many scores,
    the sum of their weighted totals, their points per criterion (in the call's order; a criterion
    missing from a score counts 0), then for each of `reviewer_ids` 1 if they gave one, else 0. One
    grouped query, no Score object (a national review has tens of thousands)."""
    points = {
        f"points_{i}": Coalesce(Sum(Cast(KeyTextTransform(c.code, "points"), IntegerField())), 0)
        for i, c in enumerate(call.criteria_in_force)
    }
    by = {f"by_{i}": Count("id", filter=Q(reviewer_id=pk)) for i, pk in enumerate(reviewer_ids)}
    rows = (
        Score.objects.filter(submission__call=call, submission__status=SubmissionStatus.ACCEPTED)
        .values("submission_id")
        .annotate(scores=Count("id"), total_sum=Sum("total"), **points, **by)
        .order_by()
        .values_list("submission_id", "scores", "total_sum", *points, *by)
    )
    return {row[0]: row[1:] for row in driver_rows(rows)}  # (integers and decimals only)


class Scores:
    """The scores of a call's accepted submissions, read once for the whole call (one grouped query, no
    Score object; each reviewer with what rules them out): how many each has, the means once complete,
    and the ranks. `results` reads them for model rows; the secretaries' year table for plain values."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self.codes = [c.code for c in call.criteria_in_force]
        users = list(call.reviewers.all())
        self.reviewers = [policies.Conflicts(u) for u in users]
        self.reviewer_ids = [u.pk for u in users]
        self.sums = _score_sums(call, self.reviewer_ids)
        # Many submissions share their sums (a few grades, a few reviewers): each is divided once.
        self._means: dict[tuple, tuple[Mapping[str, Decimal], Decimal]] = {}

    def of(
        self, pk: int, unit: Submission | policies.Unit
    ) -> tuple[int, Mapping[str, Decimal], Decimal | None]:
        """The accepted submission `pk` (of this `unit`): how many scores it has; once every reviewer but
        those a conflict rules out has scored it, the mean points per criterion (read-only: shared by the
        submissions with the same sums) and the mean weighted score, rounded half to even (until then
        no means and None)."""
        found = self.sums.get(pk)
        if found is None:
            return 0, NO_MEANS, None
        means = self._means.get(found)
        if means is None:
            n = len(self.codes) + 2
            gave = found[n:]
            if 0 in gave:  # someone has not scored it: complete only if a conflict rules each such one out
                scored = {r for r, g in zip(self.reviewer_ids, gave, strict=True) if g}
                if not _complete(self.reviewers, scored, unit):
                    return found[0], NO_MEANS, None
            count, total, *points = found[:n]
            d = Decimal(count)
            criteria = {c: (p / d).quantize(CENT) for c, p in zip(self.codes, points, strict=True)}
            means = (MappingProxyType(criteria), (total / d).quantize(CENT))
            if 0 not in gave:  # the same sums by every reviewer: the same means, whoever's the unit
                self._means[found] = means
        return found[0], *means

    def ranks(self, totals: dict[int, Decimal | None]) -> dict[int, int]:
        """The rank of each of these submissions (by pk) that has a total, among all the call's accepted
        submissions: one more than the better totals (ties share one). The scored submissions not given
        (outside the reader's scope) still count."""
        every = [t for t in totals.values() if t is not None]
        rest = self.sums.keys() - totals.keys()
        if rest:
            units = Submission.objects.filter(
                call=self.call, status=SubmissionStatus.ACCEPTED, pk__in=rest
            ).values_list("pk", *policies.UNIT_FIELDS)
            every += [t for pk, *unit in units if (t := self.of(pk, policies.Unit(*unit))[2]) is not None]
        every.sort()
        n = len(every)
        return {pk: n - bisect_right(every, t) + 1 for pk, t in totals.items() if t is not None}


def result_order(total: Decimal | None, unit: str, district_path: str, pk: int) -> tuple:
    """The results' order: best first, the not yet complete last, ties by the unit's name, then as the
    submissions are listed (by district, then id)."""
    return (total is None, -(total or 0), unit, district_path, pk)


def _accepted(call: Call) -> QuerySet[Submission]:
    return Submission.objects.filter(call=call, status=SubmissionStatus.ACCEPTED).select_related(
        "firm", "party_org", "lawyer", "lawyer__firm", "region", "call"
    )


def results(call: Call) -> list[ResultRow]:
    """The results of a call, best first (callers have checked the actor may see them). Ties share a
    rank; a submission not yet scored by every reviewer has no total and none, and comes last."""
    scores = Scores(call)
    rows = []
    for s in _accepted(call):
        count, criteria, total = scores.of(s.pk, s)
        rows.append(
            ResultRow(
                submission=s,
                unit=s.unit_name,
                title=s.title,
                district=s.region.name,
                late=s.late,
                reviewers=count,
                criteria=criteria,
                total=total,
            )
        )
    rows.sort(key=lambda r: result_order(r.total, r.unit, r.submission.region.path, r.submission.pk))
    ranks = scores.ranks({r.submission.pk: r.total for r in rows})
    for row in rows:
        row.rank = ranks.get(row.submission.pk)
    return rows


def reviewer_candidates(region: Region, party: bool) -> QuerySet:
    """Accounts that may review calls of this region and side: staff over the whole issuing region."""
    ancestors = [region.path[: i + 1] for i, ch in enumerate(region.path) if ch == "/"]
    roles = PARTY_REGION_ROLES if party else REGION_ROLES - PARTY_REGION_ROLES
    return (
        get_user_model()
        .objects.filter(roles__role__in=roles, roles__region__path__in=ancestors, is_active=True)
        .distinct()
        .order_by("username")
    )


def published_results(now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """What the public sees: each call whose results window is open now, with its window. Nothing
    else: a closed window's call is gone from every public page and API."""
    windows = list(published(PUBLICATION_KIND, now))
    calls = Call.objects.filter(
        pk__in=[int(w.object_id) for w in windows], status=CallStatus.PUBLISHED
    ).select_related("region")
    by_id = {str(c.pk): c for c in calls}
    return [{"window": w, "call": by_id[w.object_id]} for w in windows if w.object_id in by_id]


def published_result(window_id: int, now: dt.datetime | None = None) -> dict[str, Any] | None:
    """One published result (its window open now), or None."""
    for entry in published_results(now):
        if entry["window"].pk == window_id:
            return entry
    return None


def todos(actor: Actor, today: dt.date) -> list[Todo]:
    """待办 of calls: the submissions the actor's units still have to send (drafts, and returned ones to
    correct, while the call takes them), with the call's deadline; and, for a named reviewer, the
    accepted submissions still to score (never one a conflict of interest rules out). One query each."""
    found: list[Todo] = []
    own = _own(actor)
    if own != NOTHING:
        takes = Q(call__status=CallStatus.OPEN) | Q(
            status=SubmissionStatus.RETURNED, call__status=CallStatus.REVIEWING
        )
        to_send = (
            Submission.objects.visible_to(actor)
            .filter(own, takes, status__in=EDITABLE)
            .select_related("call", "firm", "party_org", "lawyer")
            .order_by("call__deadline", "id")[:PER_PROVIDER]
        )
        found += [
            todo(
                title=f"{s.call.title} · {s.unit_name}",
                url=s.get_absolute_url(),
                kind=_("Returned: submission to correct")
                if s.status == SubmissionStatus.RETURNED
                else _("Submission to send"),
                created=s.call.opened_at or s.call.created_at,
                due=s.call.deadline,
                today=today,
            )
            for s in to_send
        ]
    scope = scope_of(actor)
    if not (scope.region_paths or scope.party_region_paths):
        return found  # reviewers are staff over the whole issuing region (`policies.covers_call`)
    to_score = (
        Submission.objects.visible_to(actor)
        .filter(
            call__reviewer_rows__reviewer=actor,
            call__kind__in=scored_kind_codes(),
            call__status__in=(CallStatus.OPEN, CallStatus.REVIEWING),
            status=SubmissionStatus.ACCEPTED,
        )
        .exclude(scores__reviewer=actor)
        .select_related("call", "firm", "party_org", "lawyer")
        .order_by("accepted_at", "id")[:PER_PROVIDER]
    )
    found += [
        todo(
            title=f"{s.call.title} · {s.title or s.unit_name}",
            url=reverse("calls:review", args=[s.pk]),
            kind=_("Submission to score"),
            created=s.accepted_at or s.call.created_at,
            due=None,
            today=today,
        )
        for s in to_score
        if not policies.conflict_reason(actor, s)
    ]
    return found


def reviewer_choices(actor: Actor | None) -> QuerySet:
    """Who the actor may name as a call's reviewers: active staff of either side over a region the
    actor issues calls for (the service checks the chosen call's region and side)."""
    from .policies import issuing_paths

    paths = issuing_paths(actor, party=False) + issuing_paths(actor, party=True)
    ancestors = {p[: i + 1] for p in paths for i, ch in enumerate(p) if ch == "/"}
    return (
        get_user_model()
        .objects.filter(roles__region__path__in=ancestors, is_active=True)
        .distinct()
        .order_by("username")
    )
