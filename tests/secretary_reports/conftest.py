"""The review world: the Party world of tests/party (the city committee over 福田 and 南山 committees;
A支部 and J联合支部 in 福田, N支部 in 南山), with the city committee's staff opening the year's review of
the three branches, a panel of two city committee staff, a third city committee staff who is a member
of A支部 (a conflict of interest), the branches' secretaries and A's firm administrator."""

import pytest

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.calls import services as calls
from lvxie.secretary_reports import services
from tests.factories import make_user
from tests.party.world import build_party_world

REPORT = {
    "features": "坚持“党建+业务”双融合，重大事项党支部前置研究。",
    "results": "全年开展主题党日12次，党员律师参与公益法律服务300余小时。",
    "shortcomings": "对青年律师的政治引领还不够，入党积极分子培养偏少。",
    "next_steps": "每年至少发展一名入党积极分子。",
}
ALL_GOOD = {"duty": "good", "organization": "good", "practice": "good", "rectification": "good"}


def grades(duty="good", organization="good", practice="good", rectification="good"):
    return {"duty": duty, "organization": organization, "practice": practice, "rectification": rectification}


def secretary(org, username):
    user = make_user(None, username=username)
    RoleAssignment.objects.create(user=user, role=Role.ORG_SECRETARY, party_org=org)
    return user


@pytest.fixture
def rw(world):
    pw = build_party_world(world)
    users, regions, orgs = pw["users"], pw["regions"], pw["orgs"]
    panel = [
        make_user(Role.PARTY_ADMIN, region=regions["city"], username="panel1"),
        make_user(Role.PARTY_ADMIN, region=regions["city"], username="panel2"),
    ]
    conflicted = make_user(
        Role.PARTY_ADMIN, region=regions["city"], username="panel_a", lawyer=pw["lawyers"]["a"][0]
    )
    return {
        **pw,
        "issuer": users["party_city"],
        "panel": panel,
        "conflicted": conflicted,
        "secretaries": {
            "a": users["secretary_a"],
            "joint": secretary(orgs["joint"], "secretary_j"),
            "n": secretary(orgs["n"], "secretary_n"),
        },
        "firm_admin_a": make_user(Role.FIRM_ADMIN, firm=pw["firms"]["a"], username="firm_admin_a"),
    }


def open_review(rw, *, reviewers=None, **fields):
    orgs = rw["orgs"]
    defaults = {
        "region": rw["regions"]["city"],
        "year": 2025,
        "orgs": [orgs["a"], orgs["joint"], orgs["n"]],
        "oral_orgs": [orgs["a"]],
        "reviewers": rw["panel"] if reviewers is None else reviewers,
        "deadline_working_days": 10,
    }
    return services.review_open(actor=rw["issuer"], **{**defaults, **fields})


@pytest.fixture
def review(rw):
    return open_review(rw)


def report_of(call, org):
    return call.submissions.get(party_org=org)


def write_and_send(rw, call, key, values=None):
    submission = report_of(call, rw["orgs"][key])
    actor = rw["secretaries"][key]
    calls.submission_save(actor=actor, submission=submission, values=values or REPORT)
    return calls.submission_submit(actor=actor, submission=submission)


@pytest.fixture
def accepted(rw, review):
    """All three reports sent and accepted by the committee."""
    for key in ("a", "joint", "n"):
        submission = write_and_send(rw, review, key)
        calls.submission_accept(actor=rw["issuer"], submission=submission)
    return review
