"""Who may do what with commendations and contests (the shared form, lvxie.core.policy).

- A unit's people (those who fill in its submission to the call) nominate.
- The call's reviewers are the panel: each votes on the nominations of accepted submissions, never
  on one from their own firm or Party organization, nor on themself (`conflict_reason`).
- The issuing side decides the panel's result, opens the public notice, decides the public's
  objections, confirms the awards, exports a round's results; for a contest, awards the prizes and
  publishes the collection.
`actor=None` is the system (the demo seed).
"""

from __future__ import annotations

from django.utils.translation import gettext

from lvxie.calls import policies as call_policies
from lvxie.calls.models import Call
from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.types import Actor

from .choices import NominationAction
from .models import Nomination

NOMINATE = "commendation.nominate"
NOMINATION_WITHDRAW = "commendation.nomination.withdraw"
VOTE = "commendation.vote"
PANEL_DECIDE = "commendation.panel.decide"
NOTICE_OPEN = "commendation.notice.open"
OBJECTION_DECIDE = "commendation.objection.decide"
AWARD = "commendation.award"
RESULTS_EXPORT = "commendation.results.export"
PRIZE_AWARD = "contest.prize.award"
COLLECTION_PUBLISH = "contest.collection.publish"
# The steps of a nomination (`services.NOMINATION_WORKFLOW`) and who may take each.
NOMINATION: dict[str, str] = {
    NominationAction.RECOMMEND: PANEL_DECIDE,
    NominationAction.DECLINE: PANEL_DECIDE,
    NominationAction.NOTICE: NOTICE_OPEN,
    NominationAction.STOP: OBJECTION_DECIDE,
    NominationAction.AWARD: AWARD,
}


def conflict_reason(actor: Actor | None, nomination: Nomination) -> str:
    """Why the actor may not vote on this nomination (the nominating unit is their own, or the nominee
    is they themself, their firm or their Party organization), or ""."""
    reason = call_policies.conflict_reason(actor, nomination.submission)
    if reason or actor is None or not actor.is_authenticated:
        return reason
    if nomination.lawyer_id is not None and nomination.lawyer_id == getattr(actor, "lawyer_id", None):
        return gettext("You are the nominee.")
    own_lawyer = getattr(actor, "lawyer", None)
    firm_id = own_lawyer.firm_id if own_lawyer is not None else None
    if firm_id is not None and firm_id in (nomination.firm_id, getattr(nomination.lawyer, "firm_id", None)):
        return gettext("The nominee is of your own law firm.")
    if nomination.party_org_id is not None and under(
        nomination.party_org.path,  # type: ignore[union-attr]  # set above
        call_policies.own_org_paths(actor),
    ):
        return gettext("The nominee is your own Party organization.")
    return ""


def _call_of(obj: Call | Nomination) -> Call:
    return obj if isinstance(obj, Call) else obj.call


def _issues(actor: Actor, obj: Call | Nomination, **ctx: object) -> bool:
    return call_policies.may_issue(actor, _call_of(obj))


def _nominate(actor: Actor, obj: Nomination, **ctx: object) -> bool:
    """`obj`: the nomination (its submission names the unit)."""
    return call_policies.acts_for(actor, obj.submission)


def _vote(actor: Actor, obj: Call | Nomination, **ctx: object) -> bool:
    """A panel member of the call; for a nomination, one without a conflict of interest."""
    if isinstance(obj, Nomination):
        return call_policies.is_reviewer(actor, obj.call) and not conflict_reason(actor, obj)
    return call_policies.is_reviewer(actor, obj)


POLICY = register(
    Policy(
        {
            NOMINATE: _nominate,
            NOMINATION_WITHDRAW: _nominate,
            VOTE: _vote,
            PANEL_DECIDE: _issues,
            NOTICE_OPEN: _issues,
            OBJECTION_DECIDE: _issues,
            AWARD: _issues,
            RESULTS_EXPORT: _issues,
            PRIZE_AWARD: _issues,
            COLLECTION_PUBLISH: _issues,
        },
        reasons={
            VOTE: lambda actor, obj, **ctx: (
                conflict_reason(actor, obj) if isinstance(obj, Nomination) else None
            )
        },
        people_only=[VOTE],  # a panel member is a person named on the call, never the system
    )
)
allowed = POLICY.allowed
require = POLICY.require
