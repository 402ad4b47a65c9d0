"""notices.policies: each action for the system, anonymous, in-scope, out-of-scope and wrong-role actors,
for a notice to firms and a notice to Party organizations."""

import pytest

from lvxie.notices import policies
from lvxie.notices.choices import AudienceKind
from lvxie.notices.models import Notice, Receipt
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db

ISSUING = [
    policies.NOTICE_CREATE,
    policies.NOTICE_EDIT,
    policies.NOTICE_PUBLISH,
    policies.NOTICE_REMIND,
    policies.RECEIPTS_RECORD,
]


def test_every_notice_action_is_covered():
    assert {*ISSUING, policies.RECEIPT_ANSWER} == policies.POLICY.actions


def _check(users, action, obj, inside, outside, wrong):
    assert_decides(policies, action, obj, users[inside], users[outside], users[wrong])


@pytest.mark.parametrize("action", ISSUING)
def test_issuing_a_notice_to_firms(world, action):
    notice = Notice(sender_region=world["regions"]["futian"], audience_kind=AudienceKind.SUBTREE)
    _check(world["users"], action, notice, "futian", "nanshan", "firm")
    assert policies.allowed(world["users"]["city"], action, notice)


@pytest.mark.parametrize("action", ISSUING)
def test_issuing_a_notice_to_party_orgs_is_for_committee_staff(party, action):
    notice = Notice(sender_region=party["regions"]["futian"], audience_kind=AudienceKind.PARTY_ORGS)
    # Region staff do not write to Party organizations
    _check(party["users"], action, notice, "party_futian", "party_nanshan", "futian")


def test_without_a_notice_creating_asks_whether_they_issue_anywhere(party):
    users = party["users"]
    for name in ("futian", "party_nanshan"):
        assert policies.allowed(users[name], policies.NOTICE_CREATE)
    for name in ("firm", "secretary_a", "lawyer"):
        assert not policies.allowed(users[name], policies.NOTICE_CREATE)


def test_answering_a_firms_receipt(world):
    receipt = Receipt(firm=world["ft_firm"], region=world["regions"]["futian"])
    # The firm's own administrator answers; the staff who sent it do not answer for the firm
    _check(world["users"], policies.RECEIPT_ANSWER, receipt, "firm", "nanshan", "futian")


def test_answering_an_organizations_receipt(party):
    org = party["orgs"]["a"]
    receipt = Receipt(party_org=org, region=org.region)
    _check(party["users"], policies.RECEIPT_ANSWER, receipt, "secretary_a", "party_nanshan", "party_futian")
