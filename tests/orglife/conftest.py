"""The Party world of tests/party/world.py, with a secretary of the joint branch, helpers to plan,
attend and hold meetings through the services, and `setup`: a held meeting with a photo and a
published task list (the objects the pages' and the API's matrix tests ask for)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.core.uploads import check_upload
from lvxie.orglife import services
from lvxie.orglife.choices import MeetingAction, MeetingKind, Presence
from lvxie.orglife.models import MeetingAttachment, TaskRecipient
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


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def setup(party, today):
    """A held meeting of A支部 with a photo, a published task list of Futian, A's answer row."""
    org = party["orgs"]["a"]
    meeting = hold(plan(org, today, kind=MeetingKind.COMMITTEE, place="党员活动室"))
    services.attachment_add(
        actor=None,
        meeting=meeting,
        uploads=[check_upload(SimpleUploadedFile("合影.png", PNG))],
        kind="photo",
    )
    month = today.replace(day=1)
    task_list = services.tasklist_create(
        actor=None, region=party["regions"]["futian"], month=month, title="本月任务清单"
    )
    item = services.tasklist_item_add(
        actor=None, task_list=task_list, kind=MeetingKind.COMMITTEE, topic="支委会", due=month.replace(day=28)
    )
    services.tasklist_publish(actor=None, task_list=task_list)
    recipient = TaskRecipient.objects.get(task_list=task_list, org=org)
    meeting.refresh_from_db()
    return {
        **party,
        "meeting": meeting,
        "file": MeetingAttachment.objects.get(),
        "task_list": task_list,
        "item": item,
        "recipient": recipient,
    }
