"""Who may do what to rectification ledgers, in one place (the shared form, lvxie.core.policy).

- A firm's ledger is kept (items added and edited, evidence added, work started, an item submitted for
  closure) by the firm's administrators and by staff over the firm's district; a Party organization's by
  whoever keeps the organization's records (its secretary, one above it, its committee staff).
- Closing an item (销号) and sending it back are for the level above only: staff with a region editing
  role over the ledger's district (Party committee staff over the organization's region) who do not act
  for the owner itself. A closed item may be reopened, with a reason, by either side.

Visibility is not decided here: a ledger the actor cannot see is a 404 before any of this is asked.
"""

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.party import policies as party_policies
from lvxie.registry.models import Region

from .choices import ItemAction
from .models import Ledger, RectificationItem

LEDGER_CREATE = "ledger.create"
LEDGER_KEEP = "ledger.keep"
ITEM_START = "ledger.item.start"
ITEM_SUBMIT = "ledger.item.submit"
ITEM_CLOSE = "ledger.item.close"
ITEM_RETURN = "ledger.item.return"
ITEM_REOPEN = "ledger.item.reopen"
# An item's transition (ItemAction) → its policy action.
ITEM: dict[str, str] = {
    ItemAction.START: ITEM_START,
    ItemAction.SUBMIT: ITEM_SUBMIT,
    ItemAction.CLOSE: ITEM_CLOSE,
    ItemAction.RETURN: ITEM_RETURN,
    ItemAction.REOPEN: ITEM_REOPEN,
}


def _edits_at(actor: Actor, region: Region) -> bool:
    return under(region.path, scope_of(actor).edits().region_paths)


def acts_for(actor: Actor | None, ledger: Ledger) -> bool:
    """Does the actor act for the ledger's owner (its firm's administrator, its organization's secretary
    or the secretary of an organization above it)? The system acts for no one."""
    if actor is None:
        return False
    scope = scope_of(actor)
    if ledger.party_org is not None:  # no query when party_org_id is None
        return under(ledger.party_org.path, scope.party_org_paths)
    return ledger.firm_id in scope.edits().firm_ids


def _keeps(actor: Actor, ledger: Ledger) -> bool:
    if ledger.party_org is not None:  # no query when party_org_id is None
        return party_policies.allowed(actor, party_policies.ORG_KEEP, ledger.party_org)
    return acts_for(actor, ledger) or (ledger.firm is not None and _edits_at(actor, ledger.firm.region))


def _above(actor: Actor, ledger: Ledger) -> bool:
    """The level above the ledger's owner, not acting for the owner itself."""
    if ledger.party_org is not None:
        above = party_policies.allowed(actor, party_policies.ORG_EDIT, ledger.party_org)
    else:
        above = _edits_at(actor, ledger.region)
    return above and not acts_for(actor, ledger)


def _ledger_create(actor: Actor, obj: Ledger | None, **ctx) -> bool:
    # Without a ledger: may they open a ledger for someone (to offer the form)?
    if obj is None:
        scope = scope_of(actor)
        edits = scope.edits()
        return bool(edits.region_paths or edits.firm_ids or scope.party_side)
    return _keeps(actor, obj)


def _ledger_keep(actor: Actor, obj: Ledger, **ctx) -> bool:
    return _keeps(actor, obj)


def _item_keeper(actor: Actor, obj: RectificationItem, **ctx) -> bool:
    return _keeps(actor, obj.ledger)


def _item_approver(actor: Actor, obj: RectificationItem, **ctx) -> bool:
    return _above(actor, obj.ledger)


def _item_either(actor: Actor, obj: RectificationItem, **ctx) -> bool:
    return _keeps(actor, obj.ledger) or _above(actor, obj.ledger)


POLICY = register(
    Policy(
        {
            LEDGER_CREATE: _ledger_create,
            LEDGER_KEEP: _ledger_keep,
            ITEM_START: _item_keeper,
            ITEM_SUBMIT: _item_keeper,
            ITEM_CLOSE: _item_approver,
            ITEM_RETURN: _item_approver,
            ITEM_REOPEN: _item_either,
        }
    )
)
allowed = POLICY.allowed
require = POLICY.require
