"""Reads of commendations and contests, from `visible_to(actor)`; what the public sees comes only from
`workflow.publication.published` (the notice's windows, the calls' results windows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _

from lvxie.calls import policies as call_policies
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.kinds import get_kind
from lvxie.calls.models import Call
from lvxie.calls.selectors import published_results
from lvxie.core.types import Actor
from lvxie.workflow.models import PublicationWindow
from lvxie.workflow.publication import published
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo

from . import policies
from .choices import NominationStatus
from .models import Honour, Nomination, Prize, Vote
from .services import NOTICE_KIND


def nominations(actor: Actor, call: Call, *, status: str = "") -> QuerySet[Nomination]:
    """The nominations of a call the actor may see (a unit its own)."""
    rows = (
        Nomination.objects.visible_to(actor)
        .filter(call=call)
        .select_related(
            "call",
            "submission",
            "submission__party_org",
            "submission__firm",
            "lawyer",
            "lawyer__firm",
            "firm",
            "party_org",
        )
    )
    return rows.filter(status=status) if status else rows


@dataclass(frozen=True)
class ResultRow:
    """One nomination of a round as its results list it (the page's export and the API's)."""

    name: str
    unit: str
    category: str
    votes_for: int | None
    votes_against: int | None
    recommendation: str
    notice: str
    award: str


_RECOMMENDED = (
    NominationStatus.RECOMMENDED,
    NominationStatus.IN_NOTICE,
    NominationStatus.AWARDED,
    NominationStatus.STOPPED,
)


def round_results(actor: Actor, call: Call) -> list[ResultRow]:
    """A commendation round's results by category, in the order of the kind's categories: each
    nominee's unit, the votes (once every panel member has voted), the panel's recommendation, the
    outcome of the public notice and the honour awarded. For the issuing side (callers check)."""
    order = {c.code: i for i, c in enumerate(call.spec.categories)}
    rows = sorted(
        nominations(actor, call).select_related("honour"), key=lambda n: (order.get(n.category, 99), n.pk)
    )
    found = []
    for row in rows:
        tally = tally_visible_to(actor, row)
        honour = getattr(row, "honour", None)
        found.append(
            ResultRow(
                name=row.name,
                unit=row.unit_name,
                category=row.category_label,
                votes_for=tally[0] if tally else None,
                votes_against=tally[1] if tally else None,
                recommendation=(
                    str(NominationStatus.RECOMMENDED.label)
                    if row.status in _RECOMMENDED
                    else str(NominationStatus.NOT_RECOMMENDED.label)
                    if row.status == NominationStatus.NOT_RECOMMENDED
                    else ""
                ),
                notice=(
                    str(NominationStatus(row.status).label)
                    if row.status in (NominationStatus.IN_NOTICE, NominationStatus.STOPPED)
                    else _("No objection upheld")
                    if row.status == NominationStatus.AWARDED
                    else ""
                ),
                award=f"{honour.title}（{honour.awarded_on:%Y-%m-%d}）" if honour else "",
            )
        )
    return found


def _all_voted(nomination: Nomination) -> bool:
    voted = set(Vote.objects.filter(nomination=nomination).values_list("reviewer_id", flat=True))
    return all(
        r.pk in voted or policies.conflict_reason(r, nomination) for r in nomination.call.reviewers.all()
    )


def tally_visible_to(actor: Actor, nomination: Nomination) -> tuple[int, int] | None:
    """(for, against) once every panel member has voted on the nomination (no one is swayed by the
    others), to the panel and the issuing side; None before, or to anyone else."""
    call = nomination.call
    if not (call_policies.may_issue(actor, call) or call_policies.is_reviewer(actor, call)):
        return None
    if not _all_voted(nomination):
        return None
    votes = list(Vote.objects.filter(nomination=nomination).values_list("approve", flat=True))
    return sum(votes), len(votes) - sum(votes)


def own_vote(actor: Actor, nomination: Nomination) -> Vote | None:
    if not actor.is_authenticated:
        return None
    return Vote.objects.filter(nomination=nomination, reviewer=actor).first()


def _notice_entries(windows: QuerySet[PublicationWindow]) -> list[dict[str, Any]]:
    """The notice's entries of these windows, in their order. The nominations are read as plain values
    in one query, no model objects: a national round shows thousands of nominees."""
    rows = (
        Nomination.objects.filter(pk__in=windows.values(nomination_id=Cast("object_id", IntegerField())))
        .values_list(
            "pk",
            "category",
            "call__kind",
            "call__title",
            Nomination.name_value(),
            Nomination.unit_name_value(),
        )
        .order_by()
    )
    by_id = {str(pk): (category, kind, title, name, unit) for pk, category, kind, title, name, unit in rows}
    labels: dict[tuple[str, str], str] = {}  # by (kind of call, category): a round has a few
    found = []
    for w in windows:
        if (row := by_id.get(w.object_id)) is None:
            continue
        category, kind, title, name, unit = row
        if (kind, category) not in labels:
            labels[kind, category] = get_kind(kind).category_label(category)
        found.append(
            {"window": w, "name": name, "unit": unit, "category": labels[kind, category], "call_title": title}
        )
    return found


def notices_published(now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """What the public notice shows now: for each open window, the nominee's name, unit and category,
    and the call's title. Nothing else, and nothing once the window is closed or withdrawn."""
    # Of each window the list shows its end (and links to it by id); the rest loads only if asked for.
    return _notice_entries(published(NOTICE_KIND, now).only("object_id", "ends_at"))


def notice_published(window_id: int, now: dt.datetime | None = None) -> dict[str, Any] | None:
    return next(iter(_notice_entries(published(NOTICE_KIND, now).filter(pk=window_id))), None)


def collections_published(now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """The contests whose results are on the public site now, each with its prize winners (title,
    unit, prize), best first."""
    entries = [e for e in published_results(now) if Prize.objects.filter(call=e["call"]).exists()]
    found = []
    for entry in entries:
        prizes = Prize.objects.filter(call=entry["call"], call__status=CallStatus.PUBLISHED).select_related(
            "submission",
            "submission__call",
            "submission__firm",
            "submission__party_org",
            "submission__lawyer",
        )
        winners = [
            {
                "title": p.submission.title,
                "unit": p.submission.unit_name,
                "prize": p.get_level_display(),
                "rank": p.rank,
            }
            for p in prizes
        ]
        found.append({"window": entry["window"], "call": entry["call"], "winners": winners})
    return found


def prizes(call: Call) -> QuerySet[Prize]:
    """A contest's prizes (callers have checked the actor may see its results)."""
    return Prize.objects.filter(call=call).select_related("submission")


def honours(actor: Actor) -> QuerySet[Honour]:
    """The honours on the records the actor may see (Party categories' on the Party side only)."""
    return Honour.objects.visible_to(actor).select_related("lawyer", "firm", "party_org", "region", "call")


def public_honours(
    *, lawyer_ids: Iterable[int] = (), firm_ids: Iterable[int] = ()
) -> dict[tuple[str, int], list[str]]:
    """The public honours of these lawyers and firms, for the public look-up: ("lawyer"|"firm", id) →
    titles, newest first."""
    found: dict[tuple[str, int], list[str]] = {}
    wanted = Q(lawyer_id__in=list(lawyer_ids)) | Q(firm_id__in=list(firm_ids))
    rows = Honour.objects.filter(wanted, public=True, party=False).values_list(
        "lawyer_id", "firm_id", "title"
    )
    for lawyer_id, firm_id, title in rows:  # one query, however many were asked for
        key = ("lawyer", lawyer_id) if lawyer_id is not None else ("firm", firm_id)
        found.setdefault(key, []).append(title)
    return found


def todos(actor: Actor, today: dt.date) -> list[Todo]:
    """待办 of commendations: for a panel member, the rounds closed to submissions with nominations
    still waiting for their vote (never one a conflict rules out). One query, a row per round."""
    if not actor.is_authenticated:
        return []
    waiting = (
        Nomination.objects.visible_to(actor)
        .filter(
            call__reviewer_rows__reviewer=actor,
            call__status=CallStatus.REVIEWING,
            status=NominationStatus.NOMINATED,
            submission__status=SubmissionStatus.ACCEPTED,
        )
        .exclude(votes__reviewer=actor)
        .select_related("call", "submission", "submission__party_org", "lawyer", "firm", "party_org")
        .order_by("call_id", "id")
    )
    rounds: dict[int, tuple[Call, int]] = {}
    for row in waiting:
        if not policies.conflict_reason(actor, row):
            call, n = rounds.get(row.call_id, (row.call, 0))
            rounds[row.call_id] = (call, n + 1)
    return [
        todo(
            title=f"{call.title} · {n}",
            url=reverse("commendations:round", args=[call.pk]),
            kind=_("Nominations to vote on"),
            created=call.opened_at or call.created_at,
            due=None,
            today=today,
        )
        for call, n in list(rounds.values())[:PER_PROVIDER]
    ]
