"""A Party commendation round to two branches (A支部 in 福田, N支部 in 南山) with two city panel members,
and a conflicted third (a member of A支部); a contest of the bar to three firms."""

import datetime as dt

import pytest
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.calls import services as call_services
from lvxie.commendations import services
from lvxie.notices.choices import AudienceKind
from lvxie.registry.models import Lawyer
from tests.factories import LawFirmFactory, make_user
from tests.party.world import build_party_world

COVER = {"contact": "王书记", "opinion": "同意推荐。"}


@pytest.fixture
def cw(world):
    pw = build_party_world(world)
    city = pw["regions"]["city"]
    a_law = pw["lawyers"]["a"]
    panel = [
        make_user(Role.PARTY_ADMIN, region=city, username="panel1"),
        make_user(Role.PARTY_ADMIN, region=city, username="panel2"),
    ]
    conflicted = make_user(Role.PARTY_ADMIN, region=city, username="panel_a", lawyer=a_law[2])
    n_secretary = make_user(None, username="secretary_n")
    RoleAssignment.objects.create(user=n_secretary, role=Role.ORG_SECRETARY, party_org=pw["orgs"]["n"])
    return {
        **pw,
        "panel": panel,
        "conflicted": conflicted,
        "issuer": pw["users"]["party_city"],
        "secretary_n": n_secretary,
    }


def party_round(cw, *, quotas=None, panel=None):
    call = call_services.call_create(
        actor=cw["issuer"],
        title="2025年度“两优一先”评选表彰",
        kind="party_commendation",
        region=cw["regions"]["city"],
        unit_kind="party_org",
        audience_kind=AudienceKind.PARTY_ORGS,
        audience_party_orgs=[cw["orgs"]["a"], cw["orgs"]["n"]],
        deadline=timezone.localdate() + dt.timedelta(days=20),
        reviewers=cw["panel"] if panel is None else panel,
        quotas=quotas or {"advanced_org": 1, "outstanding_member": 1, "party_worker": 1},
    )
    call_services.call_open(actor=cw["issuer"], call=call)
    call.refresh_from_db()
    return call


@pytest.fixture
def rnd(cw):
    return party_round(cw)


def unit(call, org):
    return call.submissions.get(party_org=org)


def send(cw, call, org, user):
    """Fill in the cover, submit, and have the issuer accept."""
    s = unit(call, org)
    call_services.submission_save(actor=user, submission=s, values=COVER)
    call_services.submission_submit(actor=user, submission=s)
    call_services.submission_accept(actor=cw["issuer"], submission=s)
    return s


@pytest.fixture
def nominated(cw, rnd):
    """A支部 nominates itself and a member; N支部 a member for the same place; both accepted, call closed."""
    a, n = cw["orgs"]["a"], cw["orgs"]["n"]
    sa, sn = unit(rnd, a), unit(rnd, n)
    sec_a, sec_n = cw["users"]["secretary_a"], cw["secretary_n"]
    rows = {
        "org": services.nominate(
            actor=sec_a, submission=sa, category="advanced_org", nominee=a, deeds="党建引领业务发展。"
        ),
        "a_member": services.nominate(
            actor=sec_a,
            submission=sa,
            category="outstanding_member",
            nominee=cw["lawyers"]["a"][0],
            deeds="热心公益法律服务。",
        ),
        "n_member": services.nominate(
            actor=sec_n,
            submission=sn,
            category="outstanding_member",
            nominee=cw["lawyers"]["n"][0],
            deeds="带头参与矛盾调解。",
        ),
    }
    send(cw, rnd, a, sec_a)
    send(cw, rnd, n, sec_n)
    call_services.call_close(actor=cw["issuer"], call=rnd)
    rnd.refresh_from_db()
    return rows


def vote_all(cw, rows, verdicts):
    """verdicts: key -> (panel1's vote, panel2's vote)."""
    for key, votes in verdicts.items():
        for member, approve in zip(cw["panel"], votes, strict=True):
            services.vote_cast(actor=member, nomination=rows[key], approve=approve)


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def lawyer(pk):
    return Lawyer.objects.get(pk=pk)


@pytest.fixture
def contest(world):
    regions = world["regions"]
    firms = [LawFirmFactory(name=f"{c}律师事务所", region=regions["futian"]) for c in "甲乙丙"]
    admins = [make_user(Role.FIRM_ADMIN, firm=f, username=f"admin{i}") for i, f in enumerate(firms)]
    judges = [make_user(Role.CITY_ADMIN, region=regions["city"], username=f"judge{i}") for i in (1, 2)]
    issuer = world["users"]["city"]
    call = call_services.call_create(
        actor=issuer,
        title="第四届律师业务创新大赛",
        kind="innovation_contest",
        region=regions["city"],
        audience_kind=AudienceKind.FIRMS,
        audience_firms=firms,
        deadline=timezone.localdate() + dt.timedelta(days=20),
        reviewers=judges,
    )
    call_services.call_open(actor=issuer, call=call)
    for i, (firm, admin) in enumerate(zip(firms, admins, strict=True)):
        s = call.submissions.get(firm=firm)
        values = {"project": f"创新项目{i}", "team": "团队", "summary": "内容", "results": "成效"}
        call_services.submission_save(actor=admin, submission=s, values=values)
        call_services.submission_submit(actor=admin, submission=s)
        call_services.submission_accept(actor=issuer, submission=s)
    call_services.call_close(actor=issuer, call=call)
    call.refresh_from_db()
    return {"call": call, "firms": firms, "admins": admins, "judges": judges, "issuer": issuer, **world}
