"""Reads of secretaries' reports, from `visible_to(actor)` through lvxie.calls: the reviews an actor
sees, the organizations a committee reviews, and the year's results table (oral or written, the
combined score, its rating band, the counts per rating)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from lvxie.calls import selectors as calls
from lvxie.calls.choices import SubmissionStatus
from lvxie.calls.models import Call, Submission
from lvxie.calls.selectors import ResultRow
from lvxie.core.scoping import path_q
from lvxie.core.types import Actor
from lvxie.party.choices import OrgKind, OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.models import Region

from .choices import Rating
from .kinds import CODE, ORAL, band


def review_list(actor: Actor) -> QuerySet[Call]:
    """The reviews the actor sees (the calls' own visibility), newest first, with their counts."""
    return calls.call_list(actor).filter(kind=CODE)


def review_of(actor: Actor, pk: int) -> Call | None:
    return Call.objects.visible_to(actor).filter(kind=CODE, pk=pk).select_related("region").first()


def basic_orgs(actor: Actor | None) -> QuerySet[PartyOrg]:
    """The existing basic-level organizations (not industry committees) in the actor's Party-side view."""
    return (
        PartyOrg.objects.visible_to(actor)
        .filter(status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.INDUSTRY_COMMITTEE)
        .order_by("path")
    )


def affiliated_orgs(actor: Actor | None, region: Region) -> QuerySet[PartyOrg]:
    """The organizations a committee over `region` reviews: every basic-level organization of the region."""
    return basic_orgs(actor).filter(path_q("region_path", (region.path,)))


@dataclass
class YearRow:
    """One organization's report in the year's table."""

    submission: Submission
    oral: bool
    result: ResultRow | None  # None until the report is accepted
    rating: Rating | None

    @property
    def total(self) -> Decimal | None:
        return self.result.total if self.result else None


# The fields of a submission the year's table reads (with its unit's name and path).
TABLE_FIELDS = ("call", "firm", "party_org", "lawyer", "region", "status", "flags", "late")


def year_table(actor: Actor, call: Call) -> list[YearRow]:
    """Every report of the review in the actor's scope: the accepted ones ranked by the combined score
    (the mean of the reviewers' weighted scores, shown once all have rated), then the others by
    organization. Callers have checked the actor may see the results."""
    # What the table shows of each report and no more (a national review has tens of thousands): the
    # report's text and its dates load only if asked for (the page, the export and the API do not);
    # its unit is a Party organization (a Party-side review); each district and the call are read once.
    submissions = list(
        calls.submission_list(actor, call)
        .select_related(None)
        .select_related("party_org")
        .only(*TABLE_FIELDS, "party_org__name", "party_org__path")
    )
    regions = Region.objects.in_bulk({s.region_id for s in submissions})
    for s in submissions:
        s.call, s.region = call, regions[s.region_id]
    accepted = [s for s in submissions if s.status == SubmissionStatus.ACCEPTED]
    results = {r.submission.pk: r for r in calls.ranked_results(call, accepted)}
    rows = [
        YearRow(
            submission=s,
            oral=ORAL in s.flags,
            result=results.get(s.pk),
            rating=band(results[s.pk].total) if s.pk in results else None,
        )
        for s in submissions
    ]
    ranked = {pk: index for index, pk in enumerate(results)}
    rows.sort(key=lambda r: (ranked.get(r.submission.pk, len(ranked)), r.submission.party_org.path))  # type: ignore[union-attr]  # Party-side calls
    return rows


def rating_counts(rows: list[YearRow]) -> list[tuple[Rating, int]]:
    counts = Counter(r.rating for r in rows if r.rating is not None)
    return [(rating, counts[rating]) for rating in Rating]
