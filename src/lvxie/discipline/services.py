"""Writes of disciplinary cases and sanctions. A case moves only through `CASE_WORKFLOW` (`case_step`,
on `workflow.transitions.perform`): each stage has a clock in working days (the lawyer's periods to
answer and to request a review are clocks too), a stage row for the figures, an audit event, and the
people told. A decided sanction stays on the record; a public one is published through
`workflow.publication` once final (never while a review may still be asked or is pending), for its
period, by `case_step` or by the job `discipline.finality` that makes unreviewed decisions final."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lvxie.audit.services import audit_record
from lvxie.complaints import services as complaint_services
from lvxie.complaints.choices import ComplaintAction, ComplaintStatus, ConductKind, Outcome
from lvxie.complaints.models import Complaint
from lvxie.core.types import Actor, signed_in
from lvxie.notifications.services import Text, notify
from lvxie.registry.models import LawFirm, Lawyer
from lvxie.workflow import services as workflow_services
from lvxie.workflow.choices import ClockState
from lvxie.workflow.clocks import clock_due
from lvxie.workflow.transitions import (
    Change,
    Message,
    Transition,
    Workflow,
    actor_name,
    claim_version,
    perform,
)
from lvxie.workflow.workdays import working_days_between

from . import policies
from .choices import (
    PUBLIC_BY_DEFAULT,
    CaseAction,
    CaseSource,
    CaseStatus,
    ReviewDecision,
    SanctionKind,
    SanctionStatus,
)
from .models import CaseGrant, CaseStage, DisciplinaryCase, Sanction

PUBLICATION_KIND = "discipline.sanction"
# Working days each stage may take (the notice's and the decision's are the lawyer's periods: to
# answer or ask for a hearing, and to request a review).
STAGE_DAYS: dict[str, int] = {
    CaseStatus.INVESTIGATING: 60,
    CaseStatus.NOTIFIED: 10,
    CaseStatus.HEARING: 20,
    CaseStatus.DELIBERATING: 30,
    CaseStatus.DECIDED: 15,
    CaseStatus.UNDER_REVIEW: 30,
}
# Calendar days a public sanction is shown by default.
PUBLISH_DAYS = 180
PUBLISH_DAYS_MAX = 3 * 365

STALE = _(
    "Someone else changed this case after you opened it. Your change was not saved: reload the page to "
    "see the current stage, then try again."
)


def _today() -> dt.date:
    return timezone.localdate()


def _next_number(year: int) -> str:
    prefix = f"JC{year}-"
    last = DisciplinaryCase.objects.filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def _start_clock(case: DisciplinaryCase, state: str, *, actor: Actor | None, at: dt.datetime) -> None:
    days = STAGE_DAYS.get(state)
    case.clock = (
        None
        if days is None
        else workflow_services.clock_start(
            actor=actor,
            budget_days=days,
            obj=case,
            purpose=gettext("case %(number)s: %(stage)s")
            % {"number": case.number, "stage": CaseStatus(state).label},
            at=at,
            responsible=case.officer,
        )
    )


def _enter(
    case: DisciplinaryCase, state: str, *, actor: Actor | None, at: dt.datetime, step: str, note: str
) -> None:
    """Close the stage under way (its working days counted) and open the next, unless the case is final."""
    for stage in case.stages.filter(left_at__isnull=True):
        stage.left_at = at
        stage.working_days = max(
            working_days_between(timezone.localdate(stage.entered_at), timezone.localdate(at)), 0
        )
        stage.save(update_fields=["left_at", "working_days"])
    CaseStage.objects.create(
        case=case,
        state=state,
        step=step,
        entered_at=at,
        left_at=at if state == CaseStatus.FINAL else None,
        working_days=0 if state == CaseStatus.FINAL else None,
        actor=signed_in(actor),
        actor_name=actor_name(actor),
        note=note,
    )


def _create(
    *,
    actor: Actor | None,
    subject: Lawyer | LawFirm,
    conduct: str,
    summary: str,
    facts: str,
    complaint: Complaint | None = None,
    officer: Any = None,
    at: dt.datetime | None = None,
) -> DisciplinaryCase:
    at = at or timezone.now()
    if conduct not in ConductKind.values:
        raise ValidationError({"conduct": ValidationError(_("Choose the kind of conduct."), code="conduct")})
    case = DisciplinaryCase(
        number=_next_number(timezone.localdate(at).year),
        source=CaseSource.COMPLAINT if complaint is not None else CaseSource.OWN_MOTION,
        complaint=complaint,
        lawyer=subject if isinstance(subject, Lawyer) else None,
        firm=subject if isinstance(subject, LawFirm) else None,
        region=subject.region,
        conduct=conduct,
        summary=summary.strip(),
        facts=facts.strip(),
        officer=officer if officer is not None else signed_in(actor),
        opened_by=signed_in(actor),
        opened_at=at,
    )
    case.full_clean(exclude=["complaint", "lawyer", "firm", "region", "officer", "opened_by", "clock"])
    case.save()
    _start_clock(case, CaseStatus.INVESTIGATING, actor=actor, at=at)
    case.save(update_fields=["clock"])
    _enter(case, CaseStatus.INVESTIGATING, actor=actor, at=at, step="open", note=case.facts)
    audit_record(
        actor=actor,
        action="discipline.case_open",
        obj=case,
        after={
            "number": case.number,
            "source": case.source,
            "conduct": conduct,
            "complaint": complaint and complaint.number,
        },
    )
    return case


@transaction.atomic
def case_open(
    *,
    actor: Actor | None,
    lawyer: Lawyer | None = None,
    firm: LawFirm | None = None,
    conduct: str,
    summary: str,
    facts: str,
    at: dt.datetime | None = None,
) -> DisciplinaryCase:
    """Open a case on the bar's own motion (依职权立案) against one lawyer or one firm, in the officer's
    district; the officer who opens it is in charge."""
    if (lawyer is None) == (firm is None):
        raise ValidationError(_("Name one lawyer or one law firm."), code="one_subject")
    subject: Lawyer | LawFirm = lawyer or firm  # type: ignore[assignment]  # one of them, checked above
    policies.require(actor, policies.CASE_OPEN, subject)
    return _create(actor=actor, subject=subject, conduct=conduct, summary=summary, facts=facts, at=at)


@transaction.atomic
def case_from_complaint(*, actor: Actor | None, complaint: Complaint) -> DisciplinaryCase:
    """The case a complaint triaged complex opens (once). The complaints' policy allowed the triage; the
    case is in the complaint's district, with the complaint's first handler in charge."""
    existing = DisciplinaryCase.objects.filter(complaint=complaint).first()
    if existing is not None:
        return existing
    subject = complaint.lawyer or complaint.firm
    if subject is None:
        raise ValidationError(_("The complaint names no lawyer or firm."), code="one_subject")
    handler = complaint.access.filter(kind="handler").select_related("user").first()
    return _create(
        actor=actor,
        subject=subject,
        conduct=complaint.conduct,
        summary=gettext("Complaint %(number)s") % {"number": complaint.number},
        facts=complaint.facts,
        complaint=complaint,
        officer=handler.user if handler is not None else signed_in(actor),
    )


def complaint_triaged_complex(
    sender: Any, *, complaint: Complaint, actor: Actor | None, **kwargs: Any
) -> None:
    """The receiver of `complaints.signals.complaint_triaged_complex` (connected in DisciplineConfig)."""
    case_from_complaint(actor=actor, complaint=complaint)


# The steps.


def _clock_left(case: DisciplinaryCase) -> int | None:
    """Days from today to the current clock's due date (negative: past), or None without a clock."""
    if case.clock is None or case.clock.state == ClockState.STOPPED:
        return None
    return (clock_due(case.clock).date - _today()).days


# The steps a period decides: taken only once the lawyer's period has run out (no answer, finality), or
# only while it runs (the request for review).
AFTER_PERIOD: dict[str, str] = {CaseAction.NO_ANSWER: "period_open", CaseAction.FINALIZE: "period_open"}
WITHIN_PERIOD: dict[str, str] = {CaseAction.REQUEST_REVIEW: "period_over"}
PERIOD_MESSAGES: dict[str, Any] = {
    CaseAction.NO_ANSWER: _("The lawyer's period to answer has not ended yet."),
    CaseAction.FINALIZE: _("The period to request a review has not ended yet."),
    CaseAction.REQUEST_REVIEW: _("The period to request a review has ended."),
}


def period_allows(case: DisciplinaryCase, action: str) -> bool:
    """Does the current stage's period allow the step now (always, for steps no period decides)?"""
    left = _clock_left(case)
    if left is None:
        return True
    if action in AFTER_PERIOD:
        return left < 0
    if action in WITHIN_PERIOD:
        return left >= 0
    return True


def _check(change: Change[DisciplinaryCase]) -> None:
    case, name, extra = change.obj, change.transition.name, change.extra
    if not period_allows(case, name):
        code = AFTER_PERIOD.get(name) or WITHIN_PERIOD[name]
        raise ValidationError(PERIOD_MESSAGES[name], code=code)
    if (
        name == CaseAction.NOTIFY
        and not str(extra.get("investigation_record") or case.investigation_record).strip()
    ):
        raise ValidationError(
            {
                "investigation_record": ValidationError(
                    _("Write the investigation record first."), code="record_required"
                )
            }
        )
    if name == CaseAction.DECIDE:
        days = extra.get("publish_days")
        if days is not None and not 0 <= int(days) <= PUBLISH_DAYS_MAX:
            raise ValidationError(
                {"publish_days": ValidationError(_("Publish for 0 to 1095 days."), code="publish_days")}
            )
    if name == CaseAction.HOLD_HEARING:
        held = extra.get("hearing_on") or _today()
        if (case.notified_on and held < case.notified_on) or held > _today():
            raise ValidationError(
                {
                    "hearing_on": ValidationError(
                        _("The hearing date must be between the notice and today."), code="date"
                    )
                }
            )


def _close_complaint(case: DisciplinaryCase, actor: Actor | None) -> None:
    """Tell the complaint how its case ended (the complainant sees it on the tracking page)."""
    complaint = case.complaint
    if complaint is None or complaint.status != ComplaintStatus.COMPLEX:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if case.sanction_kind and case.review_decision != ReviewDecision.GRANTED:
            text = gettext("Case %(number)s decided: %(sanction)s.") % {
                "number": case.number,
                "sanction": SanctionKind(case.sanction_kind).label,
            }
        else:
            text = gettext("Case %(number)s decided: no sanction.") % {"number": case.number}
    complaint_services.complaint_step(
        actor=None,
        complaint=complaint,
        action=ComplaintAction.CLOSE,
        decision=Outcome.DISCIPLINE_DECIDED,
        reason=text,
    )


def day_start(day: dt.date) -> dt.datetime:
    """The first moment of a day in the local time zone (publication windows run in whole days)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _publish(sanction: Sanction, actor: Actor | None, day: dt.date) -> None:
    """A final public sanction in the public look-up from `day` for its period (whole days)."""
    if not sanction.public or sanction.publish_days <= 0:
        return
    subject = sanction.lawyer or sanction.firm
    with translation.override(settings.LANGUAGE_CODE):
        title = f"{subject} · {SanctionKind(sanction.kind).label}"
    workflow_services.window_create(
        actor=actor,
        obj=sanction,
        kind=PUBLICATION_KIND,
        title=title,
        starts_at=day_start(day),
        ends_at=day_start(day + dt.timedelta(days=sanction.publish_days)),
        scope_path=sanction.region.path,
    )


def _make_final(case: DisciplinaryCase, actor: Actor | None, today: dt.date) -> None:
    case.final_on = today
    sanction = getattr(case, "sanction", None) if case.sanction_kind else None
    if sanction is not None:
        revoked = case.review_decision == ReviewDecision.GRANTED
        sanction.status = SanctionStatus.REVOKED if revoked else SanctionStatus.FINAL
        sanction.save(update_fields=["status"])
        if not revoked:
            _publish(sanction, actor, today)


def _apply(change: Change[DisciplinaryCase]) -> None:
    case, name, actor, extra = change.obj, change.transition.name, change.actor, change.extra
    now, today = timezone.now(), _today()
    if name == CaseAction.NOTIFY:
        record = str(extra.get("investigation_record") or "").strip()
        case.investigation_record = record or case.investigation_record
        case.notice_facts, case.notified_on = change.reason, today
    elif name in (CaseAction.ANSWER, CaseAction.ASK_HEARING):
        case.answer = change.reason
        case.hearing_requested = name == CaseAction.ASK_HEARING
    elif name == CaseAction.HOLD_HEARING:
        case.hearing_record, case.hearing_on = change.reason, extra.get("hearing_on") or today
    elif name == CaseAction.DECIDE:
        case.sanction_kind, case.decision_reasons, case.decided_on = change.decision, change.reason, today
        public = extra.get("public")
        days = extra.get("publish_days")
        sanction = Sanction(
            case=case,
            lawyer=case.lawyer,
            firm=case.firm,
            region=case.region,
            kind=change.decision,
            decided_on=today,
            reasons=change.reason,
            public=change.decision in PUBLIC_BY_DEFAULT if public is None else bool(public),
        )
        sanction.publish_days = (PUBLISH_DAYS if days is None else int(days)) if sanction.public else 0
        sanction.full_clean(exclude=["case", "lawyer", "firm", "region"])
        sanction.save()
        audit_record(
            actor=actor,
            action="discipline.sanction_decide",
            obj=sanction,
            after={"kind": sanction.kind, "public": sanction.public},
        )
    elif name == CaseAction.DISMISS:
        case.sanction_kind, case.decision_reasons, case.decided_on = "", change.reason, today
    elif name == CaseAction.REQUEST_REVIEW:
        case.review_grounds, case.review_requested_on = change.reason, today
        Sanction.objects.filter(case=case).update(status=SanctionStatus.UNDER_REVIEW)
    elif name == CaseAction.REVIEW:
        case.review_decision, case.review_reasons, case.reviewed_on = change.decision, change.reason, today
    if case.clock is not None and case.clock.state != ClockState.STOPPED:
        workflow_services.clock_stop(actor=actor, clock=case.clock, at=now)
    if case.status == CaseStatus.FINAL:
        _make_final(case, actor, today)
        case.clock = None
    else:
        _start_clock(case, case.status, actor=actor, at=now)


def _history(change: Change[DisciplinaryCase]) -> None:
    case = change.obj
    _enter(
        case,
        case.status,
        actor=change.actor,
        at=timezone.now(),
        step=change.transition.name,
        note=change.reason,
    )
    if case.status == CaseStatus.FINAL:
        _close_complaint(case, change.actor)


# Whom each step tells: the lawyer of what the bar did, the officer of what the lawyer did.
TELL_LAWYER = {
    CaseAction.NOTIFY,
    CaseAction.DECIDE,
    CaseAction.DISMISS,
    CaseAction.REVIEW,
    CaseAction.FINALIZE,
}


def _tell(change: Change[DisciplinaryCase]) -> Message | None:
    case, name = change.obj, change.transition.name
    if name in TELL_LAWYER:
        user = getattr(case.lawyer, "user", None) if case.lawyer is not None else None
        users = [user] if user is not None else []
    else:
        users = [case.officer] if case.officer is not None else []
    if not users:
        return None
    return Message(
        users=users,
        title=Text(
            _("Disciplinary case %(number)s: %(stage)s"),
            {"number": case.number, "stage": CaseStatus(case.status).label},
        ),
        url=case.get_absolute_url(),
        key=f"discipline:{case.pk}:{name}:{case.version}",
    )


CASE_WORKFLOW: Workflow[DisciplinaryCase] = Workflow(
    name="discipline.case",
    model=DisciplinaryCase,
    states=CaseStatus,
    transitions=(
        Transition(CaseAction.NOTIFY, (CaseStatus.INVESTIGATING,), CaseStatus.NOTIFIED, needs_reason=True),
        Transition(CaseAction.ANSWER, (CaseStatus.NOTIFIED,), CaseStatus.DELIBERATING, needs_reason=True),
        Transition(CaseAction.NO_ANSWER, (CaseStatus.NOTIFIED,), CaseStatus.DELIBERATING),
        Transition(CaseAction.ASK_HEARING, (CaseStatus.NOTIFIED,), CaseStatus.HEARING),
        Transition(
            CaseAction.HOLD_HEARING, (CaseStatus.HEARING,), CaseStatus.DELIBERATING, needs_reason=True
        ),
        Transition(
            CaseAction.DECIDE,
            (CaseStatus.DELIBERATING,),
            CaseStatus.DECIDED,
            needs_reason=True,
            decisions=tuple(SanctionKind.values),
        ),
        Transition(CaseAction.DISMISS, (CaseStatus.DELIBERATING,), CaseStatus.FINAL, needs_reason=True),
        Transition(
            CaseAction.REQUEST_REVIEW, (CaseStatus.DECIDED,), CaseStatus.UNDER_REVIEW, needs_reason=True
        ),
        Transition(
            CaseAction.REVIEW,
            (CaseStatus.UNDER_REVIEW,),
            CaseStatus.FINAL,
            needs_reason=True,
            decisions=tuple(ReviewDecision.values),
        ),
        Transition(CaseAction.FINALIZE, (CaseStatus.DECIDED,), CaseStatus.FINAL),
    ),
    steps=CaseAction,
    policy_actions=policies.STEPS,
    audit_prefix="discipline.case_",
    wrong_state=_("A case that is %(status)s cannot %(action)s."),
    version_field="version",
    check=_check,
    apply=_apply,
    history=_history,
    tell=_tell,
    stale_message=STALE,
)


def case_step(
    *,
    actor: Actor | None,
    case: DisciplinaryCase,
    action: str,
    version: int | None = None,
    reason: str = "",
    decision: str = "",
    investigation_record: str = "",
    hearing_on: dt.date | None = None,
    public: bool | None = None,
    publish_days: int | None = None,
) -> DisciplinaryCase:
    """Take one step of `CASE_WORKFLOW` on the case's current row, on the version the actor saw (the
    current one when none is named)."""
    row = DisciplinaryCase.objects.select_related(
        "region", "lawyer", "lawyer__user", "firm", "clock", "officer", "complaint"
    ).get(pk=case.pk)
    return perform(
        CASE_WORKFLOW,
        actor=actor,
        obj=row,
        name=action,
        version=row.version if version is None else version,
        reason=reason,
        decision=decision,
        investigation_record=investigation_record,
        hearing_on=hearing_on,
        public=public,
        publish_days=publish_days,
    )


@transaction.atomic
def investigation_record_save(
    *, actor: Actor | None, case: DisciplinaryCase, text: str, version: int
) -> DisciplinaryCase:
    """Write the investigation record (调查笔录) while the case is under investigation."""
    policies.require(actor, policies.CASE_HANDLE, case)
    if case.status != CaseStatus.INVESTIGATING:
        raise ValidationError(
            _("The investigation record is closed once the lawyer is notified."), code="transition"
        )
    claim_version(case, version, message=STALE)
    before = case.investigation_record
    case.investigation_record = text.strip()
    case.save(update_fields=["investigation_record"])
    audit_record(
        actor=actor,
        action="discipline.case_record",
        obj=case,
        before={"length": len(before)},
        after={"length": len(case.investigation_record)},
    )
    return case


def cases_finalize(now: dt.datetime) -> int:
    """The scheduled job: each decision whose review period has ended without a request becomes final
    (its public sanction published from today). Returns the number made final."""
    today = timezone.localdate(now)
    made = 0
    waiting = DisciplinaryCase.objects.filter(status=CaseStatus.DECIDED, clock__isnull=False).select_related(
        "clock"
    )
    for case in waiting:
        if clock_due(case.clock, today).date >= today:
            continue
        case_step(actor=None, case=case, action=CaseAction.FINALIZE)
        made += 1
    return made


# People named on a case.


@transaction.atomic
def case_grant(*, actor: Actor | None, case: DisciplinaryCase, user: Any) -> CaseGrant:
    """Name a member of staff who may read the case (each of their reads audited). Never the lawyer or
    someone of the firm the case is about."""
    policies.require(actor, policies.CASE_GRANT, case)
    lawyer = getattr(user, "lawyer", None)
    firm_id = case.firm_id or (case.lawyer.firm_id if case.lawyer is not None else None)
    if not user.is_active or (
        lawyer is not None and (lawyer.pk == case.lawyer_id or (firm_id and lawyer.firm_id == firm_id))
    ):
        raise ValidationError(
            {"user": ValidationError(_("This person cannot be named on the case."), code="conflict")}
        )
    grant, created = CaseGrant.objects.get_or_create(
        case=case, user=user, defaults={"named_by": signed_in(actor)}
    )
    if created:
        audit_record(
            actor=actor, action="discipline.case_grant", obj=case, after={"user": user.get_username()}
        )
        notify(
            users=[user],
            title=Text(_("You were named on disciplinary case %(number)s"), {"number": case.number}),
            url=case.get_absolute_url(),
            key=f"discipline:{case.pk}:grant:{user.pk}",
        )
    return grant


@transaction.atomic
def case_ungrant(*, actor: Actor | None, case: DisciplinaryCase, user: Any) -> bool:
    policies.require(actor, policies.CASE_GRANT, case)
    deleted, _rows = CaseGrant.objects.filter(case=case, user=user).delete()
    if deleted:
        audit_record(
            actor=actor, action="discipline.case_ungrant", obj=case, before={"user": user.get_username()}
        )
    return bool(deleted)


@transaction.atomic
def cases_listed(*, actor: Actor | None, cases: Iterable[DisciplinaryCase], what: str = "list") -> None:
    """Record a list of cases read (their numbers and summaries) by someone who is not an officer over
    them: the staff named on them, the lawyer or firm they are about."""
    shown = [case.number for case in cases if not policies.handles(actor, case)]
    if shown:
        audit_record(
            actor=actor,
            action="discipline.case_read",
            object_type=DisciplinaryCase._meta.label_lower,
            after={"what": what, "cases": shown},
        )


@transaction.atomic
def case_read(*, actor: Actor | None, case: DisciplinaryCase, what: str = "page") -> None:
    """Record a read of the case by anyone but a discipline officer over it (the staff named on it, the
    lawyer or firm it is about): a page, a document or the API."""
    if not policies.handles(actor, case):
        audit_record(actor=actor, action="discipline.case_read", obj=case, after={"what": what})
