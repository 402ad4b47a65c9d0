"""calls.policies: each action for the system, anonymous, in-scope, out-of-scope and wrong-role actors;
the reviewers' actions for a reviewer, a non-reviewer and a reviewer with a conflict of interest."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from lvxie.calls import policies
from lvxie.calls.models import CallReviewer, Submission
from tests.calls.conftest import make_call, sub
from tests.factories import LawyerFactory
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db

ISSUING_CALL = [
    policies.CALL_EDIT,
    policies.CALL_OPEN,
    policies.CALL_CLOSE,
    policies.CALL_PROGRESS,
    policies.RESULT_EXPORT,
    policies.RESULT_PUBLISH,
]
ISSUING_SUBMISSION = [policies.SUBMISSION_RETURN, policies.SUBMISSION_ACCEPT, policies.SUBMISSION_FLAG]
UNIT = [policies.SUBMISSION_EDIT, policies.SUBMISSION_SUBMIT]


def test_every_call_action_is_covered():
    assert {
        *ISSUING_CALL,
        *ISSUING_SUBMISSION,
        *UNIT,
        policies.CALL_CREATE,
        policies.REVIEW_SCORE,
        policies.RESULT_VIEW,
    } == policies.POLICY.actions


def _check(action, obj, inside, outside, wrong):
    assert_decides(policies, action, obj, inside, outside, wrong)


@pytest.mark.parametrize("action", ISSUING_CALL)
def test_issuing_a_call_is_for_staff_over_its_region(cw, action):
    users = cw["users"]
    call = make_call(cw)  # issued by the city
    _check(action, call, users["city"], users["futian"], cw["admins"]["a"])
    district = make_call(cw, region=cw["regions"]["futian"], audience_firms=[cw["firms"]["a"]])
    assert policies.allowed(users["futian"], action, district)
    assert not policies.allowed(users["nanshan"], action, district)


@pytest.mark.parametrize("action", ISSUING_SUBMISSION)
def test_returning_and_accepting_a_submission_is_for_the_issuer(cw, opened, action):
    submission = sub(opened, cw["firms"]["a"])
    _check(action, submission, cw["users"]["city"], cw["users"]["futian"], cw["admins"]["a"])


@pytest.mark.parametrize("action", UNIT)
def test_a_submission_is_filled_in_by_its_units_people(cw, opened, action):
    submission = sub(opened, cw["firms"]["a"])
    _check(action, submission, cw["admins"]["a"], cw["admins"]["b"], cw["reviewers"][0])


def test_creating_a_call_in_a_region_or_anywhere(cw):
    users, regions = cw["users"], cw["regions"]
    assert policies.allowed(None, policies.CALL_CREATE, regions["city"])
    assert policies.allowed(users["city"], policies.CALL_CREATE, regions["futian"])
    assert policies.allowed(users["futian"], policies.CALL_CREATE, regions["futian"])
    assert not policies.allowed(users["futian"], policies.CALL_CREATE, regions["city"])
    assert not policies.allowed(users["nanshan"], policies.CALL_CREATE, regions["futian"])
    # Region staff issue the bar's calls, not the Party side's
    assert not policies.allowed(users["city"], policies.CALL_CREATE, regions["city"], party=True)
    # Without a region: may they create any call (to offer the form)?
    assert policies.allowed(users["futian"], policies.CALL_CREATE)
    for user in (cw["admins"]["a"], users["lawyer"], users["auditor"], AnonymousUser()):
        assert not policies.allowed(user, policies.CALL_CREATE)
    with pytest.raises(PermissionDenied):
        policies.require(cw["admins"]["a"], policies.CALL_CREATE, regions["futian"])


def test_scoring_is_for_the_reviewers_named_on_the_call_never_the_system(cw, accepted):
    reviewer, other = cw["reviewers"]
    call = make_call(cw, reviewers=[reviewer, cw["conflicted"]])
    assert policies.allowed(reviewer, policies.REVIEW_SCORE, call)
    assert not policies.allowed(other, policies.REVIEW_SCORE, call)
    assert not policies.allowed(cw["issuer"], policies.REVIEW_SCORE, call)
    assert not policies.allowed(None, policies.REVIEW_SCORE, call)
    with pytest.raises(PermissionDenied):
        policies.require(None, policies.REVIEW_SCORE, accepted)


def test_a_reviewer_does_not_score_their_own_firms_submission(cw, accepted):
    reviewer = cw["reviewers"][0]
    CallReviewer.objects.create(call=accepted, reviewer=cw["conflicted"])
    own, other = sub(accepted, cw["firms"]["a"]), sub(accepted, cw["firms"]["b"])
    assert policies.allowed(reviewer, policies.REVIEW_SCORE, own)
    assert policies.allowed(cw["conflicted"], policies.REVIEW_SCORE, other)
    assert not policies.allowed(cw["conflicted"], policies.REVIEW_SCORE, own)
    assert policies.conflict_reason(cw["conflicted"], own)


def test_the_results_are_seen_by_the_issuer_and_the_reviewers(cw, accepted):
    assert policies.allowed(None, policies.RESULT_VIEW, accepted)
    assert policies.allowed(cw["issuer"], policies.RESULT_VIEW, accepted)
    assert policies.allowed(cw["reviewers"][1], policies.RESULT_VIEW, accepted)
    assert not policies.allowed(cw["users"]["futian"], policies.RESULT_VIEW, accepted)
    assert not policies.allowed(cw["admins"]["a"], policies.RESULT_VIEW, accepted)
    assert not policies.allowed(AnonymousUser(), policies.RESULT_VIEW, accepted)


def test_a_conflict_reads_the_same_from_a_submission_and_from_its_unit_as_values(cw, accepted):
    """`Conflicts.reason` of a submission and of its `Unit` read as plain values (`UNIT_FIELDS`) say the
    same, for a firm's, the reviewer's own and a lawyer's of their firm or of another."""
    a, b = cw["firms"]["a"], cw["firms"]["b"]
    own_lawyer = cw["conflicted"].lawyer
    units = [
        sub(accepted, a),
        sub(accepted, b),
        *[
            Submission.objects.create(call=accepted, lawyer=lawyer, region=cw["regions"]["futian"])
            for lawyer in (
                own_lawyer,
                LawyerFactory(firm=a),
                LawyerFactory(firm=b),
                LawyerFactory(firm=None, region=cw["regions"]["futian"]),
            )
        ],
    ]
    expected = {
        "conflicted": [True, False, True, True, False, False],
        "admin_a": [True, False, True, True, False, False],
        "reviewer": [False] * 6,
    }
    actors = {"conflicted": cw["conflicted"], "admin_a": cw["admins"]["a"], "reviewer": cw["reviewers"][0]}
    for who, actor in actors.items():
        conflicts = policies.Conflicts(actor)
        for submission, conflicted in zip(units, expected[who], strict=True):
            (values,) = Submission.objects.filter(pk=submission.pk).values_list(*policies.UNIT_FIELDS)
            unit = policies.Unit(*values)
            assert unit == policies.Unit.of(submission)
            reason = policies.conflict_reason(actor, submission)
            assert bool(reason) == conflicted, (who, submission)
            assert conflicts.reason(unit) == conflicts.reason(submission) == reason
