"""Writes of secretaries' reports. The report itself is a submission of a call of the kind
`secretary_reports` (lvxie.calls): writing, sending, returning, accepting and rating go through
`lvxie.calls.services`; what is particular lives here: opening the year's review with its oral
reports, marking an oral report, turning a shortcoming into a ledger item, closing the window on time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.audit.services import audit_record
from lvxie.calls import services as calls
from lvxie.calls.choices import CallStatus, SubmissionStatus, UnitKind
from lvxie.calls.kinds import Criterion
from lvxie.calls.models import Call, Submission
from lvxie.core.types import Actor
from lvxie.ledgers import services as ledgers
from lvxie.ledgers.models import Ledger, RectificationItem
from lvxie.notices.choices import AudienceKind
from lvxie.party.choices import OrgKind, OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.models import Region

from . import policies
from .kinds import CODE, ORAL

CAMPAIGN = "书记述职评议"  # the ledger's campaign: where its items came from


def _check_orgs(orgs: list[PartyOrg], oral: list[PartyOrg]) -> None:
    errors: dict[str, ValidationError] = {}
    if not orgs:
        errors["orgs"] = ValidationError(_("Choose the organizations that report."), code="required")
    if any(o.kind == OrgKind.INDUSTRY_COMMITTEE or o.status != OrgStatus.ACTIVE for o in orgs):
        errors["orgs"] = ValidationError(
            _("Only existing basic-level organizations report (not an industry committee)."), code="org_kind"
        )
    if {o.pk for o in oral} - {o.pk for o in orgs}:
        errors["oral_orgs"] = ValidationError(
            _("An organization reporting orally must be one of those that report."), code="oral_outside"
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_open(
    *,
    actor: Actor | None,
    region: Region,
    year: int,
    orgs: Iterable[PartyOrg],
    reviewers: Iterable,
    oral_orgs: Iterable[PartyOrg] = (),
    deadline_working_days: int | None = None,
    deadline: dt.date | None = None,
    criteria: Iterable[Criterion] = (),
    title: str = "",
    description: str = "",
    opened_at: dt.datetime | None = None,
) -> Call:
    """Open the year's review of a committee's organizations: a Party-side call of this kind to them,
    one report each, the panel named, the year's criteria and weights (the kind's when none are given),
    the organizations reporting orally at the meeting marked. Everyone concerned is told (calls)."""
    policies.require(actor, policies.REVIEW_OPEN, region)
    units, oral = list(orgs), list(oral_orgs)
    _check_orgs(units, oral)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": ValidationError(_("Enter a valid year."), code="year")})
    call = calls.call_create(
        actor=actor,
        title=title or _("%(year)s secretaries' reports on Party building") % {"year": year},
        kind=CODE,
        region=region,
        unit_kind=UnitKind.PARTY_ORG,
        description=description,
        audience_kind=AudienceKind.PARTY_ORGS,
        audience_party_orgs=units,
        deadline=deadline,
        deadline_working_days=deadline_working_days,
        reviewers=reviewers,
        criteria=criteria,
    )
    calls.call_open(actor=actor, call=call, opened_at=opened_at)
    for submission in Submission.objects.filter(call=call, party_org__in=oral):
        calls.submission_flag(actor=actor, submission=submission, flag=ORAL, on=True)
    call.refresh_from_db()
    return call


def oral_mark(*, actor: Actor | None, submission: Submission, oral: bool) -> Submission:
    """Mark (or unmark) an organization to report orally at the meeting."""
    policies.require(actor, policies.ORAL_MARK, submission)
    return calls.submission_flag(actor=actor, submission=submission, flag=ORAL, on=oral)


@transaction.atomic
def shortcoming_to_ledger(
    *,
    actor: Actor | None,
    submission: Submission,
    problem: str,
    goal: str,
    measures: str,
    responsible: str,
    deadline: dt.date,
) -> RectificationItem:
    """In one step, a shortcoming the panel names in a report becomes an item of the organization's
    rectification ledger for the year (the ledger of this campaign, opened when it has none yet), through
    lvxie.ledgers and its rules."""
    policies.require(actor, policies.SHORTCOMING, submission)
    submission = Submission.objects.select_related("call", "party_org", "party_org__region").get(
        pk=submission.pk
    )
    if submission.status != SubmissionStatus.ACCEPTED:
        raise ValidationError(
            _("Only an accepted report is rated and its shortcomings named."), code="not_accepted"
        )
    org = submission.party_org
    assert org is not None  # the kind's calls go to Party organizations
    year = timezone.localdate().year
    ledger = Ledger.objects.filter(party_org=org, year=year, campaign=CAMPAIGN).order_by("id").first()
    if ledger is None:
        ledger = ledgers.ledger_create(
            actor=actor,
            title=_("%(year)s rectification after the secretary's report") % {"year": year},
            year=year,
            party_org=org,
            campaign=CAMPAIGN,
        )
    item = ledgers.item_add(
        actor=actor,
        ledger=ledger,
        problem=problem,
        goal=goal,
        measures=measures,
        responsible=responsible,
        deadline=deadline,
    )
    audit_record(
        actor=actor,
        action="secretary_report.shortcoming",
        obj=submission,
        after={"ledger": ledger.pk, "item": item.number},
    )
    return item


def reviews_close_due(now: dt.datetime) -> int:
    """The scheduled job (`lvxie tick`): close every open review whose deadline (counted in working days
    when it opened) has passed, so the window shuts on time; returned reports may still come back.
    Returns how many closed."""
    today = timezone.localdate(now)
    due = Call.objects.filter(kind=CODE, status=CallStatus.OPEN, deadline__lt=today)
    for call in due:
        calls.call_close(actor=None, call=call)
    return len(due)
