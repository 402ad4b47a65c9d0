"""Who may do what with complaints (assert_decides: system yes, anonymous no, in scope yes, out of
scope and wrong role no)."""

import pytest

from lvxie.complaints import policies
from lvxie.complaints.choices import AccessKind
from lvxie.complaints.services import complaint_name
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "action",
    [
        policies.STEP_ACCEPT,
        policies.STEP_ASK_PAPERS,
        policies.STEP_PAPERS_RECEIVED,
        policies.STEP_REFER,
        policies.STEP_DECLINE,
        policies.STEP_TRIAGE,
        policies.STEP_CLOSE,
        policies.COMPLAINT_NAME,
        policies.COMPLAINT_VIEW,
        policies.COMPLAINT_EXPORT,
    ],
)
def test_the_officers_over_the_complaint_decide(cw, filed, action):
    complaint, _code = filed
    assert_decides(policies, action, complaint, cw["officer"], cw["officer_ns"], cw["users"]["futian"])
    assert policies.allowed(cw["officer_city"], action, complaint)


def test_registering_is_for_officers_in_their_districts(cw):
    futian = cw["regions"]["futian"]
    assert_decides(
        policies, policies.COMPLAINT_REGISTER, futian, cw["officer"], cw["officer_ns"], cw["users"]["city"]
    )


def test_a_named_handler_takes_steps_a_reader_only_reads(cw, filed):
    complaint, _code = filed
    complaint_name(actor=None, complaint=complaint, user=cw["staff"], kind=AccessKind.READER)
    assert policies.allowed(cw["staff"], policies.COMPLAINT_VIEW, complaint)
    assert not policies.allowed(cw["staff"], policies.STEP_ACCEPT, complaint)
    assert not policies.allowed(cw["staff"], policies.COMPLAINT_NAME, complaint)
    complaint_name(actor=None, complaint=complaint, user=cw["staff"], kind=AccessKind.HANDLER)
    assert policies.allowed(cw["staff"], policies.STEP_ACCEPT, complaint)


def test_the_identity_is_for_the_handlers_unless_not_confidential(cw, filed):
    complaint, _code = filed
    lawyer = cw["users"]["lawyer"]
    assert policies.allowed(cw["officer"], policies.COMPLAINT_IDENTITY, complaint)
    assert not policies.allowed(lawyer, policies.COMPLAINT_IDENTITY, complaint)
    complaint.confidential = False
    assert policies.allowed(lawyer, policies.COMPLAINT_IDENTITY, complaint)


def test_a_conflict_is_declared_by_a_person_only(cw, filed):
    complaint, _code = filed
    assert not policies.allowed(None, policies.COMPLAINT_CONFLICT, complaint)
    assert policies.allowed(cw["officer"], policies.COMPLAINT_CONFLICT, complaint)
    assert not policies.allowed(cw["officer_ns"], policies.COMPLAINT_CONFLICT, complaint)
