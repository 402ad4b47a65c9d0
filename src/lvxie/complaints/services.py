"""Writes to complaints. Each is one transaction with its audit event; each checks `policies.require`
first (the public's own intake has no actor: the CAPTCHA and the rate limit stand in front of it).

A complaint: received (the acceptance clock runs: 10 working days, as Sichuan and Jiangsu give) →
waiting for papers (the clock paused) → received again → accepted, referred elsewhere or declined (a
written reason the complainant sees). Accepted: triaged simple (mediation, explanation, fast track; a
short clock) or complex (investigation; a long clock, and `signals.complaint_triaged_complex` for the
disciplinary case) → closed with its outcome (`signals.complaint_closed`). The complainant is told of
each change: on the tracking page, and by e-mail when they gave an address.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lvxie.audit.services import audit_record
from lvxie.core.services import validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload
from lvxie.notifications.services import Text
from lvxie.registry.models import LawFirm, Lawyer
from lvxie.workflow import services as workflow_services
from lvxie.workflow.transitions import (
    Change,
    Message,
    Transition,
    Workflow,
    files_into,
    perform,
    store_uploads,
)

from . import policies, signals
from .choices import (
    FINISHED,
    REFERRAL_SOURCES,
    SIMPLE_TRACKS,
    AccessKind,
    ComplaintAction,
    ComplaintSource,
    ComplaintStatus,
    Outcome,
    Track,
    TriageCriterion,
)
from .models import Complaint, ComplaintAccess, ComplaintFile, ConflictDeclaration, code_hash

# Clocks in working days. Acceptance: Sichuan reviews and registers within 10 (time waiting for the
# complainant's papers not counted), Jiangsu decides within 10; the complainant is told at once of the
# decision (Jiangsu allows 3). Handling: a simple complaint within 20, a complex one within 120 (the
# disciplinary case keeps its own clocks).
ACCEPTANCE_DAYS = 10
SIMPLE_DAYS = 20
COMPLEX_DAYS = 120
# A public complaint's limits (besides the upload size of core.uploads).
MAX_FILES = 5
FACTS_MAX = 5000
# Tracking numbers and codes: no 0/O or 1/I to misread on the phone.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12

STALE = _("Someone else changed this complaint after you opened it. Reload the page and try again.")


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_code(code: str) -> str:
    """The code as typed, without dashes or spaces, in capitals."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """ABCD-EFGH-JKLM: easier to copy down."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True)
class Intake:
    """What a complaint is made of, however it came in."""

    conduct: str
    facts: str
    complainant_name: str
    lawyer: Lawyer | None = None
    firm: LawFirm | None = None
    request: str = ""
    complainant_phone: str = ""
    complainant_email: str = ""
    complainant_address: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class Registered:
    """A new complaint and its secret code (shown once, to the complainant; only its hash is kept)."""

    complaint: Complaint
    code: str


def _subject(intake: Intake) -> tuple[Lawyer | None, LawFirm | None]:
    lawyer, firm = intake.lawyer, intake.firm
    if lawyer is None and firm is None:
        raise ValidationError(
            {
                "lawyer": ValidationError(
                    _("Choose the lawyer or the law firm complained of."), code="required"
                )
            }
        )
    if lawyer is not None and firm is None:
        firm = lawyer.firm
    if lawyer is not None and firm is not None and lawyer.firm_id not in (None, firm.pk):
        raise ValidationError(
            {
                "firm": ValidationError(
                    _("This lawyer does not practise at that law firm."), code="firm_mismatch"
                )
            }
        )
    return lawyer, firm


def _create(
    *,
    actor: Actor | None,
    intake: Intake,
    source: str,
    received_on: dt.date,
    files: Iterable[CheckedUpload],
    referring_body: str = "",
    referring_reference: str = "",
) -> Registered:
    uploads = list(files)
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            {
                "files": ValidationError(
                    _("Attach at most %(max)s files."), code="too_many", params={"max": MAX_FILES}
                )
            }
        )
    if len(intake.facts) > FACTS_MAX:
        raise ValidationError({"facts": ValidationError(_("The account is too long."), code="too_long")})
    lawyer, firm = _subject(intake)
    region = (lawyer.region if lawyer is not None else None) or firm.region  # type: ignore[union-attr]  # one is set
    code = _random(CODE_LENGTH)
    complaint = Complaint(
        source=source,
        referring_body=referring_body.strip(),
        referring_reference=referring_reference.strip(),
        received_on=received_on,
        lawyer=lawyer,
        firm=firm,
        region=region,
        conduct=intake.conduct,
        facts=intake.facts.strip(),
        request=intake.request.strip(),
        complainant_name=intake.complainant_name.strip(),
        complainant_phone=intake.complainant_phone.strip(),
        complainant_email=intake.complainant_email.strip(),
        complainant_address=intake.complainant_address.strip(),
        confidential=intake.confidential,
        created_by=signed_in(actor),
        status_changed_at=timezone.now(),
    )
    if source in REFERRAL_SOURCES and not complaint.referring_body:
        raise ValidationError(
            {
                "referring_body": ValidationError(
                    _("Name the body that referred the complaint."), code="required"
                )
            }
        )
    for _attempt in range(5):
        complaint.number = f"TS{received_on:%Y}{_random(6)}"
        complaint.code_hash = code_hash(complaint.number, code)
        validate(complaint)
        try:
            with transaction.atomic():
                complaint.save()
            break
        except IntegrityError:  # the number was taken: draw another
            complaint.pk = None
    else:  # pragma: no cover - 32**6 numbers a year
        raise ValidationError(_("Try again."), code="number")
    store_uploads(ComplaintFile, uploads, actor=actor, complaint=complaint)
    start = timezone.make_aware(dt.datetime.combine(received_on, dt.time(9)))
    complaint.acceptance_clock = workflow_services.clock_start(
        actor=actor,
        budget_days=ACCEPTANCE_DAYS,
        obj=complaint,
        purpose=gettext("complaint acceptance"),
        at=start,
    )
    complaint.save(update_fields=["acceptance_clock"])
    # Who complains stays out of the audit log: the log is read by people the complaint is not for.
    audit_record(
        actor=actor,
        action="complaint.register",
        obj=complaint,
        scope_path=region.path,
        after={
            "number": complaint.number,
            "source": source,
            "lawyer": lawyer.pk if lawyer else None,
            "firm": firm.pk if firm else None,
            "conduct": complaint.conduct,
            "confidential": complaint.confidential,
            "files": [f.name for f in complaint.files.all()],
        },
    )
    _tell_complainant(complaint)
    return Registered(complaint, code)


@transaction.atomic
def complaint_submit(*, intake: Intake, files: Iterable[CheckedUpload] = ()) -> Registered:
    """A complaint from the public form (no log-in; the page has checked the CAPTCHA)."""
    return _create(
        actor=None,
        intake=intake,
        source=ComplaintSource.ONLINE,
        received_on=timezone.localdate(),
        files=files,
    )


@transaction.atomic
def complaint_register(
    *,
    actor: Actor | None,
    intake: Intake,
    source: str,
    received_on: dt.date | None = None,
    referring_body: str = "",
    referring_reference: str = "",
    files: Iterable[CheckedUpload] = (),
) -> Registered:
    """A complaint that came by letter, telephone, in person or from another body, entered by a
    discipline officer over the district of the lawyer or firm complained of."""
    lawyer, firm = _subject(intake)
    region = (lawyer.region if lawyer is not None else None) or firm.region  # type: ignore[union-attr]  # one is set
    policies.require(actor, policies.COMPLAINT_REGISTER, region)
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError(
            {"received_on": ValidationError(_("The date received cannot be in the future."), code="future")}
        )
    return _create(
        actor=actor,
        intake=intake,
        source=source,
        received_on=received_on,
        files=files,
        referring_body=referring_body,
        referring_reference=referring_reference,
    )


# The steps.


def _check(change: Change[Complaint]) -> None:
    name, extra = change.transition.name, change.extra
    if name == ComplaintAction.REFER and not str(extra.get("referred_to", "")).strip():
        raise ValidationError(
            {
                "referred_to": ValidationError(
                    _("Name the body the complaint is referred to."), code="required"
                )
            }
        )
    if name in (ComplaintAction.TRIAGE_SIMPLE, ComplaintAction.TRIAGE_COMPLEX):
        criteria = list(extra.get("criteria") or [])
        if not criteria or any(c not in TriageCriterion.values for c in criteria):
            raise ValidationError(
                {
                    "criteria": ValidationError(
                        _("Record the criteria of the triage."), code="criteria_required"
                    )
                }
            )


def _apply(change: Change[Complaint]) -> None:
    complaint, name, actor, now = change.obj, change.transition.name, change.actor, timezone.now()
    complaint.status_changed_at = now
    acceptance = complaint.acceptance_clock
    if name == ComplaintAction.ASK_PAPERS:
        complaint.papers_requested = change.reason
        if acceptance is not None:
            workflow_services.clock_pause(actor=actor, clock=acceptance, at=now, note=change.reason)
    elif name == ComplaintAction.PAPERS_RECEIVED:
        if acceptance is not None:
            workflow_services.clock_resume(actor=actor, clock=acceptance, at=now)
    elif name in (ComplaintAction.ACCEPT, ComplaintAction.REFER, ComplaintAction.DECLINE):
        if acceptance is not None:
            workflow_services.clock_stop(actor=actor, clock=acceptance, at=now)
        if name == ComplaintAction.REFER:
            complaint.referred_to = str(change.extra["referred_to"]).strip()[:100]
            complaint.decision_reason = change.reason
        elif name == ComplaintAction.DECLINE:
            complaint.decision_reason = change.reason
        if name != ComplaintAction.ACCEPT:
            complaint.closed_at = now
    elif name in (ComplaintAction.TRIAGE_SIMPLE, ComplaintAction.TRIAGE_COMPLEX):
        simple = name == ComplaintAction.TRIAGE_SIMPLE
        complaint.track = change.decision if simple else Track.INVESTIGATION
        complaint.triage_criteria = list(dict.fromkeys(change.extra["criteria"]))
        complaint.triage_note = change.reason
        complaint.handling_clock = workflow_services.clock_start(
            actor=actor,
            budget_days=SIMPLE_DAYS if simple else COMPLEX_DAYS,
            obj=complaint,
            purpose=gettext("complaint handling"),
            at=now,
            responsible=_first_handler(complaint),
        )
    elif name == ComplaintAction.CLOSE:
        complaint.outcome, complaint.outcome_text, complaint.closed_at = change.decision, change.reason, now
        if complaint.handling_clock is not None and complaint.handling_clock.state != "stopped":
            workflow_services.clock_stop(actor=actor, clock=complaint.handling_clock, at=now)


def _first_handler(complaint: Complaint):
    row = complaint.access.filter(kind=AccessKind.HANDLER).select_related("user").first()
    return row.user if row is not None else None


def _tell(change: Change[Complaint]) -> Message | None:
    """The complainant by e-mail (and the tracking page); the lawyer complained of in their account once
    the complaint is accepted (never told who complains when it is confidential: the message names the
    number only)."""
    complaint, name = change.obj, change.transition.name
    _tell_complainant(complaint)
    # The signals go here, the last hook `perform` runs inside its transaction: the complaint is saved
    # with its new status and clock, and a receiver that refuses still rolls the step back.
    if complaint.status == ComplaintStatus.COMPLEX:
        signals.complaint_triaged_complex.send(sender=Complaint, complaint=complaint, actor=change.actor)
    elif complaint.status == ComplaintStatus.CLOSED:
        signals.complaint_closed.send(sender=Complaint, complaint=complaint, actor=change.actor)
    lawyer_user = getattr(complaint.lawyer, "user", None) if complaint.lawyer is not None else None
    if name == ComplaintAction.ACCEPT and lawyer_user is not None:
        return Message(
            users=[lawyer_user],
            title=Text(_("A complaint against you was accepted: %(number)s"), {"number": complaint.number}),
            url=complaint.get_absolute_url(),
            key=f"complaint:{complaint.pk}:accepted",
        )
    return None


def _tell_complainant(complaint: Complaint) -> None:
    """An e-mail in Chinese (the public form's language) when the complainant gave an address, sent after
    the transaction commits. It names the number and the new status; the code is never sent again."""
    if not complaint.complainant_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your complaint %(number)s: %(status)s") % {
            "number": complaint.number,
            "status": complaint.get_status_display(),
        }
        body = gettext(
            "The status of your complaint %(number)s is now: %(status)s.\n"
            "Follow it on the tracking page with your tracking number and secret code: %(url)s"
        ) % {
            "number": complaint.number,
            "status": complaint.get_status_display(),
            "url": reverse("public:complaint_track"),
        }
    address = complaint.complainant_email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


COMPLAINT_WORKFLOW: Workflow[Complaint] = Workflow(
    name="complaints.complaint",
    model=Complaint,
    states=ComplaintStatus,
    transitions=(
        Transition(ComplaintAction.ACCEPT, (ComplaintStatus.RECEIVED,), ComplaintStatus.ACCEPTED),
        Transition(
            ComplaintAction.ASK_PAPERS,
            (ComplaintStatus.RECEIVED,),
            ComplaintStatus.AWAITING_PAPERS,
            needs_reason=True,
        ),
        Transition(
            ComplaintAction.PAPERS_RECEIVED, (ComplaintStatus.AWAITING_PAPERS,), ComplaintStatus.RECEIVED
        ),
        Transition(
            ComplaintAction.REFER,
            (ComplaintStatus.RECEIVED, ComplaintStatus.AWAITING_PAPERS),
            ComplaintStatus.REFERRED,
            needs_reason=True,
        ),
        Transition(
            ComplaintAction.DECLINE,
            (ComplaintStatus.RECEIVED, ComplaintStatus.AWAITING_PAPERS),
            ComplaintStatus.DECLINED,
            needs_reason=True,
        ),
        Transition(
            ComplaintAction.TRIAGE_SIMPLE,
            (ComplaintStatus.ACCEPTED,),
            ComplaintStatus.SIMPLE,
            decisions=tuple(SIMPLE_TRACKS),
        ),
        Transition(ComplaintAction.TRIAGE_COMPLEX, (ComplaintStatus.ACCEPTED,), ComplaintStatus.COMPLEX),
        Transition(
            ComplaintAction.CLOSE,
            (ComplaintStatus.SIMPLE, ComplaintStatus.COMPLEX),
            ComplaintStatus.CLOSED,
            needs_reason=True,
            decisions=tuple(Outcome.values),
        ),
    ),
    steps=ComplaintAction,
    policy_actions=policies.STEPS,
    audit_prefix="complaint.",
    wrong_state=_("A complaint that is %(status)s cannot be %(action)s."),
    version_field="version",
    check=_check,
    apply=_apply,
    store_files=files_into(ComplaintFile, "complaint"),
    tell=_tell,
    stale_message=STALE,
)


def complaint_step(
    *,
    actor: Actor | None,
    complaint: Complaint,
    action: str,
    version: int | None = None,
    reason: str = "",
    decision: str = "",
    referred_to: str = "",
    criteria: Iterable[str] = (),
    files: Iterable[CheckedUpload] = (),
) -> Complaint:
    """Take one step of `COMPLAINT_WORKFLOW` on the complaint's current row, on the version the actor
    saw (the current one when none is named)."""
    row = Complaint.objects.select_related(
        "region", "lawyer", "lawyer__user", "firm", "acceptance_clock", "handling_clock"
    ).get(pk=complaint.pk)
    return perform(
        COMPLAINT_WORKFLOW,
        actor=actor,
        obj=row,
        name=action,
        version=row.version if version is None else version,
        reason=reason,
        decision=decision,
        files=files,
        referred_to=referred_to,
        criteria=list(criteria),
    )


# People on a complaint.


@transaction.atomic
def complaint_name(*, actor: Actor | None, complaint: Complaint, user, kind: str) -> ComplaintAccess:
    """Name a handler or a reader on the complaint (the per-complaint grant). Never someone of the firm
    complained of, the lawyer complained of, or one who declared a conflict."""
    policies.require(actor, policies.COMPLAINT_NAME, complaint)
    if kind not in AccessKind.values:
        raise ValidationError({"kind": ValidationError(_("Choose handler or reader."), code="kind")})
    if complaint.status in FINISHED:
        raise ValidationError(_("This complaint is finished."), code="finished")
    refusal = policies.conflict_reason(user, complaint)
    if refusal:
        raise ValidationError({"user": ValidationError(refusal, code="conflict")})
    row, created = ComplaintAccess.objects.get_or_create(
        complaint=complaint, user=user, defaults={"kind": kind, "named_by": signed_in(actor)}
    )
    if not created and row.kind != kind:
        row.kind = kind
        row.save(update_fields=["kind"])
    clock = complaint.handling_clock or complaint.acceptance_clock
    if kind == AccessKind.HANDLER and clock is not None and clock.responsible_id is None:
        clock.responsible = user
        clock.save(update_fields=["responsible"])
    audit_record(actor=actor, action="complaint.name", obj=complaint, after={"user": user.pk, "kind": kind})
    return row


@transaction.atomic
def complaint_unname(*, actor: Actor | None, complaint: Complaint, user) -> bool:
    """Take a person off the complaint: they no longer see it."""
    policies.require(actor, policies.COMPLAINT_NAME, complaint)
    deleted, _rows = ComplaintAccess.objects.filter(complaint=complaint, user=user).delete()
    if deleted:
        audit_record(actor=actor, action="complaint.unname", obj=complaint, before={"user": user.pk})
    return bool(deleted)


@transaction.atomic
def conflict_declare(*, actor: Actor, complaint: Complaint, note: str) -> ConflictDeclaration:
    """The actor says they may not handle this complaint: they are taken off it and can never be named
    on it again."""
    policies.require(actor, policies.COMPLAINT_CONFLICT, complaint)
    note = note.strip()
    if not note:
        raise ValidationError({"note": ValidationError(_("Say why."), code="required")})
    person = signed_in(actor)  # a person: the policy refuses the system and the anonymous
    row, _created = ConflictDeclaration.objects.get_or_create(
        complaint=complaint, user=person, defaults={"note": note[:200]}
    )
    ComplaintAccess.objects.filter(complaint=complaint, user=person).delete()
    audit_record(actor=actor, action="complaint.conflict", obj=complaint, after={"user": actor.pk})
    return row


def complaint_read(*, actor: Actor | None, complaint: Complaint, what: str = "page") -> None:
    """Record that someone other than the discipline officers over it read a complaint (a page, the API,
    an export): the people named on it, the lawyer and the firm complained of."""
    audit_record(actor=actor, action="complaint.read", obj=complaint, after={"what": what})
