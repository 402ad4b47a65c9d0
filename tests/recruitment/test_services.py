"""Member development through its services: the whole way in, the Party roll's membership made by the
Party side's own services, and every refusal (wrong order, introducer, training year, probationary year,
future date, the wrong side) with a clear message and nothing changed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lvxie.audit.models import AuditEvent
from lvxie.party.choices import MemberKind, MemberStatus
from lvxie.party.models import PartyMembership
from lvxie.recruitment import services
from lvxie.recruitment.choices import PersonKind, Stage, Step
from lvxie.recruitment.models import Body, Recruit, RecruitEvent
from tests.recruitment.conftest import ago, apply, held_meeting, step, to_probation, today


def _codes(exc: ValidationError) -> set[str]:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


def _unchanged(recruit: Recruit, stage: str, events: int) -> None:
    recruit.refresh_from_db()
    assert recruit.stage == stage
    assert recruit.events.count() == events


def test_the_whole_way_from_application_to_full_member(rw):
    recruit = apply(rw, birth_year=1996, firm_manager=True, reference="入党申请书第1号")
    assert recruit.stage == Stage.APPLICANT and recruit.name == rw["lawyers"]["a"][4].name
    to_probation(rw, recruit)
    recruit.refresh_from_db()
    # The committee's approval made the Party roll's probationary membership, dated from the branch meeting
    member = recruit.membership
    assert recruit.stage == Stage.PROBATIONARY and member is not None
    assert (member.kind, member.status, member.org) == (
        MemberKind.PROBATIONARY,
        MemberStatus.ACTIVE,
        rw["orgs"]["a"],
    )
    assert member.joined_party_on == recruit.admitted_on == ago(370)
    assert recruit.probation_ends_on == services.one_year_after(ago(370))
    assert AuditEvent.objects.filter(action="party.member_add", object_id=str(member.pk)).exists()
    # At the end of the year the branch meeting converts, the committee approves
    step(rw, recruit, Step.CONVERT, ago(4), reference="2026年第1次支部党员大会")
    step(rw, recruit, Step.APPROVE_CONVERSION, ago(1))
    recruit.refresh_from_db()
    member.refresh_from_db()
    assert recruit.stage == Stage.FULL and recruit.full_on == recruit.probation_ends_on
    assert member.kind == MemberKind.FULL
    # Every decision is kept: its day, who decided, the reference
    events = list(recruit.events.values_list("step", "body"))
    assert events == [
        (Step.APPLY, Body.APPLICANT),
        (Step.ACTIVIST, Body.BRANCH_COMMITTEE),
        (Step.TARGET, Body.BRANCH_COMMITTEE),
        (Step.ADMIT, Body.MEMBERS_MEETING),
        (Step.APPROVE_ADMISSION, Body.PARTY_COMMITTEE),
        (Step.CONVERT, Body.MEMBERS_MEETING),
        (Step.APPROVE_CONVERSION, Body.PARTY_COMMITTEE),
    ]
    assert recruit.events.get(step=Step.ADMIT).reference == "2025年第2次支部党员大会"
    assert (recruit.introducer_1, recruit.introducer_2) == tuple(rw["introducers"])
    assert AuditEvent.objects.filter(
        action="recruitment.approve_conversion", object_id=str(recruit.pk)
    ).exists()


def test_steps_out_of_order_are_refused_with_nothing_changed(rw):
    recruit = apply(rw)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.ADMIT, ago(10))
    assert _codes(exc.value) == {"transition"}
    assert "入党申请人" in exc.value.messages[0]
    _unchanged(recruit, Stage.APPLICANT, 1)


def test_an_introducer_who_is_not_a_full_member_is_refused(rw):
    recruit = apply(rw)
    step(rw, recruit, Step.ACTIVIST, ago(800))
    full, probationary = rw["introducers"][0], rw["probationary_member"]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.TARGET, ago(100), introducer_1=full.pk, introducer_2=probationary.pk)
    assert _codes(exc.value) == {"not_full_member"}
    assert "正式党员" in exc.value.messages[0]
    _unchanged(recruit, Stage.ACTIVIST, 2)
    assert Recruit.objects.get(pk=recruit.pk).introducer_1 is None


@pytest.mark.parametrize("which", ["same", "missing", "elsewhere"])
def test_two_different_introducers_the_actor_sees_are_needed(rw, which):
    recruit = apply(rw)
    step(rw, recruit, Step.ACTIVIST, ago(800))
    first = rw["introducers"][0]
    other = {
        "same": first.pk,
        "missing": None,
        # N支部's member: a member the secretary of A does not see
        "elsewhere": PartyMembership.objects.get(org=rw["orgs"]["n"]).pk,
    }[which]
    with pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.TARGET, ago(100), introducer_1=first.pk, introducer_2=other)
    assert _codes(exc.value) == {"same_introducer" if which == "same" else "unknown_member"}
    _unchanged(recruit, Stage.ACTIVIST, 2)


def test_an_activist_is_trained_a_year_before_becoming_a_target(rw):
    recruit = apply(rw)
    step(rw, recruit, Step.ACTIVIST, ago(300))
    first, second = rw["introducers"]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.TARGET, ago(10), introducer_1=first.pk, introducer_2=second.pk)
    assert _codes(exc.value) == {"training_year"}
    assert "一年" in exc.value.messages[0]
    _unchanged(recruit, Stage.ACTIVIST, 2)


def test_conversion_before_the_probationary_year_is_over_is_refused(rw):
    recruit = apply(rw)
    to_probation(rw, recruit, admitted=200)
    for name in (Step.CONVERT, Step.EXTEND):
        with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
            step(rw, recruit, name, ago(1), reason="考察", extension_months=6)
        assert _codes(exc.value) == {"probation_not_over"}
        assert "预备期" in exc.value.messages[0]
    _unchanged(recruit, Stage.PROBATIONARY, 5)


@pytest.mark.parametrize("when", ["future", "before_previous"])
def test_dates_in_the_future_or_before_the_previous_step_are_refused(rw, when):
    recruit = apply(rw, applied_on=ago(100))
    day = today() + timedelta(days=1) if when == "future" else ago(101)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.ACTIVIST, day)
    assert _codes(exc.value) == {when}
    assert "日期" in exc.value.messages[0]
    _unchanged(recruit, Stage.APPLICANT, 1)


def test_an_application_dated_in_the_future_is_refused(rw):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        apply(rw, applied_on=today() + timedelta(days=3))
    assert _codes(exc.value) == {"future"}
    assert "日期不能晚于今天" in exc.value.messages[0]
    assert not Recruit.objects.exists()


def test_each_side_takes_only_its_own_steps(rw):
    recruit = apply(rw)
    users = rw["users"]
    # The committee staff do not record the branch's decision; the secretary does not approve
    with pytest.raises(PermissionDenied):
        step(rw, recruit, Step.ACTIVIST, ago(800), actor=users["party_futian"])
    to_probation_until_admitted = step(rw, recruit, Step.ACTIVIST, ago(800))
    first, second = rw["introducers"]
    step(
        rw, to_probation_until_admitted, Step.TARGET, ago(200), introducer_1=first.pk, introducer_2=second.pk
    )
    step(rw, recruit, Step.ADMIT, ago(50))
    for actor in (users["secretary_a"], users["party_nanshan"], users["futian"], users["firm"]):
        with pytest.raises(PermissionDenied):
            step(rw, recruit, Step.APPROVE_ADMISSION, ago(40), actor=actor)
    _unchanged(recruit, Stage.ADMISSION_PENDING, 4)
    assert not PartyMembership.objects.filter(lawyer=rw["lawyers"]["a"][4]).exists()
    # The city committee's staff are over 福田 too
    step(rw, recruit, Step.APPROVE_ADMISSION, ago(40), actor=users["party_city"])
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.PROBATIONARY


def test_the_secretary_of_another_branch_cannot_record_an_application_here(rw):
    with pytest.raises(PermissionDenied):
        apply(rw, actor=rw["users"]["secretary_n"])
    assert not Recruit.objects.exists()


@pytest.mark.parametrize(
    "who, code",
    [
        ("member", "already_member"),  # a_law[0] is a full member already
        ("elsewhere", "unavailable"),  # N's lawyer does not work in a firm of A支部
        ("unknown", "unavailable"),
    ],
)
def test_who_may_apply_here(rw, who, code):
    lawyer = {"member": rw["lawyers"]["a"][0], "elsewhere": rw["lawyers"]["n"][1], "unknown": None}[who]
    with pytest.raises(ValidationError) as exc:
        services.recruit_create(
            actor=rw["users"]["secretary_a"],
            org=rw["orgs"]["a"],
            person_kind=PersonKind.LAWYER,
            licence_no=lawyer.licence_no if lawyer else "99999999999999999",
            applied_on=ago(5),
        )
    assert _codes(exc.value) == {code}
    assert not Recruit.objects.exists()


def test_one_open_record_per_person(rw):
    apply(rw)
    with pytest.raises(ValidationError) as exc:
        apply(rw, applied_on=ago(3))
    assert _codes(exc.value) == {"already_recruit"}
    assert Recruit.objects.count() == 1


def test_a_trainee_becomes_a_probationary_member_without_a_row_on_the_lawyers_roll(rw):
    recruit = services.recruit_create(
        actor=rw["users"]["secretary_a"],
        org=rw["orgs"]["a"],
        person_kind=PersonKind.TRAINEE,
        certificate_no=rw["trainee"].certificate_no,
        applied_on=ago(900),
    )
    to_probation(rw, recruit)
    recruit.refresh_from_db()
    assert recruit.stage == Stage.PROBATIONARY and recruit.membership is None
    assert recruit.name == "实习生甲"


def test_a_staff_member_names_a_firm_of_the_branch(rw):
    secretary, org = rw["users"]["secretary_a"], rw["orgs"]["a"]
    with pytest.raises(ValidationError) as exc:
        services.recruit_create(
            actor=secretary,
            org=org,
            person_kind=PersonKind.STAFF,
            name="周晓雯",
            firm=rw["firms"]["n"],
            applied_on=ago(5),
        )
    assert _codes(exc.value) == {"unknown_firm"}
    made = services.recruit_create(
        actor=secretary,
        org=org,
        person_kind=PersonKind.STAFF,
        name="周晓雯",
        firm=rw["firms"]["a"],
        applied_on=ago(5),
    )
    assert (made.firm, made.lawyer, made.trainee) == (rw["firms"]["a"], None, None)


def test_an_extension_is_approved_once_and_moves_the_end(rw):
    recruit = apply(rw)
    to_probation(rw, recruit, admitted=400)
    end = Recruit.objects.get(pk=recruit.pk).probation_ends_on
    with pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.EXTEND, ago(20), reason="需进一步考察", extension_months=13)
    assert _codes(exc.value) == {"extension_months"}
    step(rw, recruit, Step.EXTEND, ago(20), reason="需进一步考察", extension_months=6)
    step(rw, recruit, Step.APPROVE_EXTENSION, ago(15))
    recruit.refresh_from_db()
    assert recruit.stage == Stage.PROBATIONARY and recruit.extended
    assert recruit.probation_ends_on == services.one_year_after(end, 6)
    with pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.EXTEND, ago(1), reason="再延长", extension_months=3)
    assert _codes(exc.value) == {"probation_not_over"}


def test_a_cancelled_probation_ends_the_membership(rw):
    recruit = apply(rw)
    to_probation(rw, recruit, admitted=100)
    step(rw, recruit, Step.CANCEL, ago(10), reason="不履行党员义务")
    step(rw, recruit, Step.APPROVE_CANCELLATION, ago(2))
    recruit.refresh_from_db()
    assert recruit.stage == Stage.CANCELLED and recruit.ended_on == ago(2)
    assert recruit.membership.status == MemberStatus.LEFT


def test_the_committee_may_refuse_and_send_back(rw):
    recruit = apply(rw)
    step(rw, recruit, Step.ACTIVIST, ago(800))
    first, second = rw["introducers"]
    step(rw, recruit, Step.TARGET, ago(200), introducer_1=first.pk, introducer_2=second.pk)
    step(rw, recruit, Step.ADMIT, ago(50))
    with pytest.raises(ValidationError) as exc:
        step(rw, recruit, Step.REFUSE_ADMISSION, ago(40))
    assert _codes(exc.value) == {"reason_required"}
    step(rw, recruit, Step.REFUSE_ADMISSION, ago(40), reason="政审材料不全")
    recruit.refresh_from_db()
    assert recruit.stage == Stage.TARGET and recruit.admitted_on is None


def test_a_stale_version_is_refused(rw):
    recruit = apply(rw)
    with pytest.raises(ValidationError) as exc:
        services.recruit_step(
            actor=rw["users"]["secretary_a"],
            recruit=recruit,
            step=Step.ACTIVIST,
            version=recruit.version + 5,
            decided_on=ago(10),
        )
    assert _codes(exc.value) == {"stale"}
    _unchanged(recruit, Stage.APPLICANT, 1)


def test_probation_reminders_go_to_the_secretary_and_the_committee_once(rw):
    from lvxie.notifications.models import Notification

    recruit = apply(rw)
    to_probation(rw, recruit, admitted=350)  # ends in about 15 days
    Notification.objects.all().delete()
    sent = services.probation_reminders_send(today=today())
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"secretary_a", "party_futian", "party_city"} <= told and "party_nanshan" not in told
    assert sent == len(told)
    assert services.probation_reminders_send(today=today()) == 0  # once per record and end date


def test_the_reads_are_audited_like_the_member_list(rw):
    recruit = apply(rw)
    services.recruits_read(actor=rw["users"]["party_futian"], org=recruit.org, what="x")
    assert AuditEvent.objects.filter(action="party.members_read", object_id=str(recruit.org.pk)).exists()
    services.recruits_read(actor=rw["users"]["party_futian"], org=None, what="pipeline")
    assert AuditEvent.objects.filter(action="recruitment.read").exists()
    assert RecruitEvent.objects.count() == 1


def test_a_decision_links_the_branch_meeting_that_took_it(rw):
    from lvxie.orglife.choices import MeetingKind

    org = rw["orgs"]["a"]
    recruit = apply(rw)
    committee = held_meeting(org, MeetingKind.COMMITTEE, ago(800))
    # The date comes from the meeting
    step(rw, recruit, Step.ACTIVIST, None, meeting=committee.pk)
    recruit.refresh_from_db()
    event = recruit.events.get(step=Step.ACTIVIST)
    assert (recruit.activist_on, event.meeting, event.decided_on) == (ago(800), committee, ago(800))
    first, second = rw["introducers"]
    step(rw, recruit, Step.TARGET, ago(300), introducer_1=first.pk, introducer_2=second.pk)
    members = held_meeting(org, MeetingKind.MEMBERS, ago(200))
    step(rw, recruit, Step.ADMIT, ago(200), meeting=members.pk)
    assert Recruit.objects.get(pk=recruit.pk).events.get(step=Step.ADMIT).meeting == members


@pytest.mark.parametrize("which", ["committee", "planned", "other_org", "other_day", "approval"])
def test_a_meeting_that_cannot_have_decided_is_refused(rw, which):
    from lvxie.orglife.choices import MeetingKind

    org = rw["orgs"]["a"]
    recruit = apply(rw)
    step(rw, recruit, Step.ACTIVIST, ago(800))
    first, second = rw["introducers"]
    step(rw, recruit, Step.TARGET, ago(300), introducer_1=first.pk, introducer_2=second.pk)
    name, day = Step.ADMIT, ago(200)
    meeting = {
        "committee": lambda: held_meeting(org, MeetingKind.COMMITTEE, day),
        "planned": lambda: held_meeting(org, MeetingKind.MEMBERS, day, hold=False),
        "other_org": lambda: held_meeting(rw["orgs"]["n"], MeetingKind.MEMBERS, day),
        "other_day": lambda: held_meeting(org, MeetingKind.MEMBERS, ago(210)),
        "approval": lambda: held_meeting(org, MeetingKind.MEMBERS, day),
    }[which]()
    if which == "approval":
        step(rw, recruit, Step.ADMIT, ago(205))
        name = Step.APPROVE_ADMISSION
    code = {
        "committee": "meeting_kind",
        "planned": "meeting_not_held",
        "other_org": "unknown_meeting",
        "other_day": "meeting_date",
        "approval": "meeting_step",
    }[which]
    stage = Recruit.objects.get(pk=recruit.pk).stage
    events = Recruit.objects.get(pk=recruit.pk).events.count()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        step(rw, recruit, name, day, meeting=meeting.pk)
    assert _codes(exc.value) == {code}
    assert any(ord(c) > 127 for c in exc.value.messages[0])  # told in Chinese
    _unchanged(recruit, stage, events)
