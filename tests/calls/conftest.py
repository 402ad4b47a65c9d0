"""A city call for classic cases to three firms (福田 ×2, 南山 ×1) with two city reviewers."""

import datetime as dt

import pytest
from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.calls import services
from lvxie.notices.choices import AudienceKind
from tests.factories import LawFirmFactory, LawyerFactory, make_user

VALUES = {
    "case_name": "某科技公司商业秘密侵权纠纷案",
    "practice_area": "civil",
    "lead_lawyer": "张律师",
    "concluded_on": "2025-06-30",
    "amount": "1200",
    "summary": "一审判决被告赔偿损失并停止侵权。",
    "significance": "明确了商业秘密保护范围的认定标准。",
}


def points(d=8, i=7, n=6, w=9):
    return {"difficulty": d, "impact": i, "innovation": n, "writing": w}


@pytest.fixture
def cw(world):
    """The call's world: firms A, B (福田) and C (南山) each with an administrator; two reviewers at the
    city; a third city user who is a lawyer of firm A (a conflict); a firm outside the call."""
    regions, users = world["regions"], world["users"]
    a = LawFirmFactory(name="甲律师事务所", region=regions["futian"])
    b = LawFirmFactory(name="乙律师事务所", region=regions["futian"])
    c = LawFirmFactory(name="丙律师事务所", region=regions["nanshan"])
    a_lawyer = LawyerFactory(firm=a, name="甲律师")
    admins = {
        "a": make_user(Role.FIRM_ADMIN, firm=a, username="admin_a"),
        "b": make_user(Role.FIRM_ADMIN, firm=b, username="admin_b"),
        "c": make_user(Role.FIRM_ADMIN, firm=c, username="admin_c"),
    }
    reviewer1 = make_user(Role.CITY_ADMIN, region=regions["city"], username="reviewer1")
    reviewer2 = make_user(Role.CITY_ADMIN, region=regions["city"], username="reviewer2")
    conflicted = make_user(Role.CITY_ADMIN, region=regions["city"], username="conflicted", lawyer=a_lawyer)
    return {
        **world,
        "firms": {"a": a, "b": b, "c": c},
        "admins": admins,
        "reviewers": [reviewer1, reviewer2],
        "conflicted": conflicted,
        "issuer": users["city"],
    }


def make_call(cw, *, reviewers=None, **fields):
    defaults = {
        "title": "2025年度深圳律师行业经典案例评选",
        "kind": "classic_cases",
        "region": cw["regions"]["city"],
        "audience_kind": AudienceKind.FIRMS,
        "audience_firms": list(cw["firms"].values()),
        "deadline": timezone.localdate() + dt.timedelta(days=20),
        "reviewers": cw["reviewers"] if reviewers is None else reviewers,
    }
    return services.call_create(actor=cw["issuer"], **{**defaults, **fields})


@pytest.fixture
def opened(cw):
    call = make_call(cw)
    services.call_open(actor=cw["issuer"], call=call)
    call.refresh_from_db()
    return call


def sub(call, firm):
    return call.submissions.get(firm=firm)


@pytest.fixture
def accepted(cw, opened):
    """All three firms submitted; the issuer accepted all three."""
    for key in ("a", "b", "c"):
        s = sub(opened, cw["firms"][key])
        services.submission_save(
            actor=cw["admins"][key], submission=s, values={**VALUES, "case_name": f"{key}案"}
        )
        services.submission_submit(actor=cw["admins"][key], submission=s)
        services.submission_accept(actor=cw["issuer"], submission=s)
    return opened
