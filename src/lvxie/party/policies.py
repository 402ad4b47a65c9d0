"""Who may do what on the Party side, in one place (the shared form, lvxie.core.policy).

- Party committee staff manage the organizations of their regions: found, rename, merge, dissolve, move
  firms between joint branches, assign and end Party-building instructors;
- an organization's own records (members, transfers out, pairings, the venue checklist) are kept by its
  committee staff and by the secretary of it or of an organization above it;
- a pending member transfer is accepted or refused by whoever keeps the receiving organization, and
  withdrawn by whoever keeps the sending one.

Visibility is not decided here: what the actor cannot see is a 404 before any of this is asked.
"""

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.registry.models import LawFirm, Region

from .choices import TransferAction
from .models import Instructor, MemberTransfer, PartyOrg

ORG_CREATE = "party_org.create"
ORG_EDIT = "party_org.edit"
ORG_KEEP = "party_org.keep"
FIRM_MOVE = "party_firm.move"
INSTRUCTOR_ASSIGN = "party_instructor.assign"
INSTRUCTOR_END = "party_instructor.end"
TRANSFER_ACCEPT = "party_transfer.accept"
TRANSFER_REFUSE = "party_transfer.refuse"
TRANSFER_WITHDRAW = "party_transfer.withdraw"
# A transfer's action (TransferAction) → its policy action.
TRANSFER: dict[str, str] = {
    TransferAction.ACCEPT: TRANSFER_ACCEPT,
    TransferAction.REFUSE: TRANSFER_REFUSE,
    TransferAction.WITHDRAW: TRANSFER_WITHDRAW,
}


def _manages(actor: Actor, region_path: str) -> bool:
    """Committee staff for this region (a region path)."""
    return under(region_path, scope_of(actor).party_region_paths)


def _keeps(actor: Actor, org: PartyOrg) -> bool:
    return _manages(actor, org.region_path) or under(org.path, scope_of(actor).party_org_paths)


def _org_create(actor: Actor, obj: Region | None, **ctx) -> bool:
    # Without a region: may they found an organization anywhere (to offer the form)?
    if obj is None:
        return bool(scope_of(actor).party_region_paths)
    return _manages(actor, obj.path)


def _org_edit(actor: Actor, obj: PartyOrg, **ctx) -> bool:
    return _manages(actor, obj.region_path)


def _org_keep(actor: Actor, obj: PartyOrg, **ctx) -> bool:
    return _keeps(actor, obj)


def _firm_move(actor: Actor, obj: LawFirm | None, **ctx) -> bool:
    # Without a firm: may they move firms anywhere (to offer the form)?
    return _org_create(actor, None) if obj is None else _manages(actor, obj.region.path)


def _instructor_assign(actor: Actor, obj: PartyOrg | None, **ctx) -> bool:
    # Without an organization: may they assign an instructor anywhere (to offer the form)?
    return _org_create(actor, None) if obj is None else _org_edit(actor, obj)


def _instructor_end(actor: Actor, obj: Instructor, **ctx) -> bool:
    return _org_edit(actor, obj.org)


def _transfer_receiver(actor: Actor, obj: MemberTransfer, **ctx) -> bool:
    return _keeps(actor, obj.to_org)


def _transfer_sender(actor: Actor, obj: MemberTransfer, **ctx) -> bool:
    return _keeps(actor, obj.from_org)


POLICY = register(
    Policy(
        {
            ORG_CREATE: _org_create,
            ORG_EDIT: _org_edit,
            ORG_KEEP: _org_keep,
            FIRM_MOVE: _firm_move,
            INSTRUCTOR_ASSIGN: _instructor_assign,
            INSTRUCTOR_END: _instructor_end,
            TRANSFER_ACCEPT: _transfer_receiver,
            TRANSFER_REFUSE: _transfer_receiver,
            TRANSFER_WITHDRAW: _transfer_sender,
        }
    )
)
allowed = POLICY.allowed
require = POLICY.require
