"""Who may do what with disciplinary cases (the shared form, lvxie.core.policy).

- Discipline officers over the case's district open it, investigate, notify, record the hearing,
  decide, decide the review, name the staff who may read it, and see the oversight figures.
- The lawyer the case is about (for a case against a firm: the firm's administrators) answers, asks for
  a hearing and requests a review from their account; an officer may record a paper answer or request
  for them.
`actor=None` is the system (the demo seed, the job that makes decisions final).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import CaseAction
from .models import DisciplinaryCase

CASE_OPEN = "discipline.case.open"
CASE_HANDLE = "discipline.case.handle"
CASE_ANSWER = "discipline.case.answer"
CASE_GRANT = "discipline.case.grant"
OVERSIGHT = "discipline.oversight"

# The steps of a case (`services.CASE_WORKFLOW`) and who may take each.
STEPS: dict[str, str] = {
    CaseAction.NOTIFY: CASE_HANDLE,
    CaseAction.ANSWER: CASE_ANSWER,
    CaseAction.NO_ANSWER: CASE_HANDLE,
    CaseAction.ASK_HEARING: CASE_ANSWER,
    CaseAction.HOLD_HEARING: CASE_HANDLE,
    CaseAction.DECIDE: CASE_HANDLE,
    CaseAction.DISMISS: CASE_HANDLE,
    CaseAction.REQUEST_REVIEW: CASE_ANSWER,
    CaseAction.REVIEW: CASE_HANDLE,
    CaseAction.FINALIZE: CASE_HANDLE,
}


def handles(actor: Actor | None, case: DisciplinaryCase) -> bool:
    """A discipline officer over the case's district (the system too)."""
    if actor is None:
        return True
    return under(case.region.path, scope_of(actor).discipline_region_paths)


def is_subject(actor: Actor | None, case: DisciplinaryCase) -> bool:
    """The lawyer the case is about, or an administrator of the firm it is about."""
    if actor is None or not actor.is_authenticated:
        return False
    scope = scope_of(actor)
    if case.lawyer_id is not None:
        return case.lawyer_id in scope.lawyer_ids
    return case.firm_id in scope.edits().firm_ids


def _open(actor: Actor, obj: Region | Lawyer | LawFirm | None, **ctx) -> bool:
    """In the district of `obj` (a region, or the lawyer's or firm's); without one: anywhere (the form)."""
    paths = scope_of(actor).discipline_region_paths
    if obj is None:
        return bool(paths)
    region = obj if isinstance(obj, Region) else obj.region
    return under(region.path, paths)


def _handle(actor: Actor, obj: DisciplinaryCase, **ctx) -> bool:
    return handles(actor, obj)


def _answer(actor: Actor, obj: DisciplinaryCase, **ctx) -> bool:
    return is_subject(actor, obj) or handles(actor, obj)


def _oversight(actor: Actor, obj: Region | None, **ctx) -> bool:
    paths = scope_of(actor).discipline_region_paths
    return under(obj.path, paths) if obj is not None else bool(paths)


POLICY = register(
    Policy(
        {
            CASE_OPEN: _open,
            CASE_HANDLE: _handle,
            CASE_ANSWER: _answer,
            CASE_GRANT: _handle,
            OVERSIGHT: _oversight,
        },
        reasons={
            CASE_OPEN: _("Only a discipline officer over this district may open a case."),
            CASE_HANDLE: _("Only a discipline officer over this district may handle this case."),
            CASE_ANSWER: _("Only the lawyer concerned (or an officer recording for them) may do this."),
            CASE_GRANT: _("Only a discipline officer over this district may name people on this case."),
            OVERSIGHT: _("Only discipline officers see these figures."),
        },
    )
)
allowed, require = POLICY.allowed, POLICY.require
