"""The recruitment world: the Party world (tests/party/world.py) with a secretary for each branch, a
trainee of firm A, and helpers that take a person along the steps with dates in the past.

A支部 (福田, firm A): a_law[0..2] full members, a_law[3] probationary, a_law[4] not a member (applies).
N支部 (南山, firm N): n_law[0] a full member, n_law[1] not a member."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.recruitment import services
from lvxie.recruitment.choices import PersonKind, Step
from tests.factories import TraineeFactory, make_user
from tests.party.world import build_party_world


def today() -> date:
    return timezone.localdate()


def ago(days: int) -> date:
    return today() - timedelta(days=days)


@pytest.fixture
def rw(world):
    party = build_party_world(world)
    users = party["users"]
    secretary_n = make_user(None, username="secretary_n")
    RoleAssignment.objects.create(user=secretary_n, role=Role.ORG_SECRETARY, party_org=party["orgs"]["n"])
    users["secretary_n"] = secretary_n
    party["trainee"] = TraineeFactory(firm=party["firms"]["a"], name="实习生甲", started_on=ago(400))
    a_members = {m.lawyer_id: m for m in party["orgs"]["a"].memberships.all()}
    party["introducers"] = [a_members[lawyer.pk] for lawyer in party["lawyers"]["a"][:2]]
    party["probationary_member"] = a_members[party["lawyers"]["a"][3].pk]
    return party


def apply(rw, *, lawyer=None, applied_on=None, actor=None, **fields):
    """An application of a_law[4] (or `lawyer`) to A支部, by A's secretary."""
    lawyer = lawyer or rw["lawyers"]["a"][4]
    return services.recruit_create(
        actor=actor or rw["users"]["secretary_a"],
        org=rw["orgs"]["a"],
        person_kind=PersonKind.LAWYER,
        licence_no=lawyer.licence_no,
        applied_on=applied_on or ago(900),
        **fields,
    )


def step(rw, recruit, name, decided_on, *, actor=None, **extra):
    """One step by the side that takes it: A's secretary for the branch, 福田's committee staff for an
    approval."""
    if actor is None:
        branch = name in (
            Step.ACTIVIST,
            Step.TARGET,
            Step.ADMIT,
            Step.CONVERT,
            Step.EXTEND,
            Step.CANCEL,
            Step.STOP,
        )
        actor = rw["users"]["secretary_a" if branch else "party_futian"]
    recruit.refresh_from_db()
    return services.recruit_step(
        actor=actor, recruit=recruit, step=name, version=recruit.version, decided_on=decided_on, **extra
    )


def to_probation(rw, recruit, *, admitted=None):
    """Activist 860 days ago, target 480, admitted `admitted` days ago (default 370: the year is over),
    approved five days later."""
    admitted = 370 if admitted is None else admitted
    step(rw, recruit, Step.ACTIVIST, ago(admitted + 490))
    first, second = rw["introducers"]
    step(rw, recruit, Step.TARGET, ago(admitted + 110), introducer_1=first.pk, introducer_2=second.pk)
    step(rw, recruit, Step.ADMIT, ago(admitted), reference="2025年第2次支部党员大会")
    return step(rw, recruit, Step.APPROVE_ADMISSION, ago(admitted - 5), reference="福组审〔2025〕3号")


def held_meeting(org, kind, on, *, hold=True, topic="讨论发展党员"):
    """A meeting of `org` recorded through organizational life's services: planned, its attendance
    (every member on the roll present) and, with `hold`, held."""
    from lvxie.orglife import services as orglife
    from lvxie.orglife.selectors import roll

    meeting = orglife.meeting_plan(actor=None, org=org, kind=kind, date=on, topic=topic)
    if not hold:
        return meeting
    lines = [orglife.Line(lawyer_id=m.lawyer_id, presence="present") for m in roll(org, on)]
    orglife.attendance_record(
        actor=None, meeting=meeting, lines=lines, version=meeting.version, reason="补录"
    )
    meeting.refresh_from_db()
    return orglife.meeting_transition(actor=None, meeting=meeting, action="hold", version=meeting.version)
