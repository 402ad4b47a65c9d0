"""Who may do what with calls for submissions.

- The issuing side (region staff with an editing role over the issuing region for the bar's calls;
  Party committee staff over it for the Party side's) writes, opens and closes a call, returns or
  accepts submissions, exports and publishes the results.
- A unit's people fill in and submit its submission: a firm's administrators, a Party organization's
  secretaries, a lawyer themself.
- Reviewers are users named on the call; each scores accepted submissions, never one from their own
  firm or Party organization (`conflict_reason` says why).
`actor=None` is the system (the demo seed).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.party.choices import MemberStatus
from lvxie.party.models import PartyMembership

from .models import Call, Submission

CALL_CREATE = "call.create"
CALL_EDIT = "call.edit"
CALL_OPEN = "call.open"
CALL_CLOSE = "call.close"
CALL_PROGRESS = "call.progress"
SUBMISSION_EDIT = "submission.edit"
SUBMISSION_SUBMIT = "submission.submit"
SUBMISSION_RETURN = "submission.return"
SUBMISSION_ACCEPT = "submission.accept"
REVIEW_SCORE = "review.score"
RESULT_VIEW = "result.view"
RESULT_EXPORT = "result.export"
RESULT_PUBLISH = "result.publish"

ISSUER_ACTIONS = frozenset(
    {
        CALL_EDIT,
        CALL_OPEN,
        CALL_CLOSE,
        CALL_PROGRESS,
        SUBMISSION_RETURN,
        SUBMISSION_ACCEPT,
        RESULT_EXPORT,
        RESULT_PUBLISH,
    }
)
UNIT_ACTIONS = frozenset({SUBMISSION_EDIT, SUBMISSION_SUBMIT})
ACTIONS = ISSUER_ACTIONS | UNIT_ACTIONS | {CALL_CREATE, REVIEW_SCORE, RESULT_VIEW}


def issuing_paths(actor: Actor | None, *, party: bool) -> tuple[str, ...]:
    """The regions whose calls the actor issues: their editing subtree on the bar's side, their Party
    committee's regions on the Party side."""
    scope = scope_of(actor)
    return scope.party_region_paths if party else scope.edits().region_paths


def may_issue(actor: Actor | None, call: Call) -> bool:
    if actor is None:
        return True
    return any(call.region.path.startswith(p) for p in issuing_paths(actor, party=call.party))


def acts_for(actor: Actor | None, submission: Submission) -> bool:
    """Does the actor act for the submission's unit?"""
    if actor is None:
        return True
    scope = scope_of(actor)
    if submission.party_org_id is not None:
        return submission.party_org.path in scope.party_org_paths  # type: ignore[union-attr]  # set above
    if submission.lawyer_id is not None:
        return submission.lawyer_id in scope.lawyer_ids
    return submission.firm_id in scope.edits().firm_ids


def covers_call(actor: Actor | None, call: Call) -> bool:
    """Does the actor's scope on the call's side hold the whole issuing region (so they see every
    submission)? Reviewers must."""
    scope = scope_of(actor)
    paths = scope.party_region_paths if call.party else scope.region_paths
    return any(call.region.path.startswith(p) for p in paths)


def _own_firm_ids(actor: Actor) -> set[int]:
    ids = set(scope_of(actor).firm_ids)
    lawyer = getattr(actor, "lawyer", None)
    if lawyer is not None and lawyer.firm_id is not None:
        ids.add(lawyer.firm_id)
    return ids


def _own_org_paths(actor: Actor) -> set[str]:
    paths = set(scope_of(actor).party_org_paths)
    lawyer_id = getattr(actor, "lawyer_id", None)
    if lawyer_id is not None:
        paths |= set(
            PartyMembership.objects.filter(lawyer_id=lawyer_id, status=MemberStatus.ACTIVE).values_list(
                "org__path", flat=True
            )
        )
    return paths


def conflict_reason(actor: Actor | None, submission: Submission) -> str:
    """Why the actor may not review this submission (their own firm, lawyer, or Party organization),
    or "" when nothing stands in the way."""
    if actor is None or not actor.is_authenticated:
        return ""
    firm_ids = _own_firm_ids(actor)
    if submission.firm_id is not None and submission.firm_id in firm_ids:
        return gettext("This submission comes from your own law firm.")
    if submission.lawyer_id is not None:
        if submission.lawyer_id == getattr(actor, "lawyer_id", None):
            return gettext("This submission is your own.")
        lawyer = submission.lawyer
        if lawyer is not None and lawyer.firm_id is not None and lawyer.firm_id in firm_ids:
            return gettext("This submission comes from a lawyer of your own law firm.")
    if submission.party_org_id is not None:
        path = submission.party_org.path  # type: ignore[union-attr]  # set above
        if any(path.startswith(p) for p in _own_org_paths(actor)):
            return gettext("This submission comes from your own Party organization.")
    return ""


def is_reviewer(actor: Actor | None, call: Call) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    return call.reviewers.filter(pk=actor.pk).exists()


def allowed(actor: Actor | None, action: str, obj: object = None) -> bool:
    """May the actor do `action` (one of ACTIONS) on `obj` (a Call, or a Submission for submission
    and review actions; for call.create a (region, party) pair or None: may they create any)?"""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if actor is None:
        return True
    if action == CALL_CREATE:
        if isinstance(obj, tuple):
            region, party = obj
            return any(region.path.startswith(p) for p in issuing_paths(actor, party=party))
        return bool(issuing_paths(actor, party=False) or issuing_paths(actor, party=True))
    if isinstance(obj, Submission):
        if action in UNIT_ACTIONS:
            return acts_for(actor, obj)
        if action == REVIEW_SCORE:
            return is_reviewer(actor, obj.call) and not conflict_reason(actor, obj)
        return may_issue(actor, obj.call)
    if isinstance(obj, Call):
        if action == RESULT_VIEW:
            return may_issue(actor, obj) or is_reviewer(actor, obj)
        if action == REVIEW_SCORE:
            return is_reviewer(actor, obj)
        if action in ISSUER_ACTIONS:
            return may_issue(actor, obj)
    return False


def require(actor: Actor | None, action: str, obj: object = None) -> None:
    """Refuse with PermissionDenied what `allowed` refuses."""
    if not allowed(actor, action, obj):
        raise PermissionDenied
