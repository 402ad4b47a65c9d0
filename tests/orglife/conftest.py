"""The Party world of tests/party/world.py, with a secretary of the joint branch and helpers to plan,
attend and hold meetings through the services."""

from datetime import date

import pytest
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.orglife import services
from lvxie.orglife.choices import MeetingAction, MeetingKind, Presence
from tests.factories import make_user
from tests.party.world import build_party_world


@pytest.fixture
def party(world):
    built = build_party_world(world)
    joint = make_user(None, username="secretary_j")
    RoleAssignment.objects.create(user=joint, role=Role.ORG_SECRETARY, party_org=built["orgs"]["joint"])
    built["users"]["secretary_j"] = joint
    return built


@pytest.fixture
def today():
    return timezone.localdate()


def plan(org, on: date, kind=MeetingKind.COMMITTEE, actor=None, **fields):
    fields.setdefault("topic", "学习贯彻党的二十届三中全会精神")
    return services.meeting_plan(actor=actor, org=org, kind=kind, date=on, **fields)


def hold(meeting, actor=None, absent=(), leave=()):
    """Record everyone on the roll present (but `absent`, `leave` lawyers) and hold the meeting."""
    from lvxie.orglife.selectors import roll

    lines = []
    for m in roll(meeting.org, meeting.date):
        if m.lawyer in absent:
            lines.append(services.Line(m.lawyer_id, Presence.ABSENT))
        elif m.lawyer in leave:
            lines.append(services.Line(m.lawyer_id, Presence.LEAVE, "出差"))
        else:
            lines.append(services.Line(m.lawyer_id, Presence.PRESENT))
    services.attendance_record(actor=actor, meeting=meeting, lines=lines, version=meeting.version)
    meeting.refresh_from_db()
    return services.meeting_transition(
        actor=actor, meeting=meeting, action=MeetingAction.HOLD, version=meeting.version
    )
