import pytest

from lvxie.discipline import policies
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db


def test_officers_over_the_district_handle_the_case(dw, case):
    for action in (policies.CASE_HANDLE, policies.CASE_GRANT):
        assert_decides(
            policies, action, case, dw["officer"], dw["officers"]["nanshan"], dw["users"]["futian"]
        )
    assert policies.allowed(dw["officers"]["city"], policies.CASE_HANDLE, case)


def test_the_lawyer_answers_their_own_case(dw, case):
    assert_decides(
        policies,
        policies.CASE_ANSWER,
        case,
        dw["users"]["lawyer"],
        dw["officers"]["nanshan"],
        dw["users"]["firm"],
    )
    assert policies.allowed(dw["officer"], policies.CASE_ANSWER, case)  # recording a paper answer


def test_opening_and_oversight_are_the_officers(dw):
    futian = dw["regions"]["futian"]
    assert_decides(
        policies,
        policies.CASE_OPEN,
        dw["ft_lawyer"],
        dw["officer"],
        dw["officers"]["nanshan"],
        dw["users"]["futian"],
    )
    assert_decides(
        policies, policies.OVERSIGHT, futian, dw["officer"], dw["officers"]["nanshan"], dw["users"]["city"]
    )
