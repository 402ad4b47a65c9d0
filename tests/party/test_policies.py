"""party.policies: each action for the system, anonymous, in-scope, out-of-scope and wrong-role actors."""

import pytest

from lvxie.party import policies
from lvxie.party.models import Instructor, MemberTransfer
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db


def _objects(party):
    orgs, futian = party["orgs"], party["regions"]["futian"]
    # A transfer from the A branch to the joint branch (both in Futian, different secretaries)
    transfer = MemberTransfer(from_org=orgs["a"], to_org=orgs["joint"])
    return {
        policies.ORG_CREATE: futian,
        policies.ORG_EDIT: orgs["a"],
        policies.ORG_KEEP: orgs["a"],
        policies.FIRM_MOVE: party["firms"]["b"],
        policies.INSTRUCTOR_ASSIGN: orgs["futian"],
        policies.INSTRUCTOR_END: Instructor(org=orgs["futian"]),
        policies.TRANSFER_ACCEPT: transfer,
        policies.TRANSFER_REFUSE: transfer,
        policies.TRANSFER_WITHDRAW: transfer,
    }


# action: (in scope, out of scope, wrong role)
CASES = {
    policies.ORG_CREATE: ("party_futian", "party_nanshan", "futian"),
    policies.ORG_EDIT: ("party_city", "party_nanshan", "secretary_a"),
    policies.ORG_KEEP: ("secretary_a", "party_nanshan", "futian"),
    policies.FIRM_MOVE: ("party_futian", "party_nanshan", "secretary_a"),
    policies.INSTRUCTOR_ASSIGN: ("party_futian", "party_nanshan", "secretary_a"),
    policies.INSTRUCTOR_END: ("party_futian", "party_nanshan", "secretary_a"),
    # The receiving side decides; the sending side (the A branch's secretary) only withdraws
    policies.TRANSFER_ACCEPT: ("party_futian", "party_nanshan", "secretary_a"),
    policies.TRANSFER_REFUSE: ("party_futian", "party_nanshan", "secretary_a"),
    policies.TRANSFER_WITHDRAW: ("secretary_a", "party_nanshan", "futian"),
}


def test_every_party_action_is_covered():
    assert set(CASES) == policies.POLICY.actions


@pytest.mark.parametrize("action", sorted(CASES))
def test_party_action(party, action):
    obj = _objects(party)[action]
    assert_decides(policies, action, obj, *(party["users"][name] for name in CASES[action]))


@pytest.mark.parametrize("action", [policies.ORG_CREATE, policies.FIRM_MOVE, policies.INSTRUCTOR_ASSIGN])
def test_without_an_object_the_question_is_anywhere(party, action):
    users = party["users"]
    assert policies.allowed(users["party_nanshan"], action)
    assert not policies.allowed(users["secretary_a"], action)
    assert not policies.allowed(users["city"], action)


def test_a_secretary_keeps_the_organizations_below_theirs_not_beside(party):
    secretary, orgs = party["users"]["secretary_a"], party["orgs"]
    assert not policies.allowed(secretary, policies.ORG_KEEP, orgs["joint"])
    assert not policies.allowed(secretary, policies.ORG_KEEP, orgs["futian"])
