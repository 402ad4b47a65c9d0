"""Commendations: the public notice (公示) of a national round at its heaviest — every nominee in notice,
with name, unit and category — read through `commendations.selectors.notices_published` (what the
public page and the public API call) against one hand-written query over the same windows. Seeds, once,
a national Party round: each Party organization at the national data set's first level below the
country nominates itself as an advanced organization, all recommended and in a notice open for years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

NOMINEES = 2000
TITLE = "bench: 全国律师行业先进基层党组织表彰公示"

FLOOR = (
    "SELECT w.id, COALESCE(l.name, f.name, o.name), "
    "COALESCE(lf.name, NULLIF(l.employer, ''), sf.name, so.name, sl.name), n.category, c.title "
    "FROM workflow_publicationwindow w "
    "JOIN commendations_nomination n ON n.id = CAST(w.object_id AS integer) "
    "JOIN calls_call c ON c.id = n.call_id JOIN calls_submission s ON s.id = n.submission_id "
    "LEFT JOIN registry_lawyer l ON l.id = n.lawyer_id LEFT JOIN registry_lawfirm lf ON lf.id = l.firm_id "
    "LEFT JOIN registry_lawfirm f ON f.id = n.firm_id LEFT JOIN party_partyorg o ON o.id = n.party_org_id "
    "LEFT JOIN registry_lawfirm sf ON sf.id = s.firm_id "
    "LEFT JOIN party_partyorg so ON so.id = s.party_org_id "
    "LEFT JOIN registry_lawyer sl ON sl.id = s.lawyer_id "
    "WHERE w.kind = %s AND w.starts_at <= now() AND w.ends_at > now() "
    "AND (w.withdrawn_at IS NULL OR w.withdrawn_at > now()) ORDER BY w.starts_at DESC, w.id DESC"
)


def seed_round(count: int = NOMINEES) -> int:
    """The bench's round, if absent: one call, one submission and one nomination per organization, one
    notice window each (bulk inserts, no services: the rows are what the services would leave).
    Returns the nominations in notice."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from lvxie.calls.choices import CallStatus, SubmissionStatus, UnitKind
    from lvxie.calls.models import Call, Submission
    from lvxie.commendations.choices import NominationStatus
    from lvxie.commendations.kinds import PARTY_COMMENDATION
    from lvxie.commendations.models import Nomination
    from lvxie.commendations.services import NOTICE_KIND
    from lvxie.notices.choices import AudienceKind
    from lvxie.party.models import PartyOrg
    from lvxie.registry.models import Region
    from lvxie.workflow.models import PublicationWindow

    existing = Call.objects.filter(title=TITLE).first()
    if existing is not None:
        return Nomination.objects.filter(call=existing, status=NominationStatus.IN_NOTICE).count()
    now = timezone.now()
    country = Region.objects.get(level="country")
    orgs = list(PartyOrg.objects.select_related("region").order_by("id")[:count])
    with transaction.atomic():
        call = Call.objects.create(
            title=TITLE,
            kind=PARTY_COMMENDATION,
            region=country,
            party=True,
            status=CallStatus.REVIEWING,
            unit_kind=UnitKind.PARTY_ORG,
            audience_kind=AudienceKind.PARTY_ORGS,
            opened_at=now,
            deadline=timezone.localdate(),
            quotas={"advanced_org": count, "outstanding_member": 1, "party_worker": 1},
        )
        submissions = Submission.objects.bulk_create(
            [
                Submission(call=call, party_org=o, region=o.region, status=SubmissionStatus.ACCEPTED)
                for o in orgs
            ]
        )
        nominations = Nomination.objects.bulk_create(
            [
                Nomination(
                    call=call,
                    submission=s,
                    category="advanced_org",
                    party_org=s.party_org,
                    deeds="党建引领业务发展。",
                    status=NominationStatus.IN_NOTICE,
                    yes_votes=2,
                )
                for s in submissions
            ]
        )
        kind = ContentType.objects.get_for_model(Nomination)
        PublicationWindow.objects.bulk_create(
            [
                PublicationWindow(
                    content_type=kind,
                    object_id=str(n.pk),
                    kind=NOTICE_KIND,
                    title=f"{n.party_org.name} · 先进基层党组织",
                    scope_path=country.path,
                    party=True,
                    starts_at=now - dt.timedelta(days=1),
                    ends_at=now + dt.timedelta(days=3650),
                )
                for n in nominations
            ]
        )
    return len(nominations)


def operations(actors: dict, wanted: Callable[[str], bool]) -> list:
    name = "public: commendation notice (national round)"
    if not wanted(name):
        return []
    from bench.run import Operation, sql
    from lvxie.commendations.selectors import notices_published
    from lvxie.commendations.services import NOTICE_KIND

    count = seed_round()
    return [Operation(f"{name}, {count:,} nominees", notices_published, sql(FLOOR, [NOTICE_KIND]), "ratio")]
