"""Who may do what to notices, in one place (the shared form, lvxie.core.policy).

- Staff with a region editing role (city and district administrators, judicial bureau officers) write,
  publish and remind notices to firms issued by a region of their subtree; Party committee staff do the
  same for notices to Party organizations.
- A firm administrator answers (opens, acknowledges, replies to) their own firm's receipts, an
  organization's secretary their organization's.

Visibility is not decided here: a notice the actor cannot see is a 404 before any of this is asked.
"""

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor

from .models import Notice, Receipt

NOTICE_CREATE = "notice.create"
NOTICE_EDIT = "notice.edit"
NOTICE_PUBLISH = "notice.publish"
NOTICE_REMIND = "notice.remind"
RECEIPTS_RECORD = "notice.receipts.record"
RECEIPT_ANSWER = "notice.receipt.answer"


def _issues(actor: Actor, obj: Notice, **ctx) -> bool:
    """The notice's issuing region lies in the actor's subtree for its kind of recipient."""
    scope = scope_of(actor)
    paths = scope.party_region_paths if obj.to_party_orgs else scope.edits().region_paths
    return under(obj.sender_region.path, paths)


def _notice_create(actor: Actor, obj: Notice | None, **ctx) -> bool:
    # Without a notice: may they write one to anyone (to offer the form)?
    if obj is None:
        scope = scope_of(actor)
        return bool(scope.edits().region_paths or scope.party_region_paths)
    return _issues(actor, obj)


def _receipt_answer(actor: Actor, obj: Receipt, **ctx) -> bool:
    scope = scope_of(actor)
    if obj.party_org is not None:  # no query when party_org_id is None
        return obj.party_org.path in scope.party_org_paths
    return obj.firm_id in scope.edits().firm_ids


POLICY = register(
    Policy(
        {
            NOTICE_CREATE: _notice_create,
            NOTICE_EDIT: _issues,
            NOTICE_PUBLISH: _issues,
            NOTICE_REMIND: _issues,
            RECEIPTS_RECORD: _issues,
            RECEIPT_ANSWER: _receipt_answer,
        }
    )
)
allowed = POLICY.allowed
require = POLICY.require
