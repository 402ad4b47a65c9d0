"""The shared policy form (lvxie.core.policy): one answer for the system, anonymous and disabled accounts;
rules for people; reasons; one registry of action names that every app fills and the template tag asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory

from lvxie.core import policy
from lvxie.core.policy import Policy

pytestmark = pytest.mark.django_db


class Person:
    def __init__(self, *, active=True, name="ok"):
        self.is_authenticated, self.is_active, self.name = True, active, name


def _only_ok(actor, obj, **ctx):
    return actor.name == "ok" and obj != "closed" and ctx.get("size", 0) < 10


RULES = {"thing.do": _only_ok, "thing.secret": _only_ok}
POLICY = Policy(
    RULES,
    reasons={"thing.do": "no doing", "thing.secret": lambda actor, obj, **ctx: f"not {obj}"},
    people_only=["thing.secret"],
)


def test_the_system_may_everything_but_what_is_kept_for_people():
    assert POLICY.allowed(None, "thing.do", "closed")
    assert not POLICY.allowed(None, "thing.secret", "open")


def test_anonymous_and_disabled_accounts_may_nothing():
    assert not POLICY.allowed(AnonymousUser(), "thing.do", "open")
    assert not POLICY.allowed(Person(active=False), "thing.do", "open")


def test_a_person_gets_the_rule_with_its_context():
    assert POLICY.allowed(Person(), "thing.do", "open")
    assert not POLICY.allowed(Person(name="other"), "thing.do", "open")
    assert not POLICY.allowed(Person(), "thing.do", "closed")
    assert not POLICY.allowed(Person(), "thing.do", "open", size=12)


def test_require_refuses_with_the_actions_reason_or_the_default():
    with pytest.raises(PermissionDenied, match="no doing"):
        POLICY.require(Person(), "thing.do", "closed")
    with pytest.raises(PermissionDenied, match="not closed"):
        POLICY.require(Person(), "thing.secret", "closed")
    other = Policy({"thing.other": lambda actor, obj, **ctx: False})
    with pytest.raises(PermissionDenied) as refused:
        other.require(Person(), "thing.other")
    assert str(refused.value) == str(policy.DEFAULT_REASON)
    POLICY.require(Person(), "thing.do", "open")  # allowed: nothing raised


def test_an_unknown_action_is_a_programming_error_not_a_no():
    with pytest.raises(KeyError):
        POLICY.allowed(Person(), "thing.unknown")
    with pytest.raises(KeyError):
        policy.allowed(Person(), "nobody.has.this")
    with pytest.raises(ValueError):
        Policy(RULES, reasons={"thing.unknown": "x"})


def test_two_policies_cannot_claim_one_action():
    with pytest.raises(ValueError, match="registered twice"):
        policy.register(Policy({"lawyer.change": _only_ok}))
    assert policy.policy_for("lawyer.change") is not None


# Every app that writes registers its actions (CoreConfig.ready imports each app's policies module).
EXPECTED = {
    "accounts": {"account.create", "account.set_active", "account.end_sessions", "account.unlock"},
    "access": {"account.list", "account.view", "role.grant", "role.assign", "role.approve", "role.revoke"},
    "registry": {"firm.register", "firm.change", "firm.keep", "lawyer.change", "office.change"},
    "party": {"party_org.create", "party_org.edit", "party_org.keep", "party_transfer.accept"},
    "ledgers": {"ledger.create", "ledger.keep", "ledger.item.close", "ledger.item.reopen"},
    "notices": {"notice.create", "notice.publish", "notice.receipt.answer"},
    "dataio": {"import.run", "export.unmasked", "export.unmasked.grant"},
    "workflow": {"workdays.view", "workdays.edit"},
    "calls": {
        "call.create",
        "call.open",
        "call.submission.submit",
        "call.review.score",
        "call.result.publish",
        "call.submission.flag",
    },
    "secretary_reports": {
        "secretary_report.open",
        "secretary_report.oral",
        "secretary_report.results",
        "secretary_report.export",
        "secretary_report.shortcoming",
    },
    "discipline": {
        "discipline.case.open",
        "discipline.case.handle",
        "discipline.case.answer",
        "discipline.case.grant",
        "discipline.oversight",
    },
    "complaints": {
        "complaint.register",
        "complaint.view",
        "complaint.identity",
        "complaint.name",
        "complaint.accept",
        "complaint.triage",
        "complaint.close",
    },
    "orglife": {
        "orglife.meeting.plan",
        "orglife.meeting.edit",
        "orglife.meeting.hold",
        "orglife.meeting.cancel",
        "orglife.rule.edit",
        "orglife.tasklist.create",
        "orglife.tasklist.edit",
        "orglife.task.answer",
        "orglife.feed.renew",
    },
    "recruitment": {"recruitment.record", "recruitment.approve"},
    "commendations": {
        "commendation.nominate",
        "commendation.nomination.withdraw",
        "commendation.vote",
        "commendation.panel.decide",
        "commendation.notice.open",
        "commendation.objection.decide",
        "commendation.award",
        "commendation.results.export",
        "contest.prize.award",
        "contest.collection.publish",
    },
}


@pytest.mark.parametrize("app", sorted(EXPECTED))
def test_each_app_registers_its_actions_under_its_own_policies_module(app):
    for action in EXPECTED[app]:
        assert policy.policy_for(action).rules[action].__module__ == f"lvxie.{app}.policies"


def test_action_names_are_dotted():
    assert all("." in action and action == action.lower() for action in policy.ACTIONS)


def test_the_template_tag_asks_the_owning_policy_for_the_signed_in_user(world):
    page = Template('{% load lvxie %}{% allowed "firm.change" firm as can %}{% if can %}edit{% endif %}')
    for user, shown in ((world["users"]["futian"], True), (world["users"]["nanshan"], False)):
        request = RequestFactory().get("/")
        request.user = user
        assert (page.render(Context({"request": request, "firm": world["ft_firm"]})) == "edit") is shown
    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    assert page.render(Context({"request": anonymous, "firm": world["ft_firm"]})) == ""
    assert page.render(Context({"firm": world["ft_firm"]})) == ""  # no user at all: never the system
