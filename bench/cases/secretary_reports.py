"""Secretaries' reports: the year's results table (`selectors.year_table`: every organization's report
with oral or written, the mean grades per criterion, the combined score, its rating and rank) of a
national review of every basic-level organization, rated by a two-member panel, against one
hand-written query giving the same rows.

Seeded once, cheaply, when absent: the review as a call of the kind, one accepted submission per
organization and two scores each, by bulk inserts (the services would take minutes at this scale)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from bench.run import Operation, sql

NAME = "secretaries' reports: the year's results table (nation)"
TITLE = "bench: national secretaries' reports"


def _seed(issuer) -> object:
    from django.db import transaction
    from django.utils import timezone

    from lvxie.access.services import role_assign
    from lvxie.accounts.choices import Role
    from lvxie.accounts.models import User
    from lvxie.accounts.services import user_create
    from lvxie.calls.choices import CallStatus, SubmissionStatus, UnitKind
    from lvxie.calls.models import Call, CallReviewer, Score, Submission, weighted_total
    from lvxie.notices.choices import AudienceKind
    from lvxie.party.choices import OrgKind, OrgStatus
    from lvxie.party.models import PartyOrg
    from lvxie.registry.models import Region
    from lvxie.secretary_reports.demo import report_values
    from lvxie.secretary_reports.kinds import CODE, ORAL, SCALE, SECRETARY_REPORTS

    existing = Call.objects.filter(kind=CODE, title=TITLE).first()
    if existing is not None:
        return existing
    second = User.objects.filter(username="bench_party2").first()
    if second is None:
        second = user_create(
            actor=None,
            username="bench_party2",
            password=secrets.token_urlsafe(16),
            must_change_password=False,
        )
        role_assign(
            actor=None, user=second, role=Role.PARTY_ADMIN, region=Region.objects.get(level="country")
        )
    now = timezone.now()
    with transaction.atomic():
        call = Call.objects.create(
            title=TITLE,
            kind=CODE,
            region=Region.objects.get(level="country"),
            party=True,
            status=CallStatus.REVIEWING,
            unit_kind=UnitKind.PARTY_ORG,
            audience_kind=AudienceKind.PARTY_ORGS,
            deadline=timezone.localdate(),
            opened_at=now,
        )
        CallReviewer.objects.bulk_create([CallReviewer(call=call, reviewer=u) for u in (issuer, second)])
        orgs = PartyOrg.objects.filter(status=OrgStatus.ACTIVE).exclude(kind=OrgKind.INDUSTRY_COMMITTEE)
        submissions = [
            Submission(
                call=call,
                party_org_id=org_id,
                region_id=region_id,
                status=SubmissionStatus.ACCEPTED,
                values=report_values(index),
                flags=[ORAL] if index % 33 == 0 else [],
                submitted_at=now,
                accepted_at=now,
            )
            for index, (org_id, region_id) in enumerate(orgs.values_list("id", "region_id").order_by("id"))
        ]
        Submission.objects.bulk_create(submissions, batch_size=5000)
        criteria = SECRETARY_REPORTS.criteria
        scores = []
        for submission in Submission.objects.filter(call=call).only("id"):
            for number, reviewer in enumerate((issuer, second)):
                points = {
                    c.code: SCALE[(submission.pk + number + i) % 3].points for i, c in enumerate(criteria)
                }
                scores.append(
                    Score(
                        submission_id=submission.pk,
                        reviewer=reviewer,
                        points=points,
                        total=weighted_total(criteria, points),
                        scored_at=now,
                    )
                )
        Score.objects.bulk_create(scores, batch_size=5000)
    return call


# The floor: the same rows (organization, district, oral, status, mean score, rank) in one query.
FLOOR = """
SELECT s.id, o.name, r.name, s.flags, s.status, avg(sc.total) AS total,
       rank() OVER (ORDER BY avg(sc.total) DESC NULLS LAST)
FROM calls_submission s
JOIN party_partyorg o ON o.id = s.party_org_id
JOIN registry_region r ON r.id = s.region_id
LEFT JOIN calls_score sc ON sc.submission_id = s.id
WHERE s.call_id = %s
GROUP BY s.id, o.name, r.name
ORDER BY total DESC NULLS LAST, o.name
"""


def operations(actors: dict, wanted: Callable[[str], bool]) -> list[Operation]:
    if not wanted(NAME):
        return []
    from lvxie.secretary_reports.selectors import year_table

    actor = actors["bench_party"]
    call = _seed(actor)
    return [
        Operation(NAME, lambda: year_table(actor, call), sql(FLOOR, [call.pk]), "≤ 10× the floor", runs=5)
    ]
