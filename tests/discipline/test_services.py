"""Every path of the case workflow, and every step refused out of order."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from lvxie.audit.models import AuditEvent
from lvxie.discipline import selectors, services
from lvxie.discipline.choices import CaseAction, CaseStatus, SanctionKind, SanctionStatus
from lvxie.discipline.models import CaseStage, Sanction
from lvxie.workflow.choices import ClockState
from lvxie.workflow.clocks import clock_due

from .conftest import step as take
from .conftest import to_deliberating

pytestmark = pytest.mark.django_db


def test_a_case_opens_under_investigation_on_a_clock(dw, case):
    assert case.status == CaseStatus.INVESTIGATING and case.number.startswith("JC")
    assert case.clock.state == ClockState.RUNNING and case.clock.budget_days == 60
    assert case.region == dw["regions"]["futian"] and case.officer == dw["officer"]
    assert CaseStage.objects.filter(case=case, state=CaseStatus.INVESTIGATING, left_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="discipline.case_open", object_id=str(case.pk)).exists()


def test_only_an_officer_over_the_district_opens_a_case(dw):
    for actor in (dw["officers"]["nanshan"], dw["users"]["futian"], dw["users"]["city"]):
        with pytest.raises(PermissionDenied):
            services.case_open(actor=actor, lawyer=dw["ft_lawyer"], conduct="fees", summary="x", facts="y")
    with pytest.raises(ValidationError):
        services.case_open(actor=dw["officer"], conduct="fees", summary="x", facts="y")


def test_hearing_not_asked_sanction_decided_no_review_final_and_published(dw, case):
    lawyer = dw["users"]["lawyer"]
    to_deliberating(case, dw["officer"], lawyer)
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIBERATING and not case.hearing_requested and case.answer
    case = take(case, dw["officer"], "decide", decision="censure", reason="违规收费属实。", publish_days=30)
    sanction = Sanction.objects.get(case=case)
    assert case.status == CaseStatus.DECIDED and sanction.status == SanctionStatus.DECIDED and sanction.public
    assert not selectors.published_sanctions()  # never while the review period is open
    with pytest.raises(ValidationError) as refused:
        take(case, dw["officer"], "finalize")
    assert refused.value.code == "period_open"
    due = clock_due(case.clock).date
    with time_machine.travel(
        timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9)))
    ):
        assert services.cases_finalize(timezone.now()) == 1
        case.refresh_from_db()
        sanction.refresh_from_db()
        assert case.status == CaseStatus.FINAL and sanction.status == SanctionStatus.FINAL
        assert [s.kind for s in selectors.published_sanctions()] == [str(SanctionKind.PUBLIC_CENSURE.label)]


def test_hearing_asked_and_held_then_no_sanction(dw, case):
    case = to_deliberating(case, dw["officer"], dw["users"]["lawyer"], hearing=True)
    assert case.hearing_requested and case.hearing_on == timezone.localdate() and case.hearing_record
    case = take(case, dw["officer"], "dismiss", reason="证据不足，不予处分。")
    assert case.status == CaseStatus.FINAL and case.sanction_kind == "" and case.final_on
    assert not Sanction.objects.filter(case=case).exists() and case.clock is None
    states = list(case.stages.values_list("state", flat=True))
    assert states == ["investigating", "notified", "hearing", "deliberating", "final"]
    assert all(s.working_days is not None for s in case.stages.all())


@pytest.mark.parametrize(("decision", "sanction_status"), [("granted", "revoked"), ("refused", "final")])
def test_review_granted_or_refused(dw, case, decision, sanction_status):
    lawyer = dw["users"]["lawyer"]
    to_deliberating(case, dw["officer"], lawyer)
    case = take(case, dw["officer"], "decide", decision="criticism", reason="违规收费属实。")
    case = take(case, lawyer, "request_review", reason="处分过重。")
    assert case.status == CaseStatus.UNDER_REVIEW
    assert Sanction.objects.get(case=case).status == SanctionStatus.UNDER_REVIEW
    assert not selectors.published_sanctions()  # never while a review is pending
    case = take(case, dw["officer"], "review", decision=decision, reason="复查意见。")
    assert case.status == CaseStatus.FINAL and case.review_decision == decision
    assert Sanction.objects.get(case=case).status == sanction_status
    assert len(selectors.published_sanctions()) == (1 if decision == "refused" else 0)
    assert [k for k, _label in selectors.documents(case)] == ["notice", "decision", "review"]


def test_no_answer_only_once_the_period_has_run_out(dw, case):
    case = take(case, dw["officer"], "notify", reason="告知事实。", investigation_record="调查记录。")
    with pytest.raises(ValidationError) as refused:
        take(case, dw["officer"], "no_answer")
    assert refused.value.code == "period_open"
    due = clock_due(case.clock).date
    with time_machine.travel(
        timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9)))
    ):
        case = take(case, dw["officer"], "no_answer")
        assert case.status == CaseStatus.DELIBERATING and not case.answer


def test_a_review_is_refused_once_its_period_has_ended(dw, case):
    to_deliberating(case, dw["officer"], dw["users"]["lawyer"])
    case = take(case, dw["officer"], "decide", decision="warning", reason="理由。")
    due = clock_due(case.clock).date
    with time_machine.travel(
        timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9)))
    ):
        with pytest.raises(ValidationError) as refused:
            take(case, dw["users"]["lawyer"], "request_review", reason="晚了。")
        assert refused.value.code == "period_over"


def test_notify_needs_the_investigation_record(dw, case):
    with pytest.raises(ValidationError) as refused:
        take(case, dw["officer"], "notify", reason="告知。")
    assert "investigation_record" in refused.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING


# Where each step may be taken from; every other stage refuses it.
FROM = {
    CaseAction.NOTIFY: {CaseStatus.INVESTIGATING},
    CaseAction.ANSWER: {CaseStatus.NOTIFIED},
    CaseAction.NO_ANSWER: {CaseStatus.NOTIFIED},
    CaseAction.ASK_HEARING: {CaseStatus.NOTIFIED},
    CaseAction.HOLD_HEARING: {CaseStatus.HEARING},
    CaseAction.DECIDE: {CaseStatus.DELIBERATING},
    CaseAction.DISMISS: {CaseStatus.DELIBERATING},
    CaseAction.REQUEST_REVIEW: {CaseStatus.DECIDED},
    CaseAction.REVIEW: {CaseStatus.UNDER_REVIEW},
    CaseAction.FINALIZE: {CaseStatus.DECIDED},
}


def test_the_declared_table_is_the_one_tested():
    declared = {t.name: set(t.sources) for t in services.CASE_WORKFLOW.transitions}
    assert declared == FROM


@pytest.mark.parametrize("state", list(CaseStatus))
def test_every_step_out_of_order_is_refused_and_changes_nothing(dw, case, state):
    type(case).objects.filter(pk=case.pk).update(status=state)
    case.refresh_from_db()
    for action, sources in FROM.items():
        if state in sources:
            continue
        with pytest.raises(ValidationError) as refused:
            take(case, None, action, reason="x", decision="warning")
        assert refused.value.code == "transition", action
        case.refresh_from_db()
        assert case.status == state and case.version == 1


def test_the_lawyer_may_not_take_the_officers_steps_nor_another_officer(dw, case):
    for actor in (dw["users"]["lawyer"], dw["officers"]["nanshan"], dw["users"]["futian"]):
        with pytest.raises(PermissionDenied):
            take(case, actor, "notify", reason="x", investigation_record="y")


def test_a_stale_version_is_refused(dw, case):
    with pytest.raises(ValidationError) as refused:
        take(case, dw["officer"], "notify", reason="x", investigation_record="y", version=case.version + 5)
    assert refused.value.code == "stale"


def test_publication_first_day_to_the_day_after_the_last_with_lvxie_tick(dw, case, client):
    to_deliberating(case, dw["officer"], dw["users"]["lawyer"])
    case = take(case, dw["officer"], "decide", decision="censure", reason="违规收费属实。", publish_days=10)
    first = clock_due(case.clock).date + dt.timedelta(days=1)
    last = first + dt.timedelta(days=9)

    def at(day, hour=0, minute=5):
        return time_machine.travel(
            timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))), tick=False
        )

    def shown() -> bool:
        return dw["ft_lawyer"].name in client.get("/public/sanctions/").content.decode()

    with at(first - dt.timedelta(days=1), 23, 50):
        call_command("tick", stdout=io.StringIO())
        assert not shown()
    with at(first):
        call_command("tick", stdout=io.StringIO())
        assert shown()  # on its first day
    with at(last, 23, 50):
        assert shown()  # still on its last day
    with at(last + dt.timedelta(days=1)):
        call_command("tick", stdout=io.StringIO())
        assert not shown()  # gone the day after
        assert AuditEvent.objects.filter(action="publication.close").exists()


def test_a_complex_complaint_opens_its_case_and_the_outcome_closes_it(dw):
    from lvxie.complaints import services as complaint_services
    from lvxie.complaints.choices import ComplaintStatus
    from lvxie.complaints.models import Complaint

    complaint = make_complaint(dw)
    complaint = complaint_services.complaint_step(actor=dw["officer"], complaint=complaint, action="accept")
    complaint = complaint_services.complaint_step(
        actor=dw["officer"],
        complaint=complaint,
        action="triage_complex",
        criteria=["serious"],
        reason="情节严重",
    )
    case = complaint.disciplinary_case
    assert (
        case.source == "complaint"
        and case.lawyer == dw["ft_lawyer"]
        and case.status == CaseStatus.INVESTIGATING
    )
    to_deliberating(case, dw["officer"], dw["users"]["lawyer"])
    take(case, dw["officer"], "dismiss", reason="不予处分。")
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.status == ComplaintStatus.CLOSED and complaint.outcome == "decided"
    assert case.number in complaint.outcome_text


def make_complaint(dw):
    from lvxie.complaints import services as complaint_services

    intake = complaint_services.Intake(
        lawyer=dw["ft_lawyer"],
        conduct="fees",
        facts="律师另行收费。",
        complainant_name="王某",
        complainant_phone="13800000000",
    )
    return complaint_services.complaint_register(
        actor=dw["officer"], intake=intake, source="letter"
    ).complaint
