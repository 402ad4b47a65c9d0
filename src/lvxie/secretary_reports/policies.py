"""Who may do what with secretaries' reports, on top of the calls' own rules (lvxie.calls.policies):

- The Party committee staff over a region open its year's review (a Party-side call) and mark the
  organizations that report orally at the meeting.
- The committee staff and the panel (the call's reviewers, never on a report of their own organization)
  read the year's results and turn a shortcoming they name into an item of the organization's
  rectification ledger (the ledger's own rules are checked again by lvxie.ledgers).
- Only the committee staff export the results table.
Firm administrators, region staff of the bar and lawyers have no part: Party-side data.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lvxie.calls import policies as calls_policies
from lvxie.calls.models import Call, Submission
from lvxie.core.policy import Policy, register
from lvxie.core.types import Actor
from lvxie.registry.models import Region

from .kinds import CODE

REVIEW_OPEN = "secretary_report.open"
ORAL_MARK = "secretary_report.oral"
RESULTS_VIEW = "secretary_report.results"
RESULTS_EXPORT = "secretary_report.export"
SHORTCOMING = "secretary_report.shortcoming"


def _review(obj: Call | Submission) -> Call | None:
    call = obj.call if isinstance(obj, Submission) else obj
    return call if call.kind == CODE else None


def _open(actor: Actor, obj: Region | None, **ctx) -> bool:
    """Party committee staff over the region (without one: over any region, to offer the form)."""
    if obj is None:
        return bool(calls_policies.issuing_paths(actor, party=True))
    return calls_policies.allowed(actor, calls_policies.CALL_CREATE, obj, party=True)


def _oral(actor: Actor, obj: Submission, **ctx) -> bool:
    return _review(obj) is not None and calls_policies.allowed(actor, calls_policies.SUBMISSION_FLAG, obj)


def _results(actor: Actor, obj: Call, **ctx) -> bool:
    return _review(obj) is not None and calls_policies.allowed(actor, calls_policies.RESULT_VIEW, obj)


def _export(actor: Actor, obj: Call, **ctx) -> bool:
    return _review(obj) is not None and calls_policies.allowed(actor, calls_policies.RESULT_EXPORT, obj)


def _shortcoming(actor: Actor, obj: Submission, **ctx) -> bool:
    call = _review(obj)
    if call is None:
        return False
    if calls_policies.may_issue(actor, call):
        return True
    return calls_policies.allowed(actor, calls_policies.REVIEW_SCORE, obj)


POLICY = register(
    Policy(
        {
            REVIEW_OPEN: _open,
            ORAL_MARK: _oral,
            RESULTS_VIEW: _results,
            RESULTS_EXPORT: _export,
            SHORTCOMING: _shortcoming,
        },
        reasons={
            REVIEW_OPEN: _("Only the Party committee's staff over the region open its review."),
            ORAL_MARK: _("Only the Party committee that opened the review marks oral reports."),
            SHORTCOMING: _("Only the committee and the panel put a shortcoming in the ledger."),
        },
    )
)
allowed, require = POLICY.allowed, POLICY.require
