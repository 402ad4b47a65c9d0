"""registry.policies in the shared form: each action for the system, anonymous, in-scope, out-of-scope
and wrong-role actors (the lawyer field rules are in test_roles.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lvxie.registry import policies
from lvxie.registry.models import BarCommittee, OverseasOffice, Trainee
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db


def _objects(world):
    ft_firm, futian = world["ft_firm"], world["regions"]["futian"]
    return {
        policies.FIRM_REGISTER: ft_firm,
        policies.FIRM_CHANGE: ft_firm,
        policies.FIRM_KEEP: ft_firm,
        policies.LAWYER_REGISTER: world["ft_lawyer"],
        policies.LAWYER_CHANGE: world["ft_lawyer"],
        policies.TRAINEE_REGISTER: Trainee(firm=ft_firm),
        policies.TRAINEE_CHANGE: Trainee(firm=ft_firm),
        policies.OFFICE_REGISTER: OverseasOffice(firm=ft_firm),
        policies.OFFICE_CHANGE: OverseasOffice(firm=ft_firm),
        policies.COMMITTEE_CREATE: BarCommittee(region=futian),
        policies.COMMITTEE_CHANGE: BarCommittee(region=futian),
    }


# action: (in scope, out of scope, wrong role); the firm administrator keeps what a firm keeps itself.
CASES = {
    policies.FIRM_REGISTER: ("futian", "nanshan", "firm"),
    policies.FIRM_CHANGE: ("futian", "nanshan", "firm"),
    policies.FIRM_KEEP: ("firm", "nanshan", "lawyer"),
    policies.LAWYER_REGISTER: ("futian", "nanshan", "firm"),
    policies.LAWYER_CHANGE: ("city", "nanshan", "auditor"),
    policies.TRAINEE_REGISTER: ("firm", "nanshan", "lawyer"),
    policies.TRAINEE_CHANGE: ("firm", "nanshan", "lawyer"),
    policies.OFFICE_REGISTER: ("firm", "nanshan", "lawyer"),
    policies.OFFICE_CHANGE: ("firm", "nanshan", "lawyer"),
    policies.COMMITTEE_CREATE: ("futian", "nanshan", "firm"),
    policies.COMMITTEE_CHANGE: ("city", "nanshan", "firm"),
}


def test_every_registry_action_is_covered():
    assert set(CASES) == policies.POLICY.actions


@pytest.mark.parametrize("action", sorted(CASES))
def test_registry_action(world, action):
    obj = _objects(world)[action]
    assert_decides(policies, action, obj, *(world["users"][name] for name in CASES[action]))


def test_firm_keep_without_a_firm_is_no():
    assert not policies.allowed(AnonymousUser(), policies.FIRM_KEEP, None)
