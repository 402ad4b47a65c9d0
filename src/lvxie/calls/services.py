"""Writes to calls for submissions. Each is one transaction with its history row and audit event;
each checks `policies.require` first. Anything outside the actor's scope never gets here (404).

A call: draft → open (its units resolved, one submission each, told) → reviewing (closed to new
submissions) → published (results shown on the public site for a window, `lvxie.workflow`).
A submission: draft → submitted → returned (with a reason; edited and submitted again) → accepted.
Submitted after the deadline, it is flagged late.
A score: each reviewer once per accepted submission; a change keeps the old points and a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload
from lvxie.notices.audience import Audience, firms_of, lawyers_of, party_orgs_of
from lvxie.notices.choices import AudienceKind
from lvxie.notifications.selectors import firm_people
from lvxie.notifications.services import Text, notify
from lvxie.registry.models import Region
from lvxie.workflow import services as workflow_services
from lvxie.workflow.transitions import (
    Change,
    Message,
    Transition,
    Workflow,
    actor_name,
    perform,
    store_uploads,
)
from lvxie.workflow.workdays import add_working_days, due_soon_until

from . import policies
from .choices import CallStatus, SubmissionAction, SubmissionStatus, UnitKind
from .kinds import CallKind, Criterion, clean_values, criteria_problem, get_kind, scored_kind_codes
from .models import (
    Call,
    CallReviewer,
    Score,
    ScoreRevision,
    Submission,
    SubmissionEvent,
    SubmissionFile,
    weighted_total,
)

PUBLICATION_KIND = "calls.results"
EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
SENT = (SubmissionStatus.SUBMITTED,)
STALE = _("Someone else changed this submission in the meantime. Reload it and try again.")


def _firm_kinds(kinds: Iterable[str]) -> str:
    codes = list(dict.fromkeys(kinds))
    return f",{','.join(codes)}," if codes else ""


def call_audience(call: Call) -> Audience:
    """The call's audience as notices read theirs."""
    return Audience(
        sender_region=call.region,
        kind=call.audience_kind,
        region=call.audience_region,
        firm_kinds=call.firm_kind_codes,
        firm_ids=list(call.audience_firms.values_list("pk", flat=True)),
        party_org_ids=list(call.audience_party_orgs.values_list("pk", flat=True)),
    )


def _check(call: Call, firms: list, orgs: list, reviewers: list) -> None:
    """The rules of a call's shape (the side follows the units: Party organizations are the Party
    side's, firms and lawyers the bar's)."""
    errors: dict[str, ValidationError] = {}
    try:
        spec = get_kind(call.kind)
    except KeyError:
        errors["kind"] = ValidationError(_("Choose a kind of call."), code="kind")
    else:
        _check_quotas(call, spec, errors)
        if spec.unit_kinds and call.unit_kind not in spec.unit_kinds:
            errors["unit_kind"] = ValidationError(
                _("This kind of call goes to %(units)s."),
                code="unit_kind",
                params={"units": "、".join(str(UnitKind(u).label) for u in spec.unit_kinds)},
            )
    if call.criteria and criteria_problem(call.criteria_in_force):
        errors["criteria"] = ValidationError(
            _("Give each criterion a name, a positive maximum and a positive weight."), code="criteria"
        )
    party_units = call.unit_kind == UnitKind.PARTY_ORG
    if party_units != (call.audience_kind == AudienceKind.PARTY_ORGS):
        errors["audience_kind"] = ValidationError(
            _("Party organizations are chosen as Party organizations; firms and lawyers by firm."),
            code="audience_kind",
        )
    root = call.region.path
    if call.audience_region is not None and not call.audience_region.path.startswith(root):
        errors["audience_region"] = ValidationError(
            _("The recipients must be in the issuing region."), code="outside_region"
        )
    if call.audience_kind == AudienceKind.FIRM_KINDS and not call.firm_kind_codes:
        errors["audience_firm_kinds"] = ValidationError(
            _("Choose at least one kind of firm."), code="required"
        )
    if call.audience_kind == AudienceKind.FIRMS and not firms:
        errors["audience_firms"] = ValidationError(_("List at least one firm."), code="required")
    if any(not f.region.path.startswith(root) for f in firms):
        errors["audience_firms"] = ValidationError(
            _("The recipients must be in the issuing region."), code="outside_region"
        )
    if any(not o.region_path.startswith(root) for o in orgs):
        errors["audience_party_orgs"] = ValidationError(
            _("The recipients must be in the issuing region."), code="outside_region"
        )
    outside = [u for u in reviewers if not policies.covers_call(u, call)]
    if outside:
        errors["reviewers"] = ValidationError(
            _("Reviewers must be staff of the issuing side over the whole issuing region: %(names)s"),
            code="reviewer_scope",
            params={"names": "、".join(actor_name(u) for u in outside)},
        )
    if call.deadline is None:
        errors["deadline"] = ValidationError(
            _("Give a deadline: a date or a number of working days."), code="required"
        )
    if errors:
        raise ValidationError(errors)


def _check_quotas(call: Call, spec: CallKind, errors: dict[str, ValidationError]) -> None:
    """A kind with categories: a whole number of places (1 to 1000) for each of its categories, and
    no other key. Missing ones take the category's default."""
    quotas = call.quotas if isinstance(call.quotas, dict) else {}
    call.quotas = {c.code: quotas.get(c.code, c.default_quota) for c in spec.categories}
    unknown = sorted(set(quotas) - set(call.quotas))
    bad = [
        code
        for code, n in call.quotas.items()
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 1000
    ]
    if unknown:
        errors["quotas"] = ValidationError(
            _("Unknown categories: %(names)s"), code="unknown_category", params={"names": ", ".join(unknown)}
        )
    elif bad:
        errors["quotas"] = ValidationError(
            _("Places are a whole number from 1 to 1000: %(names)s"),
            code="quota_range",
            params={"names": ", ".join(bad)},
        )


def _deadline(deadline: dt.date | None, working_days: int | None, start: dt.date) -> dt.date | None:
    if working_days is not None:
        if not 1 <= working_days <= 365:
            raise ValidationError(
                {"deadline_working_days": ValidationError(_("Between 1 and 365 working days."), code="range")}
            )
        return add_working_days(start, working_days).date
    return deadline


@transaction.atomic
def call_create(
    *,
    actor: Actor | None,
    title: str,
    kind: str,
    region: Region,
    unit_kind: str = UnitKind.FIRM,
    description: str = "",
    audience_kind: str = AudienceKind.SUBTREE,
    audience_region: Region | None = None,
    audience_firm_kinds: Iterable[str] = (),
    audience_firms: Iterable = (),
    audience_party_orgs: Iterable = (),
    deadline: dt.date | None = None,
    deadline_working_days: int | None = None,
    reviewers: Iterable = (),
    criteria: Iterable[Criterion] = (),
    quotas: Mapping[str, int] | None = None,
) -> Call:
    """Write a call as a draft. A deadline in working days is counted from today; opening the call
    counts it again from the day it opens. `criteria` set for this call replace the kind's; `quotas`:
    places per category (a kind with categories; each category's default when left out)."""
    party = unit_kind == UnitKind.PARTY_ORG
    policies.require(actor, policies.CALL_CREATE, region, party=party)
    firms, orgs, people = list(audience_firms), list(audience_party_orgs), list(reviewers)
    call = Call(
        title=title,
        kind=kind,
        description=description,
        region=region,
        party=party,
        unit_kind=unit_kind,
        audience_kind=audience_kind,
        audience_region=audience_region,
        audience_firm_kinds=_firm_kinds(audience_firm_kinds),
        deadline=_deadline(deadline, deadline_working_days, timezone.localdate()),
        deadline_working_days=deadline_working_days,
        criteria=[c.as_json() for c in criteria],
        quotas=dict(quotas or {}),
        created_by=signed_in(actor),
    )
    _check(call, firms, orgs, people)
    save_audited(actor=actor, obj=call, action="call.create")
    call.audience_firms.set(firms)
    call.audience_party_orgs.set(orgs)
    _set_reviewers(call, people)
    return call


@transaction.atomic
def call_update(
    *,
    actor: Actor | None,
    call: Call,
    audience_firms: Iterable | None = None,
    audience_party_orgs: Iterable | None = None,
    reviewers: Iterable | None = None,
    **fields: Any,
) -> Call:
    """Change a call. Its audience, kind, criteria and places per category are fixed once it opens;
    the title, description, deadline and reviewers may change until the results are published."""
    policies.require(actor, policies.CALL_EDIT, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status == CallStatus.PUBLISHED:
        raise ValidationError(
            _("The results are published: the call can no longer change."), code="published"
        )
    fixed = {
        "kind",
        "unit_kind",
        "audience_kind",
        "audience_region",
        "audience_firm_kinds",
        "region",
        "criteria",
    }
    if call.status != CallStatus.DRAFT and "quotas" in fields:
        raise ValidationError(
            {
                "quotas": ValidationError(
                    _("The places per category are fixed once the call is open."), code="opened"
                )
            }
        )
    if call.status != CallStatus.DRAFT and (
        fixed & set(fields) or audience_firms is not None or audience_party_orgs is not None
    ):
        raise ValidationError(_("An open call's units and kind can no longer change."), code="opened")
    before = snapshot(call)
    working_days = fields.pop("deadline_working_days", call.deadline_working_days)
    if "audience_firm_kinds" in fields:
        fields["audience_firm_kinds"] = _firm_kinds(fields["audience_firm_kinds"])
    if "criteria" in fields:
        fields["criteria"] = [c.as_json() for c in fields["criteria"]]
    for name, value in fields.items():
        setattr(call, name, value)
    if "deadline" in fields and fields["deadline"] is not None:
        working_days = None
    start = timezone.localdate(call.opened_at) if call.opened_at else timezone.localdate()
    call.deadline_working_days = working_days
    call.deadline = _deadline(call.deadline, working_days, start)
    call.party = call.unit_kind == UnitKind.PARTY_ORG
    firms = list(audience_firms) if audience_firms is not None else list(call.audience_firms.all())
    orgs = (
        list(audience_party_orgs) if audience_party_orgs is not None else list(call.audience_party_orgs.all())
    )
    people = list(reviewers) if reviewers is not None else list(call.reviewers.all())
    _check(call, firms, orgs, people)
    call.version += 1
    save_audited(actor=actor, obj=call, action="call.update", before=before)
    call.audience_firms.set(firms)
    call.audience_party_orgs.set(orgs)
    _set_reviewers(call, people)
    return call


def _set_reviewers(call: Call, people: list) -> None:
    CallReviewer.objects.filter(call=call).exclude(reviewer__in=people).delete()
    have = set(CallReviewer.objects.filter(call=call).values_list("reviewer_id", flat=True))
    CallReviewer.objects.bulk_create(
        [CallReviewer(call=call, reviewer=u) for u in people if u.pk not in have]
    )


def _units(call: Call) -> list[Submission]:
    audience = call_audience(call)
    if call.unit_kind == UnitKind.PARTY_ORG:
        return [Submission(call=call, party_org=o, region=o.region) for o in party_orgs_of(audience)]
    if call.unit_kind == UnitKind.LAWYER:
        return [
            Submission(call=call, lawyer=lawyer, region=lawyer.region or lawyer.firm.region)  # type: ignore[union-attr]  # lawyers of firms
            for lawyer in lawyers_of(audience)
        ]
    return [Submission(call=call, firm=f, region=f.region) for f in firms_of(audience)]


def unit_people(submissions: Iterable[Submission]) -> list:
    """The accounts that act for these submissions' units."""
    rows = list(submissions)
    firm_ids = [s.firm_id for s in rows if s.firm_id is not None]
    org_ids = [s.party_org_id for s in rows if s.party_org_id is not None]
    lawyer_ids = [s.lawyer_id for s in rows if s.lawyer_id is not None]
    people = list(firm_people(firm_ids, org_ids)) if firm_ids or org_ids else []
    if lawyer_ids:
        people += list(get_user_model().objects.filter(lawyer_id__in=lawyer_ids, is_active=True))
    return people


@transaction.atomic
def call_open(*, actor: Actor | None, call: Call, opened_at: dt.datetime | None = None) -> int:
    """Open a draft: resolve its audience into one submission per unit (one bulk insert) and tell
    each unit's people. A deadline in working days is counted from the day it opens. Returns the
    number of units."""
    policies.require(actor, policies.CALL_OPEN, call)
    call = Call.objects.select_for_update().select_related("region").get(pk=call.pk)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("Only a draft call can be opened."), code="not_draft")
    if not call.reviewers.exists():
        raise ValidationError(
            {"reviewers": ValidationError(_("Name at least one reviewer."), code="required")}
        )
    now = opened_at or timezone.now()
    if call.deadline_working_days is not None:
        call.deadline = add_working_days(timezone.localdate(now), call.deadline_working_days).date
    if opened_at is None and call.deadline is not None and call.deadline < timezone.localdate():
        raise ValidationError({"deadline": ValidationError(_("The deadline has passed."), code="past_due")})
    units = _units(call)
    if not units:
        raise ValidationError(_("No unit matches the recipients chosen."), code="empty_audience")
    call.status, call.opened_at = CallStatus.OPEN, now
    call.version += 1
    validate(call)
    call.save(update_fields=["status", "opened_at", "deadline", "version"])
    Submission.objects.bulk_create(units)
    audit_record(
        actor=actor, action="call.open", obj=call, after={"units": len(units), "deadline": call.deadline}
    )
    notify(
        users=unit_people(units),
        title=Text(_("New call for submissions: %(title)s"), {"title": call.title}),
        body=Text(_("Submit by %(due)s."), {"due": call.deadline}),
        url=call.get_absolute_url(),
        key=f"call:{call.pk}:opened",
    )
    return len(units)


@transaction.atomic
def call_close(*, actor: Actor | None, call: Call) -> Call:
    """Close an open call to submissions (the review goes on; returned submissions may still be sent
    again)."""
    policies.require(actor, policies.CALL_CLOSE, call)
    call = Call.objects.select_for_update().select_related("region").get(pk=call.pk)
    if call.status != CallStatus.OPEN:
        raise ValidationError(_("Only an open call can be closed."), code="not_open")
    call.status = CallStatus.REVIEWING
    call.version += 1
    call.save(update_fields=["status", "version"])
    audit_record(actor=actor, action="call.close", obj=call, after={"status": call.status})
    return call


def _event(actor: Actor | None, submission: Submission, action: str, reason: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        status=submission.status,
        reason=reason,
        late=submission.late,
        actor=signed_in(actor),
        actor_name=actor_name(actor),
    )


def _locked(submission: Submission, version: int | None) -> Submission:
    """The submission's row, locked; refused when someone changed it since `version` was read."""
    row = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("call", "call__region")
        .get(pk=submission.pk)
    )
    if version is not None and row.version != version:
        raise ValidationError(STALE, code="stale")
    return row


def _refuse_if_closed(submission: Submission) -> None:
    call = submission.call
    if call.status == CallStatus.PUBLISHED:
        raise ValidationError(_("The results are published: submissions are closed."), code="published")
    if call.status == CallStatus.REVIEWING and submission.status != SubmissionStatus.RETURNED:
        raise ValidationError(_("The call is closed to submissions."), code="closed")
    if call.status == CallStatus.DRAFT:
        raise ValidationError(_("The call is not open."), code="not_open")


@transaction.atomic
def submission_save(
    *,
    actor: Actor | None,
    submission: Submission,
    values: Mapping[str, Any],
    files: Iterable[CheckedUpload] = (),
    version: int | None = None,
) -> Submission:
    """Keep a draft (or a returned submission being corrected): the values given replace the kept
    ones; required fields may still be empty."""
    policies.require(actor, policies.SUBMISSION_EDIT, submission)
    submission = _locked(submission, version)
    _refuse_if_closed(submission)
    if submission.status not in EDITABLE:
        raise ValidationError(_("A submitted submission can no longer be changed."), code="not_editable")
    spec = submission.call.spec
    submission.values = clean_values(spec, values, complete=False)
    uploads = list(files)
    if uploads and not spec.attachments_allowed:
        raise ValidationError({"files": ValidationError(_("This call takes no files."), code="no_files")})
    if submission.files.count() + len(uploads) > spec.max_files:
        raise ValidationError(
            {
                "files": ValidationError(
                    _("At most %(n)s files."), code="too_many", params={"n": spec.max_files}
                )
            }
        )
    submission.version += 1
    validate(submission)
    submission.save(update_fields=["values", "version"])
    names = store_uploads(SubmissionFile, uploads, actor=actor, submission=submission)
    _event(actor, submission, SubmissionAction.SAVE)
    audit_record(
        actor=actor,
        action="submission.save",
        obj=submission,
        after={"fields": sorted(submission.values), "files": names},
    )
    return submission


def _step(
    actor: Actor | None, submission: Submission, name: str, version: int | None, reason: str = ""
) -> Submission:
    """Take a step of `SUBMISSION_WORKFLOW` on the submission's current row, on the version the actor
    saw (the current one when none is named)."""
    row = Submission.objects.select_related("call", "call__region").get(pk=submission.pk)
    version = row.version if version is None else version
    return perform(SUBMISSION_WORKFLOW, actor=actor, obj=row, name=name, version=version, reason=reason)


def submission_submit(
    *, actor: Actor | None, submission: Submission, version: int | None = None
) -> Submission:
    """Send the submission: every required field filled in. After the deadline it is still taken,
    flagged late."""
    return _step(actor, submission, SubmissionAction.SUBMIT, version)


def submission_return(
    *, actor: Actor | None, submission: Submission, reason: str, version: int | None = None
) -> Submission:
    """Send a submission back to its unit with the reason; the unit corrects it and submits again."""
    return _step(actor, submission, SubmissionAction.RETURN, version, reason)


def submission_accept(
    *, actor: Actor | None, submission: Submission, version: int | None = None
) -> Submission:
    """Accept a submitted submission: it goes to the reviewers."""
    return _step(actor, submission, SubmissionAction.ACCEPT, version)


@transaction.atomic
def submission_flag(*, actor: Actor | None, submission: Submission, flag: str, on: bool) -> Submission:
    """Set or clear one of the kind's marks on a submission (the issuing staff, until the results are
    published)."""
    policies.require(actor, policies.SUBMISSION_FLAG, submission)
    submission = _locked(submission, None)
    if flag not in {f.code for f in submission.call.spec.flags}:
        raise ValidationError({"flag": ValidationError(_("Unknown mark."), code="unknown_flag")})
    if submission.call.status == CallStatus.PUBLISHED:
        raise ValidationError(_("The results are published: submissions are closed."), code="published")
    before = list(submission.flags)
    flags = set(before) | {flag} if on else set(before) - {flag}
    if flags == set(before):
        return submission
    submission.flags = sorted(flags)
    submission.version += 1
    submission.save(update_fields=["flags", "version"])
    audit_record(
        actor=actor,
        action="submission.flag",
        obj=submission,
        before={"flags": before},
        after={"flags": submission.flags},
    )
    return submission


def party_read(*, actor: Actor | None, obj: Call | Submission, what: str) -> None:
    """Record that an administrator read Party-side submissions (one submission, or a Party-side call's
    list or results) as Party member lists are: a Party organization's own people are not recorded."""
    if isinstance(obj, Submission):
        if obj.party_org_id is not None and not policies.acts_for(actor, obj):
            audit_record(actor=actor, action="submission.party_read", obj=obj, after={"what": what})
    elif obj.party and (policies.may_issue(actor, obj) or policies.is_reviewer(actor, obj)):
        audit_record(actor=actor, action="submission.party_read", obj=obj, after={"what": what})


def _check_open(change: Change[Submission]) -> None:
    if change.transition.name == SubmissionAction.SUBMIT:
        _refuse_if_closed(change.obj)


def _apply(change: Change[Submission]) -> None:
    submission, now = change.obj, timezone.now()
    if change.transition.name == SubmissionAction.SUBMIT:
        spec = submission.call.spec
        submission.values = clean_values(spec, submission.values, complete=True)
        if spec.on_submit is not None:
            spec.on_submit(submission)
        submission.submitted_at = now
        submission.late = submission.late or submission.call.is_late(timezone.localdate(now))
    elif change.transition.name == SubmissionAction.RETURN:
        submission.return_reason = change.reason
    else:
        submission.accepted_at = now


def _tell(change: Change[Submission]) -> Message | None:
    """A returned submission's unit hears why."""
    submission = change.obj
    if change.transition.name != SubmissionAction.RETURN:
        return None
    return Message(
        users=unit_people([submission]),
        title=Text(_("Returned for correction: %(title)s"), {"title": submission.call.title}),
        body=change.reason,
        url=submission.get_absolute_url(),
        key=f"submission:{submission.pk}:returned:{submission.version}",
    )


# Sending needs every required field and the call still taking submissions; returning a reason.
# Who may: `policies.SUBMISSION`. The history stays in the app's own SubmissionEvent table.
SUBMISSION_WORKFLOW: Workflow[Submission] = Workflow(
    name="calls.submission",
    model=Submission,
    states=SubmissionStatus,
    transitions=(
        Transition(SubmissionAction.SUBMIT, EDITABLE, SubmissionStatus.SUBMITTED),
        Transition(SubmissionAction.RETURN, SENT, SubmissionStatus.RETURNED, needs_reason=True),
        Transition(SubmissionAction.ACCEPT, SENT, SubmissionStatus.ACCEPTED),
    ),
    steps=SubmissionAction,
    policy_actions=policies.SUBMISSION,
    audit_prefix="submission.",
    wrong_state=_("A submission that is %(status)s cannot be %(action)s."),
    version_field="version",
    check=_check_open,
    apply=_apply,
    history=lambda change: _event(change.actor, change.obj, change.transition.name, change.reason),
    tell=_tell,
    stale_message=STALE,
)


def _clean_points(submission: Submission, points: Mapping[str, Any]) -> dict[str, int]:
    """Points per criterion; for a criterion rated on a scale, the grade's code, kept as its points."""
    criteria = submission.call.criteria_in_force
    errors: dict[str, ValidationError] = {}
    clean: dict[str, int] = {}
    for criterion in criteria:
        raw = points.get(criterion.code)
        if criterion.scale:
            grade = next((g for g in criterion.scale if g.code == raw), None)
            if grade is None:
                errors[criterion.code] = ValidationError(
                    _("Choose one of: %(grades)s"),
                    code="grade",
                    params={"grades": "、".join(str(g.label) for g in criterion.scale)},
                )
            else:
                clean[criterion.code] = grade.points
            continue
        try:
            value = int(str(raw))
        except (TypeError, ValueError):
            errors[criterion.code] = ValidationError(_("Enter a whole number."), code="required")
            continue
        if not 0 <= value <= criterion.max_points:
            errors[criterion.code] = ValidationError(
                _("Between 0 and %(max)s."), code="range", params={"max": criterion.max_points}
            )
            continue
        clean[criterion.code] = value
    unknown = set(points) - {c.code for c in criteria}
    if unknown:
        errors["__all__"] = ValidationError(
            _("Unknown criteria: %(names)s"),
            code="unknown_criterion",
            params={"names": ", ".join(sorted(unknown))},
        )
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def score_submit(
    *,
    actor: Actor | None,
    submission: Submission,
    points: Mapping[str, Any],
    comment: str = "",
    reason: str = "",
) -> Score:
    """A reviewer scores an accepted submission on every criterion (0 to its maximum, or a grade of its
    scale). Scoring again
    changes the score: the old points are kept with the `reason`, which a change requires. A reviewer
    from the submission's own firm or Party organization is refused with the reason."""
    submission = Submission.objects.select_related("call", "call__region", "lawyer", "party_org").get(
        pk=submission.pk
    )
    call = submission.call
    policies.require(actor, policies.REVIEW_SCORE, call)
    reviewer = signed_in(actor)
    assert reviewer is not None  # call.review.score is kept for people: the system never scores
    conflict = policies.conflict_reason(actor, submission)
    if conflict:
        raise ValidationError(conflict, code="conflict_of_interest")
    if not call.spec.scored:
        raise ValidationError(_("This call is voted on, not scored."), code="not_scored")
    if submission.status != SubmissionStatus.ACCEPTED:
        raise ValidationError(_("Only accepted submissions are scored."), code="not_accepted")
    if call.status == CallStatus.PUBLISHED:
        raise ValidationError(_("The results are published: scores can no longer change."), code="published")
    clean = _clean_points(submission, points)
    total = weighted_total(call.criteria_in_force, clean)
    now = timezone.now()
    score = Score.objects.select_for_update().filter(submission=submission, reviewer=reviewer).first()
    if score is None:
        score = Score(
            submission=submission,
            reviewer=reviewer,
            points=clean,
            total=total,
            comment=comment.strip(),
            scored_at=now,
        )
        validate(score)
        score.save()
        audit_record(
            actor=actor, action="review.score", obj=score, after={"points": clean, "total": str(total)}
        )
        return score
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Say why the score changes."), code="required")})
    ScoreRevision.objects.create(
        score=score,
        points=score.points,
        total=score.total,
        reason=reason.strip(),
        changed_by=signed_in(actor),
    )
    before = {"points": score.points, "total": str(score.total)}
    score.points, score.total, score.changed_at = clean, total, now
    score.comment = comment.strip() or score.comment
    validate(score)
    score.save()
    audit_record(
        actor=actor,
        action="review.score_change",
        obj=score,
        before=before,
        after={"points": clean, "total": str(total), "reason": reason.strip()},
    )
    return score


def missing_scores(call: Call) -> int:
    """How many (accepted submission, reviewer) pairs still lack a score, leaving out the pairs a
    conflict of interest rules out."""
    reviewers = list(call.reviewers.all())
    missing = 0
    accepted = Submission.objects.filter(call=call, status=SubmissionStatus.ACCEPTED).select_related(
        "lawyer", "party_org"
    )
    scored = set(Score.objects.filter(submission__call=call).values_list("submission_id", "reviewer_id"))
    for submission in accepted:
        for reviewer in reviewers:
            if (submission.pk, reviewer.pk) not in scored and not policies.conflict_reason(
                reviewer, submission
            ):
                missing += 1
    return missing


@transaction.atomic
def result_publish(
    *,
    actor: Actor | None,
    call: Call,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    days: int = 5,
) -> Call:
    """Publish the results: every accepted submission scored by every reviewer (but those ruled out by
    a conflict), the call closed to submissions. The results are shown on the public site for a window
    (by default from now for `days` working days)."""
    policies.require(actor, policies.RESULT_PUBLISH, call)
    call = Call.objects.select_for_update().select_related("region").get(pk=call.pk)
    if call.status not in (CallStatus.OPEN, CallStatus.REVIEWING):
        raise ValidationError(
            _("Only an open call or one under review can publish results."), code="not_reviewing"
        )
    if not call.spec.public_results:
        raise ValidationError(_("This kind of call keeps its results inside."), code="not_public")
    if not Submission.objects.filter(call=call, status=SubmissionStatus.ACCEPTED).exists():
        raise ValidationError(_("No submission has been accepted."), code="nothing_accepted")
    missing = missing_scores(call)
    if missing:
        raise ValidationError(
            _("%(n)s scores are still missing."), code="scores_missing", params={"n": missing}
        )
    now = timezone.now()
    starts_at = starts_at or now
    if ends_at is None:
        end_day = add_working_days(timezone.localdate(starts_at), days).date
        ends_at = timezone.make_aware(dt.datetime.combine(end_day, dt.time(23, 59, 59)))
    call.status, call.published_at = CallStatus.PUBLISHED, now
    call.version += 1
    call.save(update_fields=["status", "published_at", "version"])
    window = workflow_services.window_create(
        actor=actor,
        obj=call,
        kind=PUBLICATION_KIND,
        title=call.title,
        starts_at=starts_at,
        ends_at=ends_at,
        scope_path=call.region.path,
        party=call.party,
    )
    audit_record(actor=actor, action="result.publish", obj=call, after={"window": window.pk})
    return call


def call_reminders_send(now: dt.datetime) -> int:
    """The scheduled job (`lvxie tick`, registered in CallsConfig): remind the units of an open call due
    within LVXIE_DUE_SOON_WORKING_DAYS working days that have not submitted (once a day each), and
    each reviewer with accepted submissions still to score. Returns the notifications sent."""
    today = timezone.localdate(now)
    sent = 0
    due = Call.objects.filter(
        status=CallStatus.OPEN, deadline__gte=today, deadline__lte=due_soon_until(today)
    )
    for call in due:
        waiting = Submission.objects.filter(call=call, status__in=EDITABLE)
        with transaction.atomic():
            sent += notify(
                users=unit_people(waiting),
                title=Text(
                    _("Submission due %(due)s: %(title)s"), {"due": call.deadline, "title": call.title}
                ),
                url=call.get_absolute_url(),
                key=f"call:{call.pk}:due:{today.isoformat()}",
            )
            waiting.update(last_reminded_at=now)
    reviewing = Call.objects.filter(
        status__in=(CallStatus.OPEN, CallStatus.REVIEWING), kind__in=scored_kind_codes()
    )
    for call in reviewing.filter(submissions__status=SubmissionStatus.ACCEPTED).distinct():
        accepted = list(
            Submission.objects.filter(call=call, status=SubmissionStatus.ACCEPTED).select_related(
                "lawyer", "party_org"
            )
        )
        for reviewer in call.reviewers.filter(is_active=True):
            scored = set(
                Score.objects.filter(submission__call=call, reviewer=reviewer).values_list(
                    "submission_id", flat=True
                )
            )
            left = [s for s in accepted if s.pk not in scored and not policies.conflict_reason(reviewer, s)]
            if left:
                sent += notify(
                    users=[reviewer],
                    title=Text(
                        _("%(n)s submissions to score: %(title)s"), {"n": len(left), "title": call.title}
                    ),
                    url=call.get_absolute_url(),
                    key=f"call:{call.pk}:review:{today.isoformat()}",
                )
    return sent
