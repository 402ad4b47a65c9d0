"""Who may do what with complaints (the shared form, lvxie.core.policy).

- Discipline officers (Role.DISCIPLINE_OFFICER, `scope.discipline_region_paths`) register complaints
  that arrive by letter, phone or referral, decide acceptance and triage, and name the staff who handle
  or may read a complaint (a per-complaint grant).
- A named handler takes the steps too; a named reader only reads.
- Nobody is named who works at the firm complained of, is the lawyer complained of, or declared a
  conflict (`conflict_reason`).
- The complainant's identity: the officers and the people named see it; the lawyer and the firm
  complained of see it only when the complainant did not ask for confidentiality.
`actor=None` is the system (the demo seed).
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import Region

from .choices import AccessKind, ComplaintAction
from .models import Complaint, ComplaintAccess, ConflictDeclaration

COMPLAINT_REGISTER = "complaint.register"
COMPLAINT_VIEW = "complaint.view"
COMPLAINT_IDENTITY = "complaint.identity"
COMPLAINT_NAME = "complaint.name"
COMPLAINT_CONFLICT = "complaint.conflict"
COMPLAINT_EXPORT = "complaint.export"
STEP_ACCEPT = "complaint.accept"
STEP_ASK_PAPERS = "complaint.ask_papers"
STEP_PAPERS_RECEIVED = "complaint.papers_received"
STEP_REFER = "complaint.refer"
STEP_DECLINE = "complaint.decline"
STEP_TRIAGE = "complaint.triage"
STEP_CLOSE = "complaint.close"
# The steps of a complaint (`services.COMPLAINT_WORKFLOW`) and who may take each.
STEPS: dict[str, str] = {
    ComplaintAction.ACCEPT: STEP_ACCEPT,
    ComplaintAction.ASK_PAPERS: STEP_ASK_PAPERS,
    ComplaintAction.PAPERS_RECEIVED: STEP_PAPERS_RECEIVED,
    ComplaintAction.REFER: STEP_REFER,
    ComplaintAction.DECLINE: STEP_DECLINE,
    ComplaintAction.TRIAGE_SIMPLE: STEP_TRIAGE,
    ComplaintAction.TRIAGE_COMPLEX: STEP_TRIAGE,
    ComplaintAction.CLOSE: STEP_CLOSE,
}


def officer_over(actor: Actor | None, complaint: Complaint) -> bool:
    """A discipline officer whose subtree holds the complaint's district (or the system)."""
    if actor is None:
        return True
    return under(complaint.region.path, scope_of(actor).discipline_region_paths)


def named_as(actor: Actor | None, complaint: Complaint) -> str:
    """The actor's role named on the complaint (AccessKind), or "" when not named."""
    if actor is None or not actor.is_authenticated:
        return ""
    kind = (
        ComplaintAccess.objects.filter(complaint=complaint, user_id=actor.pk)
        .values_list("kind", flat=True)
        .first()
    )
    return kind or ""


def handles(actor: Actor | None, complaint: Complaint) -> bool:
    """May see the whole complaint, the complainant's identity included: the officers over it and the
    people named on it."""
    return officer_over(actor, complaint) or bool(named_as(actor, complaint))


def conflict_reason(user, complaint: Complaint) -> str:
    """Why `user` may not be named on this complaint, or "" when nothing stands in the way."""
    if user is None or not user.is_authenticated:
        return gettext("Only a person can be named on a complaint.")
    if complaint.lawyer_id is not None and complaint.lawyer_id == getattr(user, "lawyer_id", None):
        return gettext("This complaint is about this person.")
    firm_ids = set(scope_of(user).firm_ids)
    own_lawyer = getattr(user, "lawyer", None)
    if own_lawyer is not None and own_lawyer.firm_id is not None:
        firm_ids.add(own_lawyer.firm_id)
    subject_firms = {complaint.firm_id, complaint.lawyer.firm_id if complaint.lawyer else None} - {None}
    if firm_ids & subject_firms:
        return gettext("This person works at the law firm complained of.")
    if ConflictDeclaration.objects.filter(complaint=complaint, user_id=user.pk).exists():
        return gettext("This person declared a conflict of interest on this complaint.")
    return ""


def _register(actor: Actor, obj: Region | None, **ctx) -> bool:
    """In the district `obj`; without one: may they register any complaint (to offer the form)?"""
    paths = scope_of(actor).discipline_region_paths
    return bool(paths) if obj is None else under(obj.path, paths)


def _officer(actor: Actor, obj: Complaint | None, **ctx) -> bool:
    if obj is None:  # "any" (the list's export button)
        return bool(scope_of(actor).discipline_region_paths)
    return officer_over(actor, obj)


def _step(actor: Actor, obj: Complaint, **ctx) -> bool:
    return officer_over(actor, obj) or named_as(actor, obj) == AccessKind.HANDLER


def _handles(actor: Actor, obj: Complaint, **ctx) -> bool:
    return handles(actor, obj)


def _identity(actor: Actor, obj: Complaint, **ctx) -> bool:
    """The handlers always; the lawyer and firm complained of (who see the complaint at all) only when
    it is not confidential."""
    return handles(actor, obj) or not obj.confidential


def _conflict(actor: Actor, obj: Complaint, **ctx) -> bool:
    return officer_over(actor, obj) or bool(named_as(actor, obj))


STEP_REASON = gettext_lazy("Only the discipline officers over this complaint and its handlers may do this.")
POLICY = register(
    Policy(
        {
            COMPLAINT_REGISTER: _register,
            COMPLAINT_VIEW: _handles,
            COMPLAINT_IDENTITY: _identity,
            COMPLAINT_NAME: _officer,
            COMPLAINT_CONFLICT: _conflict,
            COMPLAINT_EXPORT: _officer,
            STEP_ACCEPT: _step,
            STEP_ASK_PAPERS: _step,
            STEP_PAPERS_RECEIVED: _step,
            STEP_REFER: _step,
            STEP_DECLINE: _step,
            STEP_TRIAGE: _step,
            STEP_CLOSE: _step,
        },
        reasons={
            COMPLAINT_REGISTER: gettext_lazy(
                "Only discipline officers register complaints, in their districts."
            ),
            COMPLAINT_NAME: gettext_lazy(
                "Only the discipline officers over this complaint name its handlers."
            ),
            **{action: STEP_REASON for action in set(STEPS.values())},
        },
        people_only=[COMPLAINT_CONFLICT],
    )
)
allowed = POLICY.allowed
require = POLICY.require
