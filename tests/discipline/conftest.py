"""A discipline officer over Futian and one over the city, a case against the Futian lawyer opened on
the bar's own motion, and helpers to walk it."""

import pytest

from lvxie.accounts.choices import Role
from lvxie.discipline import services
from tests.factories import make_user

RECORD = "2026年3月走访调查，当事人陈述与收费凭证不符。"


@pytest.fixture
def dw(world):
    regions = world["regions"]
    officers = {
        "futian": make_user(Role.DISCIPLINE_OFFICER, region=regions["futian"], username="officer_ft"),
        "nanshan": make_user(Role.DISCIPLINE_OFFICER, region=regions["nanshan"], username="officer_ns"),
        "city": make_user(Role.DISCIPLINE_OFFICER, region=regions["city"], username="officer_city"),
    }
    return {**world, "officers": officers, "officer": officers["futian"]}


@pytest.fixture
def case(dw):
    return services.case_open(
        actor=dw["officer"],
        lawyer=dw["ft_lawyer"],
        conduct="fees",
        summary="违规收费",
        facts="当事人反映律师在代理合同外另行收取费用。",
    )


def step(case, actor, action, **kwargs):
    return services.case_step(actor=actor, case=case, action=action, **kwargs)


def to_deliberating(case, officer, lawyer_user, *, hearing=False):
    step(
        case, officer, "notify", reason="经查，你在代理期间另行收取费用两万元。", investigation_record=RECORD
    )
    if hearing:
        step(case, lawyer_user, "ask_hearing", reason="我要求听证。")
        return step(case, officer, "hold_hearing", reason="听证会记录：双方陈述意见。")
    return step(case, lawyer_user, "answer", reason="该笔费用系差旅费，有票据。")
