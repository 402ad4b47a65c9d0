"""secretary_reports.policies: each action for the system, anonymous, in-scope, out-of-scope and
wrong-role (non-Party) actors; and none of them for a call of another kind."""

import pytest

from lvxie.calls import services as calls
from lvxie.secretary_reports import policies
from tests.calls.conftest import VALUES
from tests.policy_checks import assert_decides
from tests.secretary_reports.conftest import report_of

pytestmark = pytest.mark.django_db


def test_opening_is_for_the_committee_over_the_region(rw):
    users, regions = rw["users"], rw["regions"]
    assert_decides(
        policies, policies.REVIEW_OPEN, regions["city"], rw["issuer"], users["party_futian"], users["city"]
    )
    assert policies.allowed(users["party_futian"], policies.REVIEW_OPEN, regions["futian"])
    assert policies.allowed(users["party_futian"], policies.REVIEW_OPEN)  # to offer the form
    assert not policies.allowed(rw["firm_admin_a"], policies.REVIEW_OPEN)


@pytest.mark.parametrize("action", [policies.RESULTS_VIEW, policies.RESULTS_EXPORT])
def test_the_results_are_the_committees(rw, review, action):
    assert_decides(policies, action, review, rw["issuer"], rw["users"]["party_nanshan"], rw["firm_admin_a"])


def test_oral_marks_and_shortcomings(rw, accepted):
    a = report_of(accepted, rw["orgs"]["a"])
    users = rw["users"]
    assert_decides(
        policies, policies.ORAL_MARK, a, rw["issuer"], users["party_nanshan"], rw["secretaries"]["a"]
    )
    assert_decides(
        policies, policies.SHORTCOMING, a, rw["panel"][1], users["party_futian"], rw["firm_admin_a"]
    )


def test_no_action_on_a_call_of_another_kind(rw):
    """The city committee's own classic-case call to Party organizations is not a review."""
    other = calls.call_create(
        actor=rw["issuer"],
        title="党建案例征集",
        kind="classic_cases",
        region=rw["regions"]["city"],
        unit_kind="party_org",
        audience_kind="party_orgs",
        audience_party_orgs=[rw["orgs"]["a"]],
        deadline_working_days=5,
        reviewers=rw["panel"],
    )
    calls.call_open(actor=rw["issuer"], call=other)
    submission = other.submissions.get()
    calls.submission_save(actor=rw["secretaries"]["a"], submission=submission, values=VALUES)
    for action, obj in (
        (policies.RESULTS_VIEW, other),
        (policies.RESULTS_EXPORT, other),
        (policies.ORAL_MARK, submission),
        (policies.SHORTCOMING, submission),
    ):
        assert not policies.allowed(rw["issuer"], action, obj)
