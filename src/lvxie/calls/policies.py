"""Who may do what with calls for submissions, in one place (the shared form, lvxie.core.policy).

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

from functools import cached_property
from typing import NamedTuple

from django.utils.translation import gettext

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.party.choices import MemberStatus
from lvxie.party.models import PartyMembership
from lvxie.registry.models import Lawyer, Region

from .choices import SubmissionAction
from .models import Call, Submission

CALL_CREATE = "call.create"
CALL_EDIT = "call.edit"
CALL_OPEN = "call.open"
CALL_CLOSE = "call.close"
CALL_PROGRESS = "call.progress"
SUBMISSION_EDIT = "call.submission.edit"
SUBMISSION_SUBMIT = "call.submission.submit"
SUBMISSION_RETURN = "call.submission.return"
SUBMISSION_ACCEPT = "call.submission.accept"
SUBMISSION_FLAG = "call.submission.flag"
REVIEW_SCORE = "call.review.score"
RESULT_VIEW = "call.result.view"
RESULT_EXPORT = "call.result.export"
RESULT_PUBLISH = "call.result.publish"
# The steps of a submission (`services.SUBMISSION_WORKFLOW`) and who may take each.
SUBMISSION: dict[str, str] = {
    SubmissionAction.SUBMIT: SUBMISSION_SUBMIT,
    SubmissionAction.RETURN: SUBMISSION_RETURN,
    SubmissionAction.ACCEPT: SUBMISSION_ACCEPT,
}


def issuing_paths(actor: Actor | None, *, party: bool) -> tuple[str, ...]:
    """The regions whose calls the actor issues: their editing subtree on the bar's side, their Party
    committee's regions on the Party side."""
    scope = scope_of(actor)
    return scope.party_region_paths if party else scope.edits().region_paths


def may_issue(actor: Actor | None, call: Call) -> bool:
    if actor is None:
        return True
    return under(call.region.path, issuing_paths(actor, party=call.party))


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
    return under(call.region.path, paths)


def _own_firm_ids(actor: Actor) -> set[int]:
    ids = set(scope_of(actor).firm_ids)
    lawyer = getattr(actor, "lawyer", None)
    if lawyer is not None and lawyer.firm_id is not None:
        ids.add(lawyer.firm_id)
    return ids


def own_org_paths(actor: Actor) -> set[str]:
    paths = set(scope_of(actor).party_org_paths)
    lawyer_id = getattr(actor, "lawyer_id", None)
    if lawyer_id is not None:
        paths |= set(
            PartyMembership.objects.filter(lawyer_id=lawyer_id, status=MemberStatus.ACTIVE).values_list(
                "org__path", flat=True
            )
        )
    return paths


class Unit(NamedTuple):
    """A submission's unit as a conflict of interest is judged on it, in plain values (one is set): the
    firm, the lawyer, the Party organization's path."""

    firm_id: int | None
    lawyer_id: int | None
    org_path: str | None

    @classmethod
    def of(cls, submission: Submission) -> Unit:
        org = submission.party_org if submission.party_org_id is not None else None
        return cls(submission.firm_id, submission.lawyer_id, org.path if org is not None else None)


# The lookups that read a `Unit` from a submission as values, in its order.
UNIT_FIELDS = ("firm_id", "lawyer_id", "party_org__path")


class Conflicts:
    """What of an actor's own stands in the way of their reviewing a submission (their firms, their
    lawyer record, their Party organizations), read once to ask of many submissions: the results of a
    national call ask it of every one. `reason(submission)` is `conflict_reason(actor, submission)`."""

    def __init__(self, actor: Actor | None) -> None:
        self.actor = actor
        self.pk = actor.pk if actor is not None else None
        self.firm_ids = _own_firm_ids(actor) if actor is not None and actor.is_authenticated else set()

    @cached_property
    def org_paths(self) -> set[str]:
        # Read when a Party organization's submission first asks (a query for a lawyer's account).
        return own_org_paths(self.actor) if self.actor is not None else set()

    @cached_property
    def firm_lawyer_ids(self) -> set[int]:
        # The lawyers of the actor's own firms, read when a lawyer's submission first asks: a unit read
        # as values carries no lawyer's firm (a join with every lawyer would cost a national table).
        if not self.firm_ids:
            return set()
        return set(Lawyer.objects.filter(firm_id__in=self.firm_ids).values_list("pk", flat=True))

    def reason(self, submission: Submission | Unit) -> str:
        """Why the actor may not review this submission (or the submission of this unit, read as plain
        values), or "" when nothing stands in the way."""
        actor = self.actor
        if actor is None or not actor.is_authenticated:
            return ""
        unit = submission if isinstance(submission, Unit) else Unit.of(submission)
        if unit.firm_id is not None and unit.firm_id in self.firm_ids:
            return gettext("This submission comes from your own law firm.")
        if unit.lawyer_id is not None:
            if unit.lawyer_id == getattr(actor, "lawyer_id", None):
                return gettext("This submission is your own.")
            if unit.lawyer_id in self.firm_lawyer_ids:
                return gettext("This submission comes from a lawyer of your own law firm.")
        if unit.org_path is not None and under(unit.org_path, self.org_paths):
            return gettext("This submission comes from your own Party organization.")
        return ""


def conflict_reason(actor: Actor | None, submission: Submission) -> str:
    """Why the actor may not review this submission (their own firm, lawyer, or Party organization),
    or "" when nothing stands in the way."""
    return Conflicts(actor).reason(submission)


def is_reviewer(actor: Actor | None, call: Call) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    return call.reviewers.filter(pk=actor.pk).exists()


def _call_create(actor: Actor, obj: Region | None, *, party: bool = False, **ctx) -> bool:
    """In the region `obj` on the bar's side or (party=True) the Party side; without a region: may they
    create any call (to offer the form)?"""
    if obj is None:
        return bool(issuing_paths(actor, party=False) or issuing_paths(actor, party=True))
    return under(obj.path, issuing_paths(actor, party=party))


def _issues(actor: Actor, obj: Call | Submission, **ctx) -> bool:
    """The call (or the submission's call) was issued in the actor's subtree on its side."""
    return may_issue(actor, obj.call if isinstance(obj, Submission) else obj)


def _acts_for(actor: Actor, obj: Submission, **ctx) -> bool:
    return acts_for(actor, obj)


def _review_score(actor: Actor, obj: Call | Submission, **ctx) -> bool:
    """A reviewer named on the call; for a submission, one without a conflict of interest."""
    if isinstance(obj, Submission):
        return is_reviewer(actor, obj.call) and not conflict_reason(actor, obj)
    return is_reviewer(actor, obj)


def _result_view(actor: Actor, obj: Call, **ctx) -> bool:
    return may_issue(actor, obj) or is_reviewer(actor, obj)


POLICY = register(
    Policy(
        {
            CALL_CREATE: _call_create,
            CALL_EDIT: _issues,
            CALL_OPEN: _issues,
            CALL_CLOSE: _issues,
            CALL_PROGRESS: _issues,
            SUBMISSION_EDIT: _acts_for,
            SUBMISSION_SUBMIT: _acts_for,
            SUBMISSION_RETURN: _issues,
            SUBMISSION_ACCEPT: _issues,
            SUBMISSION_FLAG: _issues,
            REVIEW_SCORE: _review_score,
            RESULT_VIEW: _result_view,
            RESULT_EXPORT: _issues,
            RESULT_PUBLISH: _issues,
        },
        people_only=[REVIEW_SCORE],  # a reviewer is a person named on the call, never the system
    )
)
allowed = POLICY.allowed
require = POLICY.require
