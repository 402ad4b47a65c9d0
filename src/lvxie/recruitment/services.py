"""Writes of member development (发展党员). A record starts with the application (`recruit_create`);
every later step is a transition of `RECRUIT_WORKFLOW` taken through `recruit_step` (the one
`workflow.transitions.perform`): the branch's decisions by its secretary, the approvals by the Party
committee staff above it. Each step carries the day it was decided and a reference to the meeting's
minutes or the approval; it is refused, with nothing changed, when the order of steps, a date, an
introducer or the probationary year does not fit. The Party roll's membership is started, confirmed
or ended through the Party side's own services when the committee approves."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.services import audit_record
from lvxie.core.scoping import scope_of
from lvxie.core.services import validate
from lvxie.core.types import Actor, signed_in
from lvxie.notifications.selectors import firm_people, region_people
from lvxie.notifications.services import Text, notify
from lvxie.orglife.choices import MeetingKind, MeetingStatus
from lvxie.orglife.models import Meeting
from lvxie.party import selectors as party_selectors
from lvxie.party import services as party_services
from lvxie.party.choices import MemberKind, MemberStatus, OrgStatus
from lvxie.party.models import PartyMembership, PartyOrg
from lvxie.registry.models import LawFirm, Lawyer, Trainee
from lvxie.workflow.transitions import Change, Transition, Workflow, actor_name, perform

from . import policies
from .choices import OPEN_STAGES, PersonKind, Stage, Step
from .models import Body, Recruit, RecruitEvent

# An activist is trained and observed for at least a year before becoming a development target.
TRAINING_DAYS = 365
# A probation may be extended once, by at most a year.
MAX_EXTENSION_MONTHS = 12
# Reminders of a probation's end start this many days before it.
PROBATION_NOTICE_DAYS = 30

# The kinds of branch meeting that decide each branch step (the first is the one named in a refusal):
# the branch committee names activists and targets, the members' meeting admits and ends a probation.
MEETING_KINDS: dict[str, tuple[str, ...]] = {
    Step.ACTIVIST: (MeetingKind.COMMITTEE, MeetingKind.MEMBERS),
    Step.TARGET: (MeetingKind.COMMITTEE, MeetingKind.MEMBERS),
    Step.STOP: (MeetingKind.COMMITTEE, MeetingKind.MEMBERS),
    Step.ADMIT: (MeetingKind.MEMBERS,),
    Step.CONVERT: (MeetingKind.MEMBERS,),
    Step.EXTEND: (MeetingKind.MEMBERS,),
    Step.CANCEL: (MeetingKind.MEMBERS,),
}

STEP_BODY: dict[str, str] = {
    Step.APPLY: Body.APPLICANT,
    Step.ACTIVIST: Body.BRANCH_COMMITTEE,
    Step.TARGET: Body.BRANCH_COMMITTEE,
    Step.ADMIT: Body.MEMBERS_MEETING,
    Step.CONVERT: Body.MEMBERS_MEETING,
    Step.EXTEND: Body.MEMBERS_MEETING,
    Step.CANCEL: Body.MEMBERS_MEETING,
    Step.STOP: Body.BRANCH_COMMITTEE,
}


def _field_error(field: str, message, code: str, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def one_year_after(day: date, months: int = 12) -> date:
    """The same day `months` later (29 February becomes 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _check_day(decided_on: date | None, *, not_before: date | None) -> date:
    if decided_on is None:
        raise _field_error("decided_on", _("Give the date of the decision."), "date_required")
    if decided_on > timezone.localdate():
        raise _field_error("decided_on", _("The date cannot be in the future."), "future")
    if not_before is not None and decided_on < not_before:
        raise _field_error(
            "decided_on",
            _("The date cannot be before the previous step (%(day)s)."),
            "before_previous",
            day=not_before.isoformat(),
        )
    return decided_on


# Applications


def _person_unavailable(field: str) -> ValidationError:
    return _field_error(
        field,
        _("No such person works in a firm of this organization."),
        "unavailable",
    )


def _check_not_member(actor: Actor | None, lawyer: Lawyer) -> None:
    """A current Party member does not apply again; whose member they are is told only to who sees it."""
    current = PartyMembership.objects.filter(lawyer=lawyer, status=MemberStatus.ACTIVE)
    if not current.exists():
        return
    seen = current.visible_to(actor).select_related("org").first() if actor else current.first()
    if seen is None:
        raise _person_unavailable("licence_no")
    raise _field_error(
        "licence_no",
        _("This lawyer is already a Party member (%(org)s)."),
        "already_member",
        org=seen.org.name,
    )


def _check_not_open(actor: Actor | None, **person) -> None:
    open_records = Recruit.objects.filter(stage__in=OPEN_STAGES, **person)
    if not open_records.exists():
        return
    seen = open_records.visible_to(actor).select_related("org").first() if actor else open_records.first()
    field = "licence_no" if "lawyer" in person else "certificate_no"
    if seen is None:
        raise _person_unavailable(field)
    raise _field_error(
        field, _("This person is already on the way in %(org)s."), "already_recruit", org=seen.org.name
    )


@transaction.atomic
def recruit_create(
    *,
    actor: Actor | None,
    org: PartyOrg,
    person_kind: str,
    applied_on: date,
    licence_no: str = "",
    certificate_no: str = "",
    name: str = "",
    firm: LawFirm | None = None,
    birth_year: int | None = None,
    firm_manager: bool = False,
    reference: str = "",
) -> Recruit:
    """Record an application to join the Party (入党申请书) received by the branch: a lawyer (by
    licence number) or a trainee (by certificate number) of a firm the organization sits in or covers,
    or a staff member of such a firm (by name)."""
    policies.require(actor, policies.RECORD, org)
    if org.status != OrgStatus.ACTIVE:
        raise ValidationError(_("This organization is no longer active."), code="org_inactive")
    firms = set(party_selectors.org_firms(org).values_list("firm_id", flat=True))
    recruit = Recruit(
        org=org,
        person_kind=person_kind,
        applied_on=applied_on,
        birth_year=birth_year,
        firm_manager=firm_manager,
    )
    if person_kind == PersonKind.LAWYER:
        lawyer = Lawyer.objects.filter(licence_no=licence_no.strip(), firm_id__in=firms).first()
        if lawyer is None:
            raise _person_unavailable("licence_no")
        _check_not_member(actor, lawyer)
        _check_not_open(actor, lawyer=lawyer)
        recruit.lawyer, recruit.name, recruit.firm_id = lawyer, lawyer.name, lawyer.firm_id
    elif person_kind == PersonKind.TRAINEE:
        trainee = Trainee.objects.filter(certificate_no=certificate_no.strip(), firm_id__in=firms).first()
        if trainee is None:
            raise _person_unavailable("certificate_no")
        _check_not_open(actor, trainee=trainee)
        recruit.trainee, recruit.name, recruit.firm_id = trainee, trainee.name, trainee.firm_id
    elif person_kind == PersonKind.STAFF:
        if firm is None or firm.pk not in firms:
            raise _field_error("firm", _("Choose a firm of this organization."), "unknown_firm")
        recruit.name, recruit.firm = name.strip(), firm
    else:
        raise _field_error("person_kind", _("Choose who applies."), "person_kind")
    _check_day(applied_on, not_before=None)
    if birth_year is not None and not 1900 <= birth_year <= applied_on.year - 18:
        raise _field_error(
            "birth_year", _("An applicant is at least 18 years old when applying."), "too_young"
        )
    validate(recruit)
    recruit.save()
    audit_record(
        actor=actor,
        action="recruitment.apply",
        obj=recruit,
        after={"org": org.pk, "person_kind": person_kind, "applied_on": applied_on},
    )
    RecruitEvent.objects.create(
        recruit=recruit,
        step=Step.APPLY,
        to_stage=Stage.APPLICANT,
        decided_on=applied_on,
        body=Body.APPLICANT,
        reference=reference.strip(),
        actor=signed_in(actor),
        actor_name=actor_name(actor),
    )
    return recruit


# The steps


def _last_decided(recruit: Recruit) -> date | None:
    last = recruit.events.order_by("-decided_on").values_list("decided_on", flat=True).first()
    return last


def _introducer(actor: Actor | None, recruit: Recruit, member_id: int | None, field: str) -> PartyMembership:
    """An introducer is a current full member the actor sees, not the person themselves."""
    if member_id is None:
        raise _field_error(field, _("Choose a member of the organization as introducer."), "unknown_member")
    found = (
        PartyMembership.objects.visible_to(actor).filter(pk=member_id).select_related("lawyer").first()
        if actor is not None
        else PartyMembership.objects.filter(pk=member_id).select_related("lawyer").first()
    )
    if found is None:
        raise _field_error(field, _("Choose a member of the organization as introducer."), "unknown_member")
    if found.status != MemberStatus.ACTIVE or found.kind != MemberKind.FULL:
        raise _field_error(
            field,
            _("%(name)s is not a full member: an introducer must be a full Party member."),
            "not_full_member",
            name=found.lawyer.name,
        )
    if recruit.lawyer_id is not None and found.lawyer_id == recruit.lawyer_id:
        raise _field_error(field, _("A person cannot introduce themself."), "self_introducer")
    return found


def _check_introducers_still_full(recruit: Recruit) -> None:
    for member in (recruit.introducer_1, recruit.introducer_2):
        if member is None or member.status != MemberStatus.ACTIVE or member.kind != MemberKind.FULL:
            raise ValidationError(
                _("Both introducers must still be full members; name new introducers first."),
                code="not_full_member",
            )


def _meeting(change: Change[Recruit], meeting_id: int) -> Meeting:
    """The branch meeting that took the decision: a meeting of the record's organization the actor sees,
    held, of the kind the step needs, on the day of the decision (which it gives when none is)."""
    step, extra, actor = change.transition.name, change.extra, change.actor
    kinds = MEETING_KINDS.get(step)
    if kinds is None:
        raise _field_error(
            "meeting", _("The committee's approvals are not decided by a branch meeting."), "meeting_step"
        )
    meetings = Meeting.objects.visible_to(actor) if actor is not None else Meeting.objects.all()
    meeting = meetings.filter(pk=meeting_id, org_id=change.obj.org_id).first()
    if meeting is None:
        raise _field_error("meeting", _("Choose a meeting of this organization."), "unknown_meeting")
    if meeting.status != MeetingStatus.HELD:
        raise _field_error("meeting", _("Only a meeting that was held can decide."), "meeting_not_held")
    if meeting.kind not in kinds:
        raise _field_error(
            "meeting",
            _("This step is decided by a %(kind)s."),
            "meeting_kind",
            kind=str(MeetingKind(kinds[0]).label),
        )
    if extra.get("decided_on") is None:
        extra["decided_on"] = meeting.date
    elif extra["decided_on"] != meeting.date:
        raise _field_error(
            "decided_on",
            _("The decision's date is the meeting's (%(day)s)."),
            "meeting_date",
            day=meeting.date.isoformat(),
        )
    return meeting


def _check(change: Change[Recruit]) -> None:
    """Refuse what does not fit, before anything is written: the meeting, the day of the decision, the
    introducers, the training year, the probationary year."""
    recruit, step, extra = change.obj, change.transition.name, change.extra
    if extra.get("meeting") is not None:
        extra["meeting"] = _meeting(change, extra["meeting"])
    day = _check_day(extra.get("decided_on"), not_before=_last_decided(recruit))
    if step == Step.TARGET:
        assert recruit.activist_on is not None  # the stage guarantees it
        ready = recruit.activist_on + timedelta(days=TRAINING_DAYS)
        if day < ready:
            raise _field_error(
                "decided_on",
                _(
                    "An activist is trained for at least a year before becoming a development target "
                    "(from %(day)s)."
                ),
                "training_year",
                day=ready.isoformat(),
            )
        first = _introducer(change.actor, recruit, extra.get("introducer_1"), "introducer_1")
        second = _introducer(change.actor, recruit, extra.get("introducer_2"), "introducer_2")
        if first.pk == second.pk:
            raise _field_error("introducer_2", _("Name two different introducers."), "same_introducer")
        extra["introducers"] = (first, second)
    if step == Step.ADMIT:
        _check_introducers_still_full(recruit)
    if step in (Step.CONVERT, Step.EXTEND):
        assert recruit.probation_ends_on is not None  # the stage guarantees it
        if day < recruit.probation_ends_on:
            raise _field_error(
                "decided_on",
                _("The probationary year is not over yet (it ends on %(day)s)."),
                "probation_not_over",
                day=recruit.probation_ends_on.isoformat(),
            )
    if step == Step.EXTEND:
        if recruit.extended:
            raise ValidationError(_("A probation can be extended only once."), code="extended_once")
        months = extra.get("extension_months")
        if not isinstance(months, int) or not 1 <= months <= MAX_EXTENSION_MONTHS:
            raise _field_error(
                "extension_months",
                _("A probation is extended by 1 to 12 months."),
                "extension_months",
            )


def _apply(change: Change[Recruit]) -> None:
    """The step's dates, and the Party roll's membership on the committee's approvals."""
    recruit, step, actor = change.obj, change.transition.name, change.actor
    day: date = change.extra["decided_on"]
    if step == Step.ACTIVIST:
        recruit.activist_on = day
    elif step == Step.TARGET:
        recruit.target_on = day
        recruit.introducer_1, recruit.introducer_2 = change.extra["introducers"]
    elif step == Step.ADMIT:
        recruit.admitted_on, recruit.probation_ends_on = day, one_year_after(day)
    elif step == Step.REFUSE_ADMISSION:
        recruit.admitted_on = recruit.probation_ends_on = None
    elif step == Step.APPROVE_ADMISSION:
        recruit.approved_on = day
        if recruit.lawyer is not None:
            assert recruit.admitted_on is not None  # the stage guarantees it
            # Party age counts from the branch meeting's admission (入党时间).
            recruit.membership = party_services.membership_add(
                actor=actor,
                org=recruit.org,
                lawyer=recruit.lawyer,
                kind=MemberKind.PROBATIONARY,
                joined_party_on=recruit.admitted_on,
                joined_on=recruit.admitted_on,
            )
    elif step == Step.EXTEND:
        recruit.extension_months = change.extra["extension_months"]
    elif step == Step.APPROVE_EXTENSION:
        assert recruit.probation_ends_on is not None and recruit.extension_months
        recruit.probation_ends_on = one_year_after(recruit.probation_ends_on, recruit.extension_months)
        recruit.extended, recruit.extension_months = True, None
    elif step == Step.REFUSE_END:
        recruit.extension_months = None
    elif step == Step.APPROVE_CONVERSION:
        # A full member from the day the probation ended (转正时间).
        recruit.full_on = recruit.probation_ends_on
        if recruit.membership is not None:
            party_services.membership_confirm(actor=actor, member=recruit.membership)
    elif step == Step.APPROVE_CANCELLATION:
        recruit.ended_on = day
        if recruit.membership is not None:
            party_services.membership_end(
                actor=actor,
                member=recruit.membership,
                status=MemberStatus.LEFT,
                on=day,
                note=str(_("Probation cancelled")),
            )
    elif step == Step.STOP:
        recruit.ended_on = day


def _history(change: Change[Recruit]) -> None:
    step = change.transition.name
    RecruitEvent.objects.create(
        recruit=change.obj,
        step=step,
        from_stage=change.source,
        to_stage=change.obj.stage,
        decided_on=change.extra["decided_on"],
        body=STEP_BODY.get(step, Body.PARTY_COMMITTEE),
        reference=str(change.extra.get("reference") or "").strip()[:200],
        meeting=change.extra.get("meeting"),
        reason=change.reason,
        actor=signed_in(change.actor),
        actor_name=actor_name(change.actor),
    )


def _people(recruit: Recruit) -> list:
    """The secretaries of the organization and the Party committee staff over it."""
    return list(firm_people([], [recruit.org_id])) + list(region_people(recruit.org.region_path, party=True))


def _tell(change: Change[Recruit]):
    """The other side hears of a step: the committee of what waits for it, the branch of the decision.
    No names in the message: notifications are mailed."""
    from lvxie.workflow.transitions import Message

    recruit = change.obj
    return Message(
        users=[u for u in _people(recruit) if change.actor is None or u.pk != change.actor.pk],
        title=Text(
            _("Member development in %(org)s: %(stage)s"),
            {"org": recruit.org.name, "stage": Stage(recruit.stage).label},
        ),
        url=recruit.get_absolute_url(),
        key=f"recruitment:{recruit.pk}:{change.transition.name}:{recruit.version}",
    )


_PENDING_END = (Stage.CONVERSION_PENDING, Stage.EXTENSION_PENDING, Stage.CANCELLATION_PENDING)
_IN_TRAINING = (Stage.APPLICANT, Stage.ACTIVIST, Stage.TARGET)

RECRUIT_WORKFLOW: Workflow[Recruit] = Workflow(
    name="recruitment.recruit",
    model=Recruit,
    states=Stage,
    state_field="stage",
    transitions=(
        Transition(Step.ACTIVIST, (Stage.APPLICANT,), Stage.ACTIVIST),
        Transition(Step.TARGET, (Stage.ACTIVIST,), Stage.TARGET),
        Transition(Step.ADMIT, (Stage.TARGET,), Stage.ADMISSION_PENDING),
        Transition(Step.APPROVE_ADMISSION, (Stage.ADMISSION_PENDING,), Stage.PROBATIONARY),
        Transition(Step.REFUSE_ADMISSION, (Stage.ADMISSION_PENDING,), Stage.TARGET, needs_reason=True),
        Transition(Step.CONVERT, (Stage.PROBATIONARY,), Stage.CONVERSION_PENDING),
        Transition(Step.EXTEND, (Stage.PROBATIONARY,), Stage.EXTENSION_PENDING, needs_reason=True),
        Transition(Step.CANCEL, (Stage.PROBATIONARY,), Stage.CANCELLATION_PENDING, needs_reason=True),
        Transition(Step.APPROVE_CONVERSION, (Stage.CONVERSION_PENDING,), Stage.FULL),
        Transition(Step.APPROVE_EXTENSION, (Stage.EXTENSION_PENDING,), Stage.PROBATIONARY),
        Transition(Step.APPROVE_CANCELLATION, (Stage.CANCELLATION_PENDING,), Stage.CANCELLED),
        Transition(Step.REFUSE_END, _PENDING_END, Stage.PROBATIONARY, needs_reason=True),
        Transition(Step.STOP, _IN_TRAINING, Stage.STOPPED, needs_reason=True),
    ),
    steps=Step,
    policy_actions=policies.STEPS,
    audit_prefix="recruitment.",
    wrong_state=_("A person who is %(status)s cannot be given the step “%(action)s”."),
    version_field="version",
    check=_check,
    apply=_apply,
    history=_history,
    tell=_tell,
)


def recruit_step(
    *,
    actor: Actor | None,
    recruit: Recruit,
    step: str,
    version: int,
    decided_on: date | None,
    reference: str = "",
    reason: str = "",
    introducer_1: int | None = None,
    introducer_2: int | None = None,
    extension_months: int | None = None,
    meeting: int | None = None,
) -> Recruit:
    """Take one step of the record (`RECRUIT_WORKFLOW`), decided on `decided_on` (`reference`: the
    minutes or the approval) or by the branch meeting `meeting` (an orglife meeting's id: its date is
    the decision's). A development target names two introducers (membership ids); an extension its
    months."""
    return perform(
        RECRUIT_WORKFLOW,
        actor=actor,
        obj=recruit,
        name=step,
        version=version,
        reason=reason,
        decided_on=decided_on,
        reference=reference,
        introducer_1=introducer_1,
        introducer_2=introducer_2,
        extension_months=extension_months,
        meeting=meeting,
    )


@transaction.atomic
def recruits_read(*, actor: Actor | None, org: PartyOrg | None, what: str) -> None:
    """Record that someone read who is on the way into the Party: audited like the member list (the
    Party side's `members_read`), per organization, or once for a list over several (`org` None: the
    actor's whole Party scope)."""
    if org is not None:
        party_services.members_read(actor=actor, org=org, what=f"recruitment:{what}")
        return
    scope = scope_of(actor) if actor is not None else None
    audit_record(
        actor=actor,
        action="recruitment.read",
        obj=None,
        after={
            "what": what,
            "regions": list(scope.party_region_paths) if scope else [],
            "orgs": list(scope.party_org_paths) if scope else [],
        },
    )


def probation_reminders_send(*, today: date) -> int:
    """Tell the secretaries and the committee staff of each probation ending within
    `PROBATION_NOTICE_DAYS` days or ended and not yet resolved (once per record and end date)."""
    due = Recruit.objects.filter(
        stage=Stage.PROBATIONARY, probation_ends_on__lte=today + timedelta(days=PROBATION_NOTICE_DAYS)
    ).select_related("org")
    sent = 0
    for recruit in due:
        assert recruit.probation_ends_on is not None  # the filter guarantees it
        ended = recruit.probation_ends_on <= today
        title = (
            _("A probationary year in %(org)s ended on %(day)s: the branch meeting should decide")
            if ended
            else _("A probationary year in %(org)s ends on %(day)s")
        )
        sent += notify(
            users=_people(recruit),
            title=Text(title, {"org": recruit.org.name, "day": recruit.probation_ends_on.isoformat()}),
            url=recruit.get_absolute_url(),
            key=f"recruitment.probation:{recruit.pk}:{recruit.probation_ends_on}:{int(ended)}",
        )
    return sent
