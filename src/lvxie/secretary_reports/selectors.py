"""Reads of secretaries' reports, from `visible_to(actor)` through lvxie.calls: the reviews an actor
sees, the organizations a committee reviews, and the year's results table (oral or written, the
combined score, its rating band, the counts per rating)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from lvxie.calls import selectors as calls
from lvxie.calls.choices import SubmissionStatus
from lvxie.calls.models import Call
from lvxie.calls.policies import UNIT_FIELDS, Unit
from lvxie.calls.selectors import NO_MEANS, result_order
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


@dataclass(slots=True)
class YearRow:
    """One organization's report in the year's table, in plain values (a national review has tens of
    thousands): the submission's id, its organization and district by name, oral or written, its
    status; once accepted, how many reviewers rated it, and once all have, the mean points per
    criterion, the combined score, its rank in the whole review and its rating."""

    pk: int
    party_org_id: int
    organization: str
    district: str
    oral: bool
    status: SubmissionStatus
    late: bool
    reviewers: int | None  # None until the report is accepted
    criteria: Mapping[str, Decimal]  # read-only, shared by the rows with the same sums
    total: Decimal | None
    rank: int | None
    rating: Rating | None


def year_table(actor: Actor, call: Call) -> list[YearRow]:
    """Every report of the review in the actor's scope: the accepted ones ranked by the combined score
    (the mean of the reviewers' weighted scores, shown once all have rated), then the others by
    organization. Callers have checked the actor may see the results."""
    scores = calls.Scores(call)
    statuses = {s.value: s for s in SubmissionStatus}
    # Plain values, no model objects: what the page, the exports and the API show and what a conflict
    # of interest is judged on; its unit is a Party organization (a Party-side review). Sorted here, not
    # by the database (it would sort every row on disk for an order decided below). The marks come as
    # JSON text, each distinct text decoded once (a review has a few: none, oral).
    found = (
        calls.submission_list(actor, call)
        .order_by()
        .values_list(
            "pk", "party_org_id", "party_org__name", "region__name", "region__path", "status",
            Cast("flags", TextField()), "late", *UNIT_FIELDS,
        )
    )  # fmt: skip
    orals: dict[str, bool] = {}
    ratings: dict[Decimal | None, Rating | None] = {None: None}
    accepted: list[YearRow] = []
    order: list[tuple] = []  # the accepted rows' keys in the results' order
    others: list[tuple[str, YearRow]] = []  # the others, each with its organization's path (their order)
    for pk, org_id, name, district, district_path, status, flags, late, *unit in found:
        oral = orals.get(flags)
        if oral is None:
            oral = orals[flags] = ORAL in json.loads(flags)
        reviewers, criteria, total = None, NO_MEANS, None
        if status == SubmissionStatus.ACCEPTED:
            reviewers, criteria, total = scores.of(pk, Unit(*unit))
            if total not in ratings:
                ratings[total] = band(total)
        row = YearRow(
            pk, org_id, name, district, oral, statuses[status], late, reviewers, criteria, total, None,
            ratings[total],
        )  # fmt: skip
        if status == SubmissionStatus.ACCEPTED:
            accepted.append(row)
            order.append(result_order(total, name, district_path, pk))
        else:
            others.append((unit[-1], row))
    ranks = scores.ranks({row.pk: row.total for row in accepted})
    for row in accepted:
        row.rank = ranks.get(row.pk)
    # Sorted by index: no (key, row) pair per row for the garbage collector to walk.
    ranked = [accepted[i] for i in sorted(range(len(order)), key=order.__getitem__)]
    others.sort(key=itemgetter(0))
    return ranked + [row for _, row in others]


def rating_counts(rows: list[YearRow]) -> list[tuple[Rating, int]]:
    counts = Counter(r.rating for r in rows if r.rating is not None)
    return [(rating, counts[rating]) for rating in Rating]
