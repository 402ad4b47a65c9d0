"""orglife.policies: each action for the system, anonymous, in-scope, out-of-scope and wrong-role actors."""

from datetime import date

import pytest

from lvxie.orglife import policies, services
from lvxie.orglife.models import TaskRecipient
from tests.orglife.conftest import plan
from tests.policy_checks import assert_decides

pytestmark = pytest.mark.django_db


def test_every_action_is_covered():
    assert policies.POLICY.actions == {
        policies.MEETING_PLAN,
        policies.MEETING_EDIT,
        policies.MEETING_HOLD,
        policies.MEETING_CANCEL,
        policies.RULE_EDIT,
        policies.TASKLIST_CREATE,
        policies.TASKLIST_EDIT,
        policies.TASK_ANSWER,
        policies.FEED_RENEW,
    }


def test_an_organization_s_records_are_kept_by_its_secretary_and_committee_staff(party):
    users, org = party["users"], party["orgs"]["a"]
    meeting = plan(org, date(2026, 3, 5))
    for inside in (users["secretary_a"], users["party_futian"], users["party_city"]):
        assert_decides(policies, policies.MEETING_PLAN, org, inside, users["party_nanshan"], users["firm"])
        for action in (policies.MEETING_EDIT, policies.MEETING_HOLD, policies.MEETING_CANCEL):
            assert_decides(policies, action, meeting, inside, users["secretary_j"], users["city"])
    feed = services.feed_for(org=org)
    assert_decides(
        policies, policies.FEED_RENEW, feed, users["secretary_a"], users["secretary_j"], users["firm"]
    )


def test_task_lists_are_the_committee_s_and_answers_the_organization_s(party):
    users = party["users"]
    futian = party["regions"]["futian"]
    assert_decides(
        policies,
        policies.TASKLIST_CREATE,
        futian,
        users["party_futian"],
        users["party_nanshan"],
        users["secretary_a"],
    )
    task_list = services.tasklist_create(actor=None, region=futian, month=date(2026, 3, 1), title="三月")
    assert_decides(
        policies,
        policies.TASKLIST_EDIT,
        task_list,
        users["party_city"],
        users["party_nanshan"],
        users["secretary_a"],
    )
    services.tasklist_item_add(
        actor=None, task_list=task_list, kind="committee", topic="支委会", due=date(2026, 3, 20)
    )
    services.tasklist_publish(actor=None, task_list=task_list)
    recipient = TaskRecipient.objects.get(task_list=task_list, org=party["orgs"]["a"])
    assert_decides(
        policies, policies.TASK_ANSWER, recipient, users["secretary_a"], users["secretary_j"], users["firm"]
    )


def test_the_rules_are_the_city_committee_s(party):
    users = party["users"]
    assert_decides(
        policies, policies.RULE_EDIT, None, users["party_city"], users["party_futian"], users["secretary_a"]
    )
