"""Meetings through the services: planned then held, the roll on the meeting's date (a joint branch's
from several firms, a member who joined mid-quarter), every kind of bad input refused with nothing
changed, corrections after a month is closed, and the frequency rules at the edges."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvxie.audit.models import AuditEvent
from lvxie.orglife import selectors, services
from lvxie.orglife.choices import MeetingAction, MeetingKind, MeetingStatus, Period, Presence
from lvxie.orglife.models import Attendance, FrequencyRule, Meeting, MeetingCorrection
from lvxie.orglife.selectors import Standing
from lvxie.party import services as party_services
from tests.factories import LawyerFactory, make_user
from tests.orglife.conftest import hold, plan
from tests.party.world import member

Y = 2025  # a past year: every month of it is closed


def codes(exc) -> set[str]:
    return (
        {e.code for errors in exc.value.error_dict.values() for e in errors}
        if hasattr(exc.value, "error_dict")
        else {e.code for e in exc.value.error_list}
    )


def test_a_meeting_is_planned_then_held_with_its_attendance(party):
    org, secretary = party["orgs"]["a"], party["users"]["secretary_a"]
    a = party["lawyers"]["a"]
    meeting = plan(org, date(Y, 3, 5), actor=secretary, place="党员活动室", chair=a[0], recorder=a[1])
    assert meeting.status == MeetingStatus.PLANNED
    held = hold(meeting, actor=secretary, absent=[a[2]], leave=[a[3]])
    assert held.status == MeetingStatus.HELD and held.held_at is not None
    presence = dict(Attendance.objects.filter(meeting=meeting).values_list("membership__lawyer", "presence"))
    assert presence == {
        a[0].pk: Presence.PRESENT,
        a[1].pk: Presence.PRESENT,
        a[2].pk: Presence.ABSENT,
        a[3].pk: Presence.LEAVE,
    }
    assert selectors.meeting_rate(meeting) == 0.5
    actions = set(AuditEvent.objects.filter(object_id=str(meeting.pk)).values_list("action", flat=True))
    assert {"orglife.meeting_plan", "orglife.attendance_record", "orglife.meeting_hold"} <= actions


def test_a_meeting_in_the_future_cannot_be_held(party, today):
    meeting = plan(party["orgs"]["a"], today + timedelta(days=1))
    meeting.attendance.all()
    services.attendance_record(actor=None, meeting=meeting, lines=[], version=meeting.version)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.meeting_transition(
            actor=None, meeting=meeting, action=MeetingAction.HOLD, version=meeting.version
        )
    assert codes(exc) == {"future"}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_meeting_is_not_held_without_its_attendance(party, today):
    meeting = plan(party["orgs"]["a"], today)
    with pytest.raises(ValidationError) as exc:
        services.meeting_transition(
            actor=None, meeting=meeting, action=MeetingAction.HOLD, version=meeting.version
        )
    assert codes(exc) == {"no_attendance"}


def test_an_attendee_not_a_member_on_that_date_is_refused_and_nothing_saved(party):
    org = party["orgs"]["a"]
    meeting = plan(org, date(Y, 3, 5))
    outsider = party["lawyers"]["n"][0]  # a member of N支部
    latecomer = party["lawyers"]["a"][4]
    member_since = party_services.membership_add(
        actor=None,
        org=org,
        lawyer=latecomer,
        kind="full",
        joined_party_on=date(2010, 1, 1),
        joined_on=date(Y, 6, 1),
    )
    assert member_since.pk
    for lawyer in (outsider, latecomer):
        lines = [
            services.Line(party["lawyers"]["a"][0].pk, Presence.PRESENT),
            services.Line(lawyer.pk, Presence.PRESENT),
        ]
        with pytest.raises(ValidationError) as exc:
            services.attendance_record(actor=None, meeting=meeting, lines=lines, version=meeting.version)
        assert codes(exc) == {"not_member"}
        assert lawyer.name in str(exc.value)
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_leave_needs_a_reason_and_presence_a_known_value(party):
    meeting = plan(party["orgs"]["a"], date(Y, 3, 5))
    lawyer = party["lawyers"]["a"][0]
    for line, code in (
        (services.Line(lawyer.pk, Presence.LEAVE, "  "), "leave_reason"),
        (services.Line(lawyer.pk, "late"), "bad_presence"),
    ):
        with pytest.raises(ValidationError) as exc:
            services.attendance_record(actor=None, meeting=meeting, lines=[line], version=meeting.version)
        assert codes(exc) == {code}
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_chair_must_be_on_the_roll(party):
    with pytest.raises(ValidationError) as exc:
        plan(party["orgs"]["a"], date(Y, 3, 5), chair=party["lawyers"]["n"][0])
    assert codes(exc) == {"not_member"}
    assert not Meeting.objects.exists()


def test_a_joint_branch_meeting_covers_its_members_from_several_firms(party):
    joint = party["orgs"]["joint"]
    c_lawyer = LawyerFactory(firm=party["firms"]["c"])
    member(joint, c_lawyer)
    roll = selectors.roll(joint, date(Y, 5, 1))
    firms = {m.lawyer.firm_id for m in roll}
    assert firms == {party["firms"]["b"].pk, party["firms"]["c"].pk}
    meeting = hold(
        plan(joint, date(Y, 5, 1), actor=party["users"]["secretary_j"]), actor=party["users"]["secretary_j"]
    )
    assert meeting.attendance.count() == 2


def test_the_roll_follows_the_membership_history(party):
    org, to = party["orgs"]["a"], party["orgs"]["joint"]
    lawyer = party["lawyers"]["a"][0]
    membership = lawyer.party_memberships.get()
    party_services.membership_transfer(actor=None, member=membership, to_org=to, on=date(Y, 6, 1))
    before, on_the_day = selectors.roll(org, date(Y, 5, 31)), selectors.roll(org, date(Y, 6, 1))
    assert lawyer.pk in {m.lawyer_id for m in before}
    assert lawyer.pk not in {m.lawyer_id for m in on_the_day}
    assert lawyer.pk in {m.lawyer_id for m in selectors.roll(to, date(Y, 6, 1))}


def test_a_member_who_joined_mid_quarter_is_counted_only_from_then(party):
    org = party["orgs"]["a"]
    newcomer = party["lawyers"]["a"][4]
    party_services.membership_add(
        actor=None,
        org=org,
        lawyer=newcomer,
        kind="full",
        joined_party_on=date(2010, 1, 1),
        joined_on=date(Y, 2, 15),
    )
    hold(plan(org, date(Y, 1, 10), kind=MeetingKind.MEMBERS))  # before they joined: not on the roll
    hold(plan(org, date(Y, 3, 31), kind=MeetingKind.MEMBERS), absent=[newcomer])
    hold(plan(org, date(Y, 5, 8), kind=MeetingKind.MEMBERS))
    rates = {r.membership.lawyer_id: r for r in selectors.member_rates(org, Y)}
    assert (rates[newcomer.pk].expected, rates[newcomer.pk].present) == (2, 1)
    assert rates[party["lawyers"]["a"][0].pk].expected == 3
    # the quarter's members' meeting is met whoever joined when
    cells = dict((r.kind, c) for r, c in selectors.standing(org, Y, date(Y + 1, 1, 1)))[MeetingKind.MEMBERS]
    assert [c.state for c in cells] == [Standing.MET, Standing.MET, Standing.BEHIND, Standing.BEHIND]


def test_a_quarter_with_its_meeting_on_its_last_day_is_met(party):
    org = party["orgs"]["a"]
    hold(plan(org, date(Y, 3, 31), kind=MeetingKind.LECTURE))
    hold(plan(org, date(Y, 7, 1), kind=MeetingKind.LECTURE))  # the first day of Q3, not Q2
    cells = dict((r.kind, c) for r, c in selectors.standing(org, Y, date(Y, 7, 2)))[MeetingKind.LECTURE]
    assert [(c.label, c.held, c.state) for c in cells] == [
        ("Q1", 1, Standing.MET),
        ("Q2", 0, Standing.BEHIND),
        ("Q3", 1, Standing.MET),
        ("Q4", 0, Standing.NOT_DUE),
    ]


def test_monthly_rules_at_the_month_edges(party):
    org = party["orgs"]["a"]
    hold(plan(org, date(Y, 1, 31), kind=MeetingKind.COMMITTEE))
    hold(plan(org, date(Y, 2, 1), kind=MeetingKind.PARTY_DAY))
    hold(plan(org, date(Y, 3, 1), kind=MeetingKind.COMMITTEE))
    standing = dict((r.kind, c) for r, c in selectors.standing(org, Y, date(Y, 3, 15)))
    committee = [c.state for c in standing[MeetingKind.COMMITTEE][:4]]
    assert committee == [Standing.MET, Standing.BEHIND, Standing.MET, Standing.NOT_DUE]
    party_day = [c.state for c in standing[MeetingKind.PARTY_DAY][:3]]
    assert party_day == [Standing.BEHIND, Standing.MET, Standing.OPEN]
    group = [c.state for c in standing[MeetingKind.GROUP][:3]]
    assert group == [Standing.BEHIND, Standing.BEHIND, Standing.OPEN]


def test_periods_before_the_organization_existed_are_not_due(party):
    org = party["orgs"]["a"]
    org.founded_on = date(Y, 5, 20)
    org.save(update_fields=["founded_on"])
    cells = dict((r.kind, c) for r, c in selectors.standing(org, Y, date(Y + 1, 1, 1)))[MeetingKind.MEMBERS]
    assert [c.state for c in cells] == [Standing.NOT_DUE, Standing.BEHIND, Standing.BEHIND, Standing.BEHIND]


def test_cancelled_and_planned_meetings_do_not_count(party):
    org = party["orgs"]["a"]
    plan(org, date(Y, 2, 3), kind=MeetingKind.LECTURE)
    cancelled = plan(org, date(Y, 2, 4), kind=MeetingKind.LECTURE)
    services.meeting_transition(
        actor=None, meeting=cancelled, action=MeetingAction.CANCEL, version=cancelled.version, reason="疫情"
    )
    cells = dict((r.kind, c) for r, c in selectors.standing(org, Y, date(Y, 4, 2)))[MeetingKind.LECTURE]
    assert cells[0].state == Standing.BEHIND


def test_the_city_committee_edits_the_rules_and_others_may_not(party):
    with pytest.raises(PermissionDenied):
        services.rule_set(
            actor=party["users"]["party_futian"], kind=MeetingKind.LECTURE, period=Period.MONTH, times=1
        )
    with pytest.raises(PermissionDenied):
        services.rule_set(
            actor=party["users"]["secretary_a"], kind=MeetingKind.LECTURE, period=Period.MONTH, times=1
        )
    services.rule_set(
        actor=party["users"]["party_city"], kind=MeetingKind.LECTURE, period=Period.QUARTER, times=2
    )
    services.rule_set(
        actor=party["users"]["party_city"], kind=MeetingKind.GROUP, period=Period.MONTH, times=0
    )
    services.rule_set(actor=party["users"]["party_city"], kind=MeetingKind.LIFE, period=Period.YEAR, times=1)
    rules = {r.kind: (r.period, r.times) for r in selectors.rules()}
    assert rules[MeetingKind.LECTURE] == (Period.QUARTER, 2)
    assert MeetingKind.GROUP not in rules
    assert rules[MeetingKind.LIFE] == (Period.YEAR, 1)
    org = party["orgs"]["a"]
    hold(plan(org, date(Y, 2, 3), kind=MeetingKind.LECTURE))
    cells = dict((r.kind, c) for r, c in selectors.standing(org, Y, date(Y, 4, 2)))[MeetingKind.LECTURE]
    assert cells[0].state == Standing.BEHIND  # one of two
    with pytest.raises(ValidationError):
        services.rule_set(actor=party["users"]["party_city"], kind="dinner", period=Period.MONTH, times=1)
    assert FrequencyRule.objects.count() == 3


def test_a_closed_month_is_corrected_with_a_reason_or_not_at_all(party):
    meeting = hold(plan(party["orgs"]["a"], date(Y, 3, 5), minutes="原纪要"))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.meeting_edit(actor=None, meeting=meeting, version=meeting.version, minutes="改过的纪要")
    assert codes(exc) == {"month_closed"}
    meeting.refresh_from_db()
    assert meeting.minutes == "原纪要" and not MeetingCorrection.objects.exists()
    services.meeting_edit(
        actor=None, meeting=meeting, version=meeting.version, minutes="改过的纪要", reason="补记发言"
    )
    correction = MeetingCorrection.objects.get()
    assert correction.reason == "补记发言"
    assert correction.before == {"minutes": "原纪要"} and correction.after == {"minutes": "改过的纪要"}
    # attendance too
    meeting.refresh_from_db()
    lawyer = party["lawyers"]["a"][0]
    with pytest.raises(ValidationError) as exc:
        services.attendance_record(
            actor=None,
            meeting=meeting,
            lines=[services.Line(lawyer.pk, Presence.ABSENT)],
            version=meeting.version,
        )
    assert codes(exc) == {"month_closed"}
    assert Attendance.objects.get(meeting=meeting, membership__lawyer=lawyer).presence == Presence.PRESENT


def test_an_open_month_is_edited_freely(party, today):
    meeting = hold(plan(party["orgs"]["a"], today, minutes="原纪要"))
    meeting.refresh_from_db()
    services.meeting_edit(actor=None, meeting=meeting, version=meeting.version, minutes="新纪要")
    assert not MeetingCorrection.objects.exists()
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.meeting_edit(
            actor=None, meeting=meeting, version=meeting.version, date=today + timedelta(days=3)
        )
    assert codes(exc) == {"future"}


def test_a_stale_edit_is_refused(party, today):
    meeting = plan(party["orgs"]["a"], today)
    services.meeting_edit(actor=None, meeting=meeting, version=meeting.version, place="A")
    with pytest.raises(ValidationError) as exc:
        services.meeting_edit(actor=None, meeting=Meeting.objects.get(), version=1, place="B")
    assert codes(exc) == {"stale"}
    assert Meeting.objects.get().place == "A"


def test_cancelling_needs_a_reason_and_a_held_meeting_is_not_cancelled(party, today):
    meeting = plan(party["orgs"]["a"], today)
    with pytest.raises(ValidationError) as exc:
        services.meeting_transition(
            actor=None, meeting=meeting, action=MeetingAction.CANCEL, version=meeting.version
        )
    assert codes(exc) == {"reason_required"}
    held = hold(plan(party["orgs"]["a"], today))
    with pytest.raises(ValidationError) as exc:
        services.meeting_transition(
            actor=None, meeting=held, action=MeetingAction.CANCEL, version=held.version, reason="x"
        )
    assert codes(exc) == {"transition"}


def test_only_keepers_of_the_organization_record_its_meetings(party, today):
    with pytest.raises(PermissionDenied):
        plan(party["orgs"]["a"], today, actor=party["users"]["secretary_j"])
    with pytest.raises(PermissionDenied):
        plan(party["orgs"]["a"], today, actor=party["users"]["party_nanshan"])
    with pytest.raises(PermissionDenied):
        plan(party["orgs"]["a"], today, actor=party["users"]["firm"])
    assert plan(party["orgs"]["a"], today, actor=party["users"]["party_futian"]).pk
    assert plan(party["orgs"]["a"], today, actor=party["users"]["secretary_a"]).pk


def test_members_are_reminded_of_a_planned_meeting_once(party, today):
    from lvxie.notifications.models import Notification

    lawyer = party["lawyers"]["a"][0]
    make_user(None, lawyer=lawyer, username="member_a0")
    soon = plan(party["orgs"]["a"], today + timedelta(days=1), start_time=None)
    plan(party["orgs"]["a"], today + timedelta(days=30))
    assert services.meeting_reminders_send(today=today) == 1
    assert services.meeting_reminders_send(today=today) == 0
    note = Notification.objects.get()
    assert note.url == soon.get_absolute_url()
