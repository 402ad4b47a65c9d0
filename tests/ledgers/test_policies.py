"""ledgers.policies: each action for the system, anonymous, in-scope, out-of-scope and wrong-role actors,
for a firm's ledger and for a Party organization's."""

import pytest

from lvxie.ledgers import policies
from lvxie.ledgers.models import Ledger, RectificationItem
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db

# action: (in scope, out of scope, wrong role) for the Futian firm's ledger. Closing and sending back are
# the level above's (never the firm's own administrator); reopening is either side's.
FIRM_CASES = {
    policies.LEDGER_CREATE: ("firm", "nanshan", "lawyer"),
    policies.LEDGER_KEEP: ("futian", "nanshan", "lawyer"),
    policies.ITEM_START: ("firm", "nanshan", "lawyer"),
    policies.ITEM_SUBMIT: ("firm", "nanshan", "auditor"),
    policies.ITEM_CLOSE: ("futian", "nanshan", "firm"),
    policies.ITEM_RETURN: ("city", "nanshan", "firm"),
    policies.ITEM_REOPEN: ("firm", "nanshan", "lawyer"),
}
# The same for the A branch's ledger: its secretary keeps it, committee staff over Futian are above it,
# region staff never reach it.
ORG_CASES = {
    policies.LEDGER_CREATE: ("secretary_a", "party_nanshan", "futian"),
    policies.LEDGER_KEEP: ("party_futian", "party_nanshan", "futian"),
    policies.ITEM_START: ("secretary_a", "party_nanshan", "futian"),
    policies.ITEM_SUBMIT: ("secretary_a", "party_nanshan", "firm"),
    policies.ITEM_CLOSE: ("party_futian", "party_nanshan", "secretary_a"),
    policies.ITEM_RETURN: ("party_city", "party_nanshan", "secretary_a"),
    policies.ITEM_REOPEN: ("secretary_a", "party_nanshan", "futian"),
}


def _obj(action, ledger):
    return (
        ledger
        if action.startswith("ledger.") and ".item." not in action
        else RectificationItem(ledger=ledger)
    )


def test_every_ledger_action_is_covered():
    assert set(FIRM_CASES) == set(ORG_CASES) == policies.POLICY.actions
    assert set(policies.ITEM.values()) == policies.POLICY.actions - {
        policies.LEDGER_CREATE,
        policies.LEDGER_KEEP,
    }


def _check(users, action, obj, names):
    assert_decides(policies, action, obj, *(users[name] for name in names))


@pytest.mark.parametrize("action", sorted(FIRM_CASES))
def test_firm_ledger_action(world, action):
    ledger = Ledger(firm=world["ft_firm"], region=world["regions"]["futian"], title="t", year=2023)
    _check(world["users"], action, _obj(action, ledger), FIRM_CASES[action])


@pytest.mark.parametrize("action", sorted(ORG_CASES))
def test_org_ledger_action(party, action):
    org = party["orgs"]["a"]
    ledger = Ledger(party_org=org, region=org.region, title="t", year=2023)
    _check(party["users"], action, _obj(action, ledger), ORG_CASES[action])


def test_without_a_ledger_creating_asks_whether_they_keep_any(party):
    users = party["users"]
    for name in ("firm", "futian", "secretary_a", "party_nanshan"):
        assert policies.allowed(users[name], policies.LEDGER_CREATE), name
    for name in ("lawyer", "auditor", "nobody"):
        assert not policies.allowed(users[name], policies.LEDGER_CREATE), name


def test_acts_for_the_owner(party):
    users, org = party["users"], party["orgs"]["a"]
    firm_ledger = Ledger(firm=party["ft_firm"], region=party["regions"]["futian"])
    org_ledger = Ledger(party_org=org, region=org.region)
    assert policies.acts_for(users["firm"], firm_ledger) and not policies.acts_for(
        users["futian"], firm_ledger
    )
    assert policies.acts_for(users["secretary_a"], org_ledger)
    assert not policies.acts_for(users["party_futian"], org_ledger)
    assert not policies.acts_for(None, firm_ledger)
