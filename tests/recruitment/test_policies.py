"""Who takes which step: the branch's secretary records its decisions, the committee staff above approve."""

import pytest

from lvxie.recruitment import policies
from tests.policy_checks import assert_decides
from tests.recruitment.conftest import apply


def test_the_secretary_records_the_branch_decisions(rw):
    users, recruit = rw["users"], apply(rw)
    assert_decides(
        policies, policies.RECORD, recruit, users["secretary_a"], users["secretary_n"], users["party_futian"]
    )
    assert_decides(
        policies, policies.RECORD, rw["orgs"]["a"], users["secretary_a"], users["secretary_n"], users["city"]
    )


def test_the_committee_staff_above_approve(rw):
    users, recruit = rw["users"], apply(rw)
    assert_decides(
        policies,
        policies.APPROVE,
        recruit,
        users["party_futian"],
        users["party_nanshan"],
        users["secretary_a"],
    )
    assert policies.allowed(users["party_city"], policies.APPROVE, recruit)


@pytest.mark.parametrize("name", ["city", "futian", "firm", "lawyer", "auditor", "nobody"])
def test_no_one_outside_the_party_side_takes_any_step(rw, name):
    recruit = apply(rw)
    for action in (policies.RECORD, policies.APPROVE):
        assert not policies.allowed(rw["users"][name], action, recruit)
        assert not policies.allowed(rw["users"][name], action)
