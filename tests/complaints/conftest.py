"""Complaints' world: a discipline officer over Futian and one over Nanshan, a city (national-style)
officer, a Futian district administrator, the Futian lawyer complained of (with an account) and their
firm's administrator; a complaint against that lawyer, confidential, from an online complainant."""

import pytest

from lvxie.accounts.choices import Role
from lvxie.complaints import services
from lvxie.complaints.choices import ComplaintAction, ConductKind, TriageCriterion
from tests.factories import make_user

SECRET_NAME = "隐名投诉人甲"
SECRET_PHONE = "13900001111"


@pytest.fixture
def cw(world):
    regions = world["regions"]
    return {
        **world,
        "officer": make_user(Role.DISCIPLINE_OFFICER, region=regions["futian"], username="officer_ft"),
        "officer_ns": make_user(Role.DISCIPLINE_OFFICER, region=regions["nanshan"], username="officer_ns"),
        "officer_city": make_user(Role.DISCIPLINE_OFFICER, region=regions["city"], username="officer_city"),
        "staff": make_user(Role.CITY_ADMIN, region=regions["city"], username="staff_named"),
    }


def intake(cw, *, confidential=True, **fields):
    values = {
        "lawyer": cw["ft_lawyer"],
        "conduct": ConductKind.FEES,
        "facts": f"我是{SECRET_NAME}，该律师收取代理费后未出庭。",
        "complainant_name": SECRET_NAME,
        "complainant_phone": SECRET_PHONE,
        "complainant_email": "tousu@example.cn",
        "confidential": confidential,
    }
    return services.Intake(**{**values, **fields})


@pytest.fixture
def filed(cw):
    """A confidential online complaint against the Futian lawyer; (complaint, code)."""
    done = services.complaint_submit(intake=intake(cw))
    return done.complaint, done.code


def step(actor, complaint, action, **kwargs):
    complaint.refresh_from_db()
    return services.complaint_step(actor=actor, complaint=complaint, action=action, **kwargs)


def accept(cw, complaint):
    return step(cw["officer"], complaint, ComplaintAction.ACCEPT)


CRITERIA = [TriageCriterion.FACTS_CLEAR, TriageCriterion.MINOR]
