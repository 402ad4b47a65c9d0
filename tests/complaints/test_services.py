"""Every path of the complaint workflow, the clocks it drives, the signals it sends, and every step
refused out of order."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.complaints import services, signals
from lvxie.complaints.choices import (
    AccessKind,
    ComplaintAction,
    ComplaintSource,
    ComplaintStatus,
    Outcome,
    Track,
)
from lvxie.complaints.models import Complaint
from lvxie.notifications.models import Notification
from lvxie.workflow.choices import ClockState
from lvxie.workflow.clocks import clock_status
from tests.complaints.conftest import CRITERIA, SECRET_NAME, accept, intake, step
from tests.factories import LawyerFactory, make_user

pytestmark = pytest.mark.django_db


def test_a_public_complaint_gets_a_number_a_code_kept_as_a_hash_and_the_acceptance_clock(cw, filed):
    complaint, code = filed
    assert complaint.number.startswith(f"TS{timezone.localdate():%Y}")
    assert complaint.region == cw["regions"]["futian"] and complaint.firm == cw["ft_firm"]
    assert code not in complaint.code_hash and complaint.code_matches(code)
    assert not complaint.code_matches("WRONG" + code[5:])
    clock = complaint.acceptance_clock
    assert clock.budget_days == services.ACCEPTANCE_DAYS and clock.state == ClockState.RUNNING
    assert complaint.source == ComplaintSource.ONLINE
    event = AuditEvent.objects.get(action="complaint.register")
    assert SECRET_NAME not in str(event.after) and "13900001111" not in str(event.after)


def test_the_complainant_is_emailed_of_each_change(cw, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_submit(intake=intake(cw)).complaint
    with django_capture_on_commit_callbacks(execute=True):
        accept(cw, complaint)
    assert [m.to for m in mail.outbox] == [["tousu@example.cn"]] * 2
    assert complaint.number in mail.outbox[1].subject and "已受理" in mail.outbox[1].subject
    assert "tousu@example.cn" not in mail.outbox[1].body


def test_accepted_then_simple_then_closed(cw, filed):
    complaint, _code = filed
    accept(cw, complaint)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ACCEPTED
    assert complaint.acceptance_clock.state == ClockState.STOPPED
    step(
        cw["officer"],
        complaint,
        ComplaintAction.TRIAGE_SIMPLE,
        decision=Track.MEDIATION,
        criteria=CRITERIA,
        reason="收费争议，双方同意调解",
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.SIMPLE and complaint.track == Track.MEDIATION
    assert complaint.triage_criteria == CRITERIA and complaint.triage_note == "收费争议，双方同意调解"
    assert complaint.handling_clock.budget_days == services.SIMPLE_DAYS
    closed = []

    def heard(sender, complaint, **kwargs):
        closed.append(complaint.pk)

    signals.complaint_closed.connect(heard)
    try:
        step(
            cw["officer"],
            complaint,
            ComplaintAction.CLOSE,
            decision=Outcome.MEDIATED,
            reason="退还部分代理费",
        )
    finally:
        signals.complaint_closed.disconnect(heard)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.outcome == Outcome.MEDIATED
    assert complaint.handling_clock.state == ClockState.STOPPED and complaint.closed_at is not None
    assert closed == [complaint.pk]


def test_complex_sends_the_signal_inside_the_transaction_with_a_long_clock(cw, filed):
    complaint, _code = filed
    accept(cw, complaint)
    seen = []

    def receiver(sender, complaint, actor, **kwargs):
        seen.append((complaint.status, actor))
        raise ValidationError("the case could not be opened", code="case")

    signals.complaint_triaged_complex.connect(receiver)
    try:
        with pytest.raises(ValidationError):
            step(cw["officer"], complaint, ComplaintAction.TRIAGE_COMPLEX, criteria=["serious"])
        complaint.refresh_from_db()
        assert complaint.status == ComplaintStatus.ACCEPTED  # rolled back with the receiver
    finally:
        signals.complaint_triaged_complex.disconnect(receiver)
    step(cw["officer"], complaint, ComplaintAction.TRIAGE_COMPLEX, criteria=["serious", "disputed"])
    complaint.refresh_from_db()
    assert seen == [(ComplaintStatus.COMPLEX, cw["officer"])]
    assert complaint.status == ComplaintStatus.COMPLEX and complaint.track == Track.INVESTIGATION
    assert complaint.handling_clock.budget_days == services.COMPLEX_DAYS
    step(
        cw["officer"],
        complaint,
        ComplaintAction.CLOSE,
        decision=Outcome.DISCIPLINE_DECIDED,
        reason="已作出处分决定",
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED


def test_more_papers_pause_the_clock_and_their_arrival_resumes_it(cw, filed):
    complaint, _code = filed
    step(cw["officer"], complaint, ComplaintAction.ASK_PAPERS, reason="请补充委托合同和收费票据")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.AWAITING_PAPERS
    assert complaint.papers_requested == "请补充委托合同和收费票据"
    clock = complaint.acceptance_clock
    assert clock.state == ClockState.PAUSED
    # Ten working days waiting do not count: the due date moves with them.
    later = timezone.localdate() + dt.timedelta(days=30)
    assert clock_status(clock, later).due.date > clock_status(clock, timezone.localdate()).due.date
    step(cw["officer"], complaint, ComplaintAction.PAPERS_RECEIVED)
    complaint.refresh_from_db()
    assert (
        complaint.status == ComplaintStatus.RECEIVED
        and complaint.acceptance_clock.state == ClockState.RUNNING
    )
    accept(cw, complaint)


def test_declined_with_a_written_reason(cw, filed):
    complaint, _code = filed
    with pytest.raises(ValidationError) as refused:
        step(cw["officer"], complaint, ComplaintAction.DECLINE, reason="  ")
    assert refused.value.error_dict["reason"][0].code == "reason_required"
    step(cw["officer"], complaint, ComplaintAction.DECLINE, reason="投诉事项不属于律师执业行为")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.DECLINED
    assert complaint.decision_reason == "投诉事项不属于律师执业行为"
    assert complaint.acceptance_clock.state == ClockState.STOPPED


def test_referred_elsewhere_names_the_body(cw, filed):
    complaint, _code = filed
    with pytest.raises(ValidationError) as refused:
        step(cw["officer"], complaint, ComplaintAction.REFER, reason="涉及法官")
    assert refused.value.error_dict["referred_to"][0].code == "required"
    step(
        cw["officer"], complaint, ComplaintAction.REFER, reason="涉及法官履职", referred_to="区人民法院纪检组"
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REFERRED and complaint.referred_to == "区人民法院纪检组"


def test_triage_needs_its_criteria_and_a_simple_procedure(cw, filed):
    complaint, _code = filed
    accept(cw, complaint)
    with pytest.raises(ValidationError) as refused:
        step(cw["officer"], complaint, ComplaintAction.TRIAGE_SIMPLE, decision=Track.MEDIATION)
    assert refused.value.error_dict["criteria"][0].code == "criteria_required"
    with pytest.raises(ValidationError) as refused:
        step(
            cw["officer"],
            complaint,
            ComplaintAction.TRIAGE_SIMPLE,
            decision=Track.INVESTIGATION,
            criteria=CRITERIA,
        )
    assert refused.value.error_dict["decision"][0].code == "decision_required"
    with pytest.raises(ValidationError):
        step(
            cw["officer"],
            complaint,
            ComplaintAction.TRIAGE_SIMPLE,
            decision=Track.MEDIATION,
            criteria=["nope"],
        )


ALLOWED_FROM = {
    ComplaintStatus.RECEIVED: {"accept", "ask_papers", "refer", "decline"},
    ComplaintStatus.AWAITING_PAPERS: {"papers_received", "refer", "decline"},
    ComplaintStatus.ACCEPTED: {"triage_simple", "triage_complex"},
    ComplaintStatus.SIMPLE: {"close"},
    ComplaintStatus.COMPLEX: {"close"},
    ComplaintStatus.REFERRED: set(),
    ComplaintStatus.DECLINED: set(),
    ComplaintStatus.CLOSED: set(),
}


@pytest.mark.parametrize("status", list(ALLOWED_FROM))
def test_every_step_out_of_order_is_refused_and_changes_nothing(cw, filed, status):
    complaint, _code = filed
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    for action in ComplaintAction.values:
        if action in ALLOWED_FROM[status]:
            continue
        complaint.refresh_from_db()
        version = complaint.version
        with pytest.raises(ValidationError) as refused:
            step(
                cw["officer"],
                complaint,
                action,
                reason="x",
                decision=Outcome.NO_BREACH,
                criteria=CRITERIA,
                referred_to="某机关",
            )
        assert refused.value.code == "transition"
        complaint.refresh_from_db()
        assert complaint.status == status and complaint.version == version


def test_a_stale_version_is_refused(cw, filed):
    complaint, _code = filed
    with pytest.raises(ValidationError) as refused:
        services.complaint_step(actor=cw["officer"], complaint=complaint, action="accept", version=99)
    assert refused.value.code == "stale"


def test_only_the_officers_over_it_and_its_handlers_take_steps(cw, filed):
    complaint, _code = filed
    for outsider in (cw["officer_ns"], cw["users"]["futian"], cw["users"]["lawyer"], cw["staff"]):
        with pytest.raises(PermissionDenied):
            step(outsider, complaint, ComplaintAction.ACCEPT)
    services.complaint_name(
        actor=cw["officer"], complaint=complaint, user=cw["staff"], kind=AccessKind.READER
    )
    with pytest.raises(PermissionDenied):
        step(cw["staff"], complaint, ComplaintAction.ACCEPT)
    services.complaint_name(
        actor=cw["officer"], complaint=complaint, user=cw["staff"], kind=AccessKind.HANDLER
    )
    step(cw["staff"], complaint, ComplaintAction.ACCEPT)
    step(cw["officer_city"], complaint, ComplaintAction.TRIAGE_COMPLEX, criteria=["serious"])


def test_no_handler_from_the_firm_complained_of_or_with_a_declared_conflict(cw, filed):
    complaint, _code = filed
    colleague = make_user(
        Role.CITY_ADMIN, region=cw["regions"]["city"], lawyer=LawyerFactory(firm=cw["ft_firm"])
    )
    for user in (cw["users"]["firm"], cw["users"]["lawyer"], colleague):
        with pytest.raises(ValidationError) as refused:
            services.complaint_name(
                actor=cw["officer"], complaint=complaint, user=user, kind=AccessKind.HANDLER
            )
        assert refused.value.error_dict["user"][0].code == "conflict"
    services.complaint_name(
        actor=cw["officer"], complaint=complaint, user=cw["staff"], kind=AccessKind.HANDLER
    )
    services.conflict_declare(actor=cw["staff"], complaint=complaint, note="曾代理该律师的案件")
    assert not complaint.access.filter(user=cw["staff"]).exists()
    with pytest.raises(ValidationError) as refused:
        services.complaint_name(
            actor=cw["officer"], complaint=complaint, user=cw["staff"], kind=AccessKind.READER
        )
    assert refused.value.error_dict["user"][0].code == "conflict"
    with pytest.raises(PermissionDenied):
        services.complaint_name(
            actor=cw["officer_ns"], complaint=complaint, user=cw["staff"], kind=AccessKind.HANDLER
        )


def test_staff_register_a_referral_with_its_source(cw):
    done = services.complaint_register(
        actor=cw["officer"],
        intake=intake(cw, confidential=False),
        source=ComplaintSource.HOTLINE,
        received_on=timezone.localdate() - dt.timedelta(days=3),
        referring_body="12348公共法律服务热线",
        referring_reference="RX-2026-0001",
    )
    assert done.complaint.source == ComplaintSource.HOTLINE and done.complaint.created_by == cw["officer"]
    with pytest.raises(ValidationError) as refused:
        services.complaint_register(actor=cw["officer"], intake=intake(cw), source=ComplaintSource.COURT)
    assert "referring_body" in refused.value.error_dict
    with pytest.raises(PermissionDenied):
        services.complaint_register(actor=cw["officer_ns"], intake=intake(cw), source=ComplaintSource.LETTER)
    with pytest.raises(PermissionDenied):
        services.complaint_register(
            actor=cw["users"]["futian"], intake=intake(cw), source=ComplaintSource.LETTER
        )
    with pytest.raises(ValidationError) as refused:
        services.complaint_register(
            actor=cw["officer"],
            intake=intake(cw),
            source=ComplaintSource.LETTER,
            received_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert refused.value.error_dict["received_on"][0].code == "future"


def test_bad_intake_is_refused_and_nothing_saved(cw):
    with pytest.raises(ValidationError) as refused:
        services.complaint_submit(intake=intake(cw, lawyer=None))
    assert refused.value.error_dict["lawyer"][0].code == "required"
    with pytest.raises(ValidationError):
        services.complaint_submit(intake=intake(cw, firm=cw["ns_firm"]))
    with pytest.raises(ValidationError):
        services.complaint_submit(intake=intake(cw, facts="长" * (services.FACTS_MAX + 1)))
    assert not Complaint.objects.exists()


def test_overdue_acceptance_is_marked_by_the_tick_and_the_handler_told(cw):
    from lvxie.workflow.services import clocks_overdue_mark

    done = services.complaint_register(
        actor=cw["officer"],
        intake=intake(cw),
        source=ComplaintSource.LETTER,
        received_on=timezone.localdate() - dt.timedelta(days=40),
    )
    services.complaint_name(
        actor=cw["officer"], complaint=done.complaint, user=cw["staff"], kind=AccessKind.HANDLER
    )
    assert clocks_overdue_mark(timezone.now()) == 1
    done.complaint.acceptance_clock.refresh_from_db()
    assert done.complaint.acceptance_clock.overdue_marked_at is not None
    assert Notification.objects.filter(
        recipient=cw["staff"], key=f"clock:{done.complaint.acceptance_clock_id}:overdue"
    ).exists()
