"""Writes of commendations and contests. Each is one transaction, `policies.require` first, an audit
event; the calls' own steps (open, submit, return for missing papers, accept, close) stay in
`lvxie.calls.services`.

A nomination: nominated (eligibility checked from the records) → recommended or not (the panel's vote,
within the category's places) → in public notice (a publication window each, N working days, the
public may object) → awarded (an `Honour`), or stopped by an upheld objection.
A contest: the calls' scores rank the entries; `prizes_award` gives the prizes by rank; publishing the
collection publishes the call's results (`calls.services.result_publish`) and records the honours.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record
from lvxie.calls import selectors as call_selectors
from lvxie.calls import services as call_services
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.models import Call, Submission
from lvxie.core.paths import under
from lvxie.core.services import validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.validators import validate_multiline_text
from lvxie.discipline.selectors import sanctioned_since
from lvxie.party.choices import MemberStatus
from lvxie.party.models import PartyMembership, PartyOrg
from lvxie.registry.choices import LawyerStatus
from lvxie.registry.models import LawFirm, Lawyer
from lvxie.workflow import publication
from lvxie.workflow import services as workflow_services
from lvxie.workflow.choices import WindowState
from lvxie.workflow.models import Objection
from lvxie.workflow.transitions import Change, Transition, Workflow, perform
from lvxie.workflow.workdays import add_working_days

from . import policies
from .choices import NominationAction, NominationStatus, Nominee, PrizeLevel
from .kinds import COMMENDATION_KINDS, Rule, rule
from .models import Honour, Nomination, Prize, Vote, VoteRevision

NOTICE_KIND = "commendations.notice"
NOTICE_DAYS = 5
DEEDS_MAX = 3000


def _nominee_kind(nominee: Lawyer | LawFirm | PartyOrg) -> str:
    if isinstance(nominee, Lawyer):
        return Nominee.LAWYER
    return Nominee.FIRM if isinstance(nominee, LawFirm) else Nominee.PARTY_ORG


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def ineligible(
    submission: Submission, category: str, nominee: Lawyer | LawFirm | PartyOrg, today: dt.date | None = None
) -> list[str]:
    """Why the nominee may not be put forward in the category by the submission's unit, from the
    records lvxie holds (registry, discipline, Party membership); [] when eligible."""
    today = today or timezone.localdate()
    found = rule(submission.call.kind, category)
    if found is None:
        return [_t("This call has no such category.")]
    reasons: list[str] = []
    if _nominee_kind(nominee) != found.nominee:
        return [_t("This category commends %(what)s.") % {"what": Nominee(found.nominee).label}]
    if found.own_unit and not _own(submission, nominee):
        return [_t("Only the nominating unit's own may be nominated.")]  # and nothing of others' records
    if not under(
        nominee.region.path if not isinstance(nominee, PartyOrg) else nominee.region_path,
        submission.call.region.path,
    ):
        reasons.append(_t("The nominee is outside the issuing region."))
    if isinstance(nominee, Lawyer):
        reasons += _lawyer_reasons(found, nominee, today)
    elif isinstance(nominee, LawFirm) and found.clean_years:
        since = _years_ago(today, found.clean_years)
        if sanctioned_since(since=since, firm_ids=[nominee.pk])[1]:
            reasons.append(_t("Sanctioned within the last %(n)s years.") % {"n": found.clean_years})
    return reasons


def _lawyer_reasons(found: Rule, lawyer: Lawyer, today: dt.date) -> list[str]:
    reasons = []
    if lawyer.status != LawyerStatus.PRACTISING:
        reasons.append(_t("Not practising."))
    if found.lawyer_kinds and lawyer.kind not in found.lawyer_kinds:
        reasons.append(_t("This category is for another kind of lawyer."))
    years = today.year - lawyer.first_licensed_year
    if years < found.min_years:
        reasons.append(
            _t("%(years)s years in practice; at least %(n)s are needed.")
            % {"years": years, "n": found.min_years}
        )
    if found.clean_years:
        since = _years_ago(today, found.clean_years)
        if sanctioned_since(since=since, lawyer_ids=[lawyer.pk])[0]:
            reasons.append(_t("Sanctioned within the last %(n)s years.") % {"n": found.clean_years})
    if found.party_member and not _member(lawyer):
        reasons.append(_t("Not a Party member."))
    return reasons


def _member(lawyer: Lawyer) -> bool:
    return PartyMembership.objects.filter(lawyer=lawyer, status=MemberStatus.ACTIVE).exists()


def _own(submission: Submission, nominee: Lawyer | LawFirm | PartyOrg) -> bool:
    """Is the nominee the submission's unit or one of its own (a firm's lawyer; a Party organization
    itself, one below it, or an active member of either)?"""
    if submission.firm_id is not None:
        if isinstance(nominee, LawFirm):
            return nominee.pk == submission.firm_id
        return isinstance(nominee, Lawyer) and nominee.firm_id == submission.firm_id
    if submission.party_org_id is not None:
        root = submission.party_org.path  # type: ignore[union-attr]  # set above
        if isinstance(nominee, PartyOrg):
            return under(nominee.path, root)
        return (
            isinstance(nominee, Lawyer)
            and PartyMembership.objects.filter(
                lawyer=nominee, status=MemberStatus.ACTIVE, org__path__startswith=root
            ).exists()
        )
    return isinstance(nominee, Lawyer) and nominee.pk == submission.lawyer_id


def _may_change(submission: Submission) -> None:
    call = submission.call
    if call.kind not in COMMENDATION_KINDS:
        raise ValidationError(_("This call takes no nominations."), code="not_commendation")
    takes = call.status == CallStatus.OPEN or (
        call.status == CallStatus.REVIEWING and submission.status == SubmissionStatus.RETURNED
    )
    if not takes or submission.status not in call_services.EDITABLE:
        raise ValidationError(
            _("Nominations change only while the unit's submission is a draft or returned."),
            code="not_editable",
        )


def _field_of(nominee: Lawyer | LawFirm | PartyOrg) -> str:
    """The nomination's field for this nominee (the choice's value names it)."""
    return str(_nominee_kind(nominee))


@transaction.atomic
def nominations_read(*, actor: Actor | None, call: Call, what: str = "list") -> None:
    """Record that someone read the nominations of a Party-side round (who was put forward, Party
    members among them), as the Party side records reads of membership."""
    audit_record(actor=actor, action="commendation.nominations_read", obj=call, after={"what": what})


@transaction.atomic
def results_export(*, actor: Actor | None, call: Call, fmt: str, rows: int) -> None:
    """Record an export of a round's results (who was put forward, the votes, the awards)."""
    policies.require(actor, policies.RESULTS_EXPORT, call)
    audit_record(
        actor=actor, action="commendation.results_export", obj=call, after={"format": fmt, "rows": rows}
    )


@transaction.atomic
def honours_read(*, actor: Actor | None, what: str = "list") -> None:
    """Record that someone read honours of the Party categories."""
    audit_record(actor=actor, action="commendation.honours_read", obj=None, after={"what": what})


def nominee_for(
    *, submission: Submission, category: str, licence_no: str = "", party_org: PartyOrg | None = None
) -> Lawyer | LawFirm | PartyOrg:
    """Who a nomination names, as a page or the API gives it: a lawyer by licence number; the unit
    itself (a firm; a Party organization, or `party_org`, one below it)."""
    found = rule(submission.call.kind, category)
    if found is None:
        raise ValidationError(
            {"category": ValidationError(_("This call has no such category."), code="category")}
        )
    if found.nominee == Nominee.LAWYER:
        lawyer = Lawyer.objects.filter(licence_no=licence_no.strip()).select_related("firm", "region").first()
        if lawyer is None:
            raise ValidationError(
                {
                    "licence_no": ValidationError(
                        _("No lawyer has this licence number."), code="unknown_lawyer"
                    )
                }
            )
        return lawyer
    unit = party_org or submission.party_org if found.nominee == Nominee.PARTY_ORG else submission.firm
    if unit is None:
        raise ValidationError(
            {"category": ValidationError(_("This unit cannot be nominated here."), code="category")}
        )
    return unit


@transaction.atomic
def nominate(
    *,
    actor: Actor | None,
    submission: Submission,
    category: str,
    nominee: Lawyer | LawFirm | PartyOrg,
    deeds: str,
) -> Nomination:
    """The unit puts a nominee forward in a category, with the deeds. Refused with the reasons when the
    records show the nominee ineligible, or when the unit already fills the category's places."""
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("call", "call__region", "firm", "party_org", "lawyer")
        .get(pk=submission.pk)
    )
    nomination = Nomination(
        call=submission.call,
        submission=submission,
        category=category,
        deeds=deeds.strip(),
        **{_field_of(nominee): nominee},
    )
    policies.require(actor, policies.NOMINATE, nomination)
    _may_change(submission)
    if not nomination.deeds:
        raise ValidationError({"deeds": ValidationError(_("Describe the nominee's deeds."), code="required")})
    if len(nomination.deeds) > DEEDS_MAX:
        raise ValidationError({"deeds": ValidationError(_("The deeds are too long."), code="too_long")})
    validate_multiline_text(nomination.deeds)
    reasons = ineligible(submission, category, nominee)
    found = rule(submission.call.kind, category)
    if (
        reasons
        and found is not None
        and not found.own_unit
        and isinstance(nominee, Lawyer)
        and not Lawyer.objects.visible_to(actor).filter(pk=nominee.pk).exists()
    ):
        # Someone else's lawyer (a category open to any unit): the records are not the nominator's to read.
        reasons = [_t("The records lvxie holds do not allow this nomination; the issuing side can say why.")]
    if reasons:
        raise ValidationError(
            _("Not eligible: %(reasons)s"), code="ineligible", params={"reasons": " ".join(reasons)}
        )
    places = submission.call.quota(category)
    if Nomination.objects.filter(submission=submission, category=category).count() >= places:
        raise ValidationError(
            _("The category has %(n)s places: the unit has nominated as many."),
            code="over_quota",
            params={"n": places},
        )
    if Nomination.objects.filter(
        call=submission.call, category=category, **{_field_of(nominee): nominee}
    ).exists():
        raise ValidationError(_("Already nominated in this category."), code="duplicate")
    return save_audited(actor=actor, obj=nomination, action="commendation.nominate")


@transaction.atomic
def nomination_withdraw(*, actor: Actor | None, nomination: Nomination) -> None:
    """The unit takes a nomination back while its submission is a draft or returned."""
    policies.require(actor, policies.NOMINATION_WITHDRAW, nomination)
    _may_change(nomination.submission)
    audit_record(
        actor=actor, action="commendation.withdraw", obj=nomination, before={"nominee": nomination.name}
    )
    nomination.delete()


def check_before_submit(submission: Submission) -> None:
    """Run by the calls machinery when the unit submits (`CallKind.on_submit`): at least one nominee,
    each still eligible (a sanction may have been decided since)."""
    rows = list(submission.nominations.select_related("lawyer", "firm", "party_org"))
    if not rows:
        raise ValidationError(_("Nominate at least one candidate."), code="no_nominee")
    for row in rows:
        nominee = row.nominee
        assert nominee is not None  # the check constraint: exactly one is set
        reasons = ineligible(submission, row.category, nominee)
        if reasons:
            raise ValidationError(
                _("%(name)s is no longer eligible: %(reasons)s"),
                code="ineligible",
                params={"name": row.name, "reasons": " ".join(reasons)},
            )


@transaction.atomic
def vote_cast(*, actor: Actor | None, nomination: Nomination, approve: bool, reason: str = "") -> Vote:
    """A panel member votes for or against a nomination of an accepted submission, once the call is
    closed to submissions. Voting again changes the vote: the old one is kept with the `reason`, which
    a change requires. A conflict of interest is refused with its reason."""
    nomination = Nomination.objects.select_related(
        "call", "call__region", "submission", "submission__party_org", "lawyer", "firm", "party_org"
    ).get(pk=nomination.pk)
    policies.require(actor, policies.VOTE, nomination)
    reviewer = signed_in(actor)
    assert reviewer is not None  # people only
    if nomination.call.status != CallStatus.REVIEWING:
        raise ValidationError(
            _("The panel votes once the call is closed to submissions."), code="not_reviewing"
        )
    if (
        nomination.submission.status != SubmissionStatus.ACCEPTED
        or nomination.status != NominationStatus.NOMINATED
    ):
        raise ValidationError(
            _("Only nominations of accepted submissions still before the panel."), code="not_open"
        )
    now = timezone.now()
    vote = Vote.objects.select_for_update().filter(nomination=nomination, reviewer=reviewer).first()
    if vote is None:
        vote = Vote.objects.create(nomination=nomination, reviewer=reviewer, approve=approve, voted_at=now)
        audit_record(actor=actor, action="commendation.vote", obj=nomination, after={"approve": approve})
        return vote
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Say why the vote changes."), code="required")})
    VoteRevision.objects.create(vote=vote, approve=vote.approve, reason=reason.strip(), changed_by=reviewer)
    before = {"approve": vote.approve}
    vote.approve, vote.changed_at = approve, now
    vote.save(update_fields=["approve", "changed_at"])
    audit_record(
        actor=actor,
        action="commendation.vote_change",
        obj=nomination,
        before=before,
        after={"approve": approve, "reason": reason.strip()},
    )
    return vote


def votes_missing(call: Call) -> int:
    """How many (nomination, panel member) pairs still lack a vote, leaving out conflicts."""
    panel = list(call.reviewers.all())
    rows = _before_panel(call)
    voted = set(Vote.objects.filter(nomination__call=call).values_list("nomination_id", "reviewer_id"))
    return sum(
        1 for n in rows for r in panel if (n.pk, r.pk) not in voted and not policies.conflict_reason(r, n)
    )


def _before_panel(call: Call) -> list[Nomination]:
    return list(
        Nomination.objects.filter(
            call=call, status=NominationStatus.NOMINATED, submission__status=SubmissionStatus.ACCEPTED
        ).select_related("submission", "submission__party_org", "lawyer", "firm", "party_org", "call")
    )


def _step(actor: Actor | None, nomination: Nomination, name: str, reason: str = "") -> Nomination:
    return perform(
        NOMINATION_WORKFLOW, actor=actor, obj=nomination, name=name, version=nomination.version, reason=reason
    )


@transaction.atomic
def panel_decide(*, actor: Actor | None, call: Call) -> dict[str, int]:
    """Count the panel's votes, once every member has voted on every nomination (but conflicts): in
    each category, those with a majority for, most votes first, are recommended up to the category's
    places; the rest are not, with the reason (over the places, or no majority). Returns the counts."""
    policies.require(actor, policies.PANEL_DECIDE, call)
    call = Call.objects.select_for_update().select_related("region").get(pk=call.pk)
    if call.status != CallStatus.REVIEWING:
        raise ValidationError(_("Close the call to submissions first."), code="not_reviewing")
    rows = _before_panel(call)
    if not rows:
        raise ValidationError(_("No nomination is before the panel."), code="nothing_accepted")
    missing = votes_missing(call)
    if missing:
        raise ValidationError(
            _("%(n)s votes are still missing."), code="votes_missing", params={"n": missing}
        )
    tally: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for nomination_id, approve in Vote.objects.filter(nomination__in=rows).values_list(
        "nomination_id", "approve"
    ):
        yes, no = tally[nomination_id]
        tally[nomination_id] = (yes + approve, no + (not approve))
    by_category: dict[str, list[Nomination]] = defaultdict(list)
    for row in rows:
        row.yes_votes, row.no_votes = tally[row.pk]
        by_category[row.category].append(row)
    counts = {"recommended": 0, "declined": 0}
    for category, group in by_category.items():
        places = call.quota(category)
        group.sort(key=lambda n: (-n.yes_votes, n.pk))
        taken = 0
        for row in group:
            if row.yes_votes <= row.no_votes:
                _step(actor, row, NominationAction.DECLINE, _t("No majority of the panel."))
                counts["declined"] += 1
            elif taken >= places:
                _step(
                    actor,
                    row,
                    NominationAction.DECLINE,
                    _t("Over the %(n)s places of the category.") % {"n": places},
                )
                counts["declined"] += 1
            else:
                _step(actor, row, NominationAction.RECOMMEND)
                taken += 1
                counts["recommended"] += 1
    audit_record(actor=actor, action="commendation.panel_decide", obj=call, after=counts)
    return counts


def _window_end(start: dt.datetime, days: int) -> dt.datetime:
    """The end of the `days`-th working day after the start's day (the notice's last day, whole)."""
    last = add_working_days(timezone.localdate(start), days).date
    return timezone.make_aware(dt.datetime.combine(last, dt.time(23, 59, 59)))


@transaction.atomic
def notice_open(
    *, actor: Actor | None, call: Call, days: int = NOTICE_DAYS, starts_at: dt.datetime | None = None
) -> int:
    """Show every recommended nomination in the public notice (公示) for `days` working days: a
    publication window each, through which the public may object. Only the name, unit and category are
    published. Returns how many."""
    policies.require(actor, policies.NOTICE_OPEN, call)
    if not 1 <= days <= 30:
        raise ValidationError({"days": ValidationError(_("Between 1 and 30 working days."), code="range")})
    rows = list(
        Nomination.objects.filter(call=call, status=NominationStatus.RECOMMENDED).select_related(
            "call", "call__region", "submission", "lawyer", "lawyer__firm", "firm", "party_org"
        )
    )
    if not rows:
        raise ValidationError(_("No nomination is recommended."), code="nothing_recommended")
    starts_at = starts_at or timezone.now()
    ends_at = _window_end(starts_at, days)
    for row in rows:
        _step(actor, row, NominationAction.NOTICE)
        workflow_services.window_create(
            actor=actor,
            obj=row,
            kind=NOTICE_KIND,
            title=f"{row.name} · {row.category_label}",
            starts_at=starts_at,
            ends_at=ends_at,
            scope_path=call.region.path,
            party=call.party,
        )
    audit_record(
        actor=actor,
        action="commendation.notice_open",
        obj=call,
        after={"nominations": len(rows), "until": ends_at},
    )
    return len(rows)


def nomination_of(objection: Objection) -> Nomination:
    """The nomination an objection is to (a window of the notice kind)."""
    if objection.window.kind != NOTICE_KIND:
        raise ValidationError(_("This objection is not to a commendation."), code="not_commendation")
    return Nomination.objects.select_related("call", "call__region").get(pk=int(objection.window.object_id))


@transaction.atomic
def objection_decide(*, actor: Actor | None, objection: Objection, upheld: bool, reason: str) -> Objection:
    """Decide an objection from the public, with the reason. Upheld, it stops that award: the
    nomination is stopped and taken off the public notice."""
    nomination = nomination_of(objection)
    policies.require(actor, policies.OBJECTION_DECIDE, nomination)
    objection = workflow_services.objection_decide(
        actor=actor, objection=objection, upheld=upheld, reason=reason
    )
    if upheld and nomination.status == NominationStatus.IN_NOTICE:
        _step(actor, nomination, NominationAction.STOP, reason)
        if objection.window.withdrawn_at is None and objection.window.state() != WindowState.CLOSED:
            workflow_services.window_withdraw(actor=actor, window=objection.window, reason=reason)
    return objection


def _honour_of(nomination: Nomination, day: dt.date) -> Honour:
    nominee = nomination.nominee
    party = nomination.call.party
    region = nominee.region if nominee is not None else nomination.submission.region
    return Honour(
        lawyer=nomination.lawyer,
        firm=nomination.firm,
        party_org=nomination.party_org,
        region=region,
        org_path=nomination.submission.party_org.path if nomination.submission.party_org else "",
        call=nomination.call,
        title=f"{nomination.call.title} · {nomination.category_label}",
        awarded_on=day,
        party=party,
        public=not party,
        nomination=nomination,
    )


@transaction.atomic
def award_confirm(*, actor: Actor | None, call: Call, now: dt.datetime | None = None) -> int:
    """After the public notice: every nomination still in it is awarded (an honour on the nominee's
    record). Refused while the notice runs or while an objection waits for a decision. Returns how
    many were awarded."""
    policies.require(actor, policies.AWARD, call)
    now = now or timezone.now()
    rows = list(
        Nomination.objects.filter(call=call, status=NominationStatus.IN_NOTICE).select_related(
            "call", "call__region", "submission", "submission__party_org", "lawyer", "firm", "party_org"
        )
    )
    if not rows:
        raise ValidationError(_("No nomination is in public notice."), code="nothing_in_notice")
    for row in rows:
        windows = publication.windows_of(row)
        running = [w for w in windows if w.state(now) != WindowState.CLOSED]
        if running:
            raise ValidationError(
                _("The public notice runs until %(until)s."),
                code="notice_running",
                params={"until": timezone.localtime(running[0].ends_at).strftime("%Y-%m-%d %H:%M")},
            )
        waiting = publication.undecided(row)
        if waiting:
            raise ValidationError(
                _("%(n)s objections to %(name)s wait for a decision."),
                code="objections_waiting",
                params={"n": waiting, "name": row.name},
            )
    day = timezone.localdate(now)
    for row in rows:
        _step(actor, row, NominationAction.AWARD)
        validate(honour := _honour_of(row, day))
        honour.save()
    audit_record(actor=actor, action="commendation.award", obj=call, after={"awarded": len(rows)})
    return len(rows)


def _apply(change: Change[Nomination]) -> None:
    if change.transition.name in (NominationAction.DECLINE, NominationAction.STOP):
        change.obj.reason = change.reason


NOMINATION_WORKFLOW: Workflow[Nomination] = Workflow(
    name="commendations.nomination",
    model=Nomination,
    states=NominationStatus,
    transitions=(
        Transition(NominationAction.RECOMMEND, (NominationStatus.NOMINATED,), NominationStatus.RECOMMENDED),
        Transition(
            NominationAction.DECLINE,
            (NominationStatus.NOMINATED,),
            NominationStatus.NOT_RECOMMENDED,
            needs_reason=True,
        ),
        Transition(NominationAction.NOTICE, (NominationStatus.RECOMMENDED,), NominationStatus.IN_NOTICE),
        Transition(
            NominationAction.STOP, (NominationStatus.IN_NOTICE,), NominationStatus.STOPPED, needs_reason=True
        ),
        Transition(NominationAction.AWARD, (NominationStatus.IN_NOTICE,), NominationStatus.AWARDED),
    ),
    steps=NominationAction,
    policy_actions=policies.NOMINATION,
    audit_prefix="commendation.nomination_",
    wrong_state=_("A nomination that is %(status)s cannot be %(action)s."),
    version_field="version",
    apply=_apply,
)


# Contests ------------------------------------------------------------------------------------------

PRIZE_ORDER = tuple(PrizeLevel)


@transaction.atomic
def prizes_award(*, actor: Actor | None, call: Call, counts: Mapping[str, int]) -> list[Prize]:
    """Give a contest's prizes by rank: the best `counts["first"]` entries the first prize, the next
    the second, and so on; an entry tied with the last of a prize shares it. Every entry must be
    scored by every judge (but conflicts). Given again before publication, it replaces the prizes."""
    policies.require(actor, policies.PRIZE_AWARD, call)
    call = Call.objects.select_for_update().select_related("region").get(pk=call.pk)
    if not call.spec.scored:
        raise ValidationError(_("Only a scored call gives prizes."), code="not_scored")
    if call.status != CallStatus.REVIEWING:
        raise ValidationError(_("Close the call to submissions first."), code="not_reviewing")
    clean: dict[str, int] = {}
    for code in PRIZE_ORDER:
        raw = counts.get(code, 0)
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 1000:
            raise ValidationError({code: ValidationError(_("A whole number from 0 to 1000."), code="range")})
        clean[code] = raw
    if not any(clean.values()):
        raise ValidationError(_("Give at least one prize."), code="required")
    rows = call_selectors.results(call)
    if not rows or any(r.total is None for r in rows):
        raise ValidationError(_("Every entry must be scored by every judge first."), code="scores_missing")
    Prize.objects.filter(call=call).delete()
    levels = [code for code in PRIZE_ORDER for _n in range(clean[code])]
    prizes: list[Prize] = []
    for index, row in enumerate(rows):
        level: str | None = levels[index] if index < len(levels) else None
        if level is None and prizes and prizes[-1].rank == row.rank:
            level = prizes[-1].level  # a tie with the last prize shares it
        if level is None:
            break
        prizes.append(Prize(call=call, submission=row.submission, level=level, rank=row.rank or 0))
    Prize.objects.bulk_create(prizes)
    audit_record(
        actor=actor, action="contest.prizes_award", obj=call, after={"counts": clean, "prizes": len(prizes)}
    )
    return prizes


@transaction.atomic
def collection_publish(
    *, actor: Actor | None, call: Call, days: int = 250, starts_at: dt.datetime | None = None
) -> Call:
    """Publish a contest's collection of winning entries on the public site (the call's results, for
    `days` working days) and put each prize on the winner's record."""
    policies.require(actor, policies.COLLECTION_PUBLISH, call)
    prizes = list(
        Prize.objects.filter(call=call).select_related(
            "submission",
            "submission__firm",
            "submission__party_org",
            "submission__lawyer",
            "submission__region",
        )
    )
    if not prizes:
        raise ValidationError(_("Award the prizes first."), code="no_prizes")
    call = call_services.result_publish(actor=actor, call=call, days=days, starts_at=starts_at)
    day = timezone.localdate(starts_at or timezone.now())
    honours = []
    for prize in prizes:
        s = prize.submission
        honours.append(
            Honour(
                lawyer=s.lawyer,
                firm=s.firm,
                party_org=s.party_org,
                region=s.region,
                org_path=s.party_org.path if s.party_org else "",
                call=call,
                title=f"{call.title} · {prize.get_level_display()}",
                awarded_on=day,
                party=call.party,
                public=not call.party,
                prize=prize,
            )
        )
    Honour.objects.bulk_create(honours)
    audit_record(actor=actor, action="contest.collection_publish", obj=call, after={"honours": len(honours)})
    return call
