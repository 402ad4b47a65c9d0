"""Calls for submissions end to end through the services: open, units submit, one returned and sent
again, accepted, two reviewers score, the combined result, export, publish; conflicts of interest,
hidden scores, late flags, changes kept with a reason, reminders."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from lvxie.calls import policies, selectors, services
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.kinds import CLASSIC_CASES
from lvxie.calls.models import ScoreRevision, weighted_total
from lvxie.calls.reports import results_pdf_bytes, results_xlsx_bytes
from lvxie.notifications.models import Notification
from lvxie.workflow.models import PublicationWindow
from lvxie.workflow.publication import published
from tests.calls.conftest import VALUES, make_call, points, sub

pytestmark = pytest.mark.django_db


def test_a_call_with_three_units_and_two_reviewers_end_to_end(cw):
    issuer, admins, firms = cw["issuer"], cw["admins"], cw["firms"]
    r1, r2 = cw["reviewers"]
    # Given a draft call to three firms with two reviewers
    call = make_call(cw)
    assert call.status == CallStatus.DRAFT and call.submissions.count() == 0
    # When the issuer opens it
    assert services.call_open(actor=issuer, call=call) == 3
    call.refresh_from_db()
    # Then each firm has a draft submission and its administrator was told
    assert call.status == CallStatus.OPEN
    assert set(call.submissions.values_list("status", flat=True)) == {SubmissionStatus.DRAFT}
    assert Notification.objects.filter(recipient=admins["a"], key=f"call:{call.pk}:opened").exists()
    # When the three firms fill in and submit
    for key in ("a", "b", "c"):
        s = sub(call, firms[key])
        services.submission_save(actor=admins[key], submission=s, values={**VALUES, "case_name": f"{key}案"})
        services.submission_submit(actor=admins[key], submission=s)
    # And the issuer returns B's with a reason
    b = services.submission_return(actor=issuer, submission=sub(call, firms["b"]), reason="请补充判决书")
    assert b.status == SubmissionStatus.RETURNED and b.return_reason == "请补充判决书"
    assert Notification.objects.filter(
        recipient=admins["b"], key__startswith=f"submission:{b.pk}:returned"
    ).exists()
    # Then B corrects and submits again, and the history keeps the return
    services.submission_save(actor=admins["b"], submission=b, values={**VALUES, "case_name": "乙案（补正）"})
    b = services.submission_submit(actor=admins["b"], submission=b)
    assert b.status == SubmissionStatus.SUBMITTED
    assert list(b.events.values_list("action", flat=True)) == ["save", "submit", "return", "save", "submit"]
    # When the issuer accepts all three
    for key in ("a", "b", "c"):
        services.submission_accept(actor=issuer, submission=sub(call, firms[key]))
    # And both reviewers score all three
    marks = {
        "a": (points(9, 9, 9, 9), points(9, 8, 9, 9)),
        "b": (points(5, 5, 5, 5), points(6, 6, 6, 6)),
        "c": (points(7, 7, 7, 7), points(8, 8, 8, 8)),
    }
    for key, (p1, p2) in marks.items():
        services.score_submit(actor=r1, submission=sub(call, firms[key]), points=p1)
        services.score_submit(actor=r2, submission=sub(call, firms[key]), points=p2)
    # Then the results combine the reviewers' weighted scores, best first
    rows = selectors.results(call)
    assert [r.unit for r in rows] == ["甲律师事务所", "丙律师事务所", "乙律师事务所"]
    assert [r.rank for r in rows] == [1, 2, 3]
    expected_a = (
        weighted_total(CLASSIC_CASES.criteria, points(9, 9, 9, 9))
        + weighted_total(CLASSIC_CASES.criteria, points(9, 8, 9, 9))
    ) / 2
    assert rows[0].total == expected_a.quantize(Decimal("0.01"))
    assert rows[0].criteria["impact"] == Decimal("8.50")
    assert rows[2].title == "乙案（补正）"
    # And the .xlsx opens with openpyxl and holds the table
    sheet = load_workbook(io.BytesIO(results_xlsx_bytes(call, rows))).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[1][1] == "甲律师事务所" and float(table[1][-1]) == float(rows[0].total)
    # And the PDF has the text
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(results_pdf_bytes(call, rows))).pages)
    flat = "".join(text.split())  # the PDF wraps long names inside their cells
    assert "甲律师事务所" in flat and call.title in flat and "88.5" in flat
    # When the issuer publishes the results
    services.result_publish(actor=issuer, call=call)
    call.refresh_from_db()
    # Then the call is published and its results are shown on the public site
    assert call.status == CallStatus.PUBLISHED
    assert [w.object_id for w in published(services.PUBLICATION_KIND)] == [str(call.pk)]
    assert [e["call"] for e in selectors.published_results()] == [call]
    # And every step left an audit event
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "call.create",
        "call.open",
        "submission.submit",
        "submission.return",
        "submission.accept",
        "review.score",
        "result.publish",
        "publication.create",
    } <= actions


def test_a_deadline_in_working_days_is_counted_from_the_day_it_opens(cw, settings):
    # Given a call due 10 working days after it opens, opened on Monday 2026-09-28
    with time_machine.travel(dt.datetime(2026, 9, 28, 9, tzinfo=dt.UTC), tick=False):
        call = make_call(cw, deadline=None, deadline_working_days=10)
        services.call_open(actor=cw["issuer"], call=call)
        call.refresh_from_db()
        # Then it is due on Friday 2026-10-16 (1–7 October off, Saturday 10 October worked)
        assert call.deadline == dt.date(2026, 10, 16)
        # And the label is the workflow clock's
        assert "2026-10-16" in selectors.deadline_label(call)


def test_a_submission_after_the_deadline_is_taken_and_flagged_late(cw, opened):
    s = sub(opened, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=s, values=VALUES)
    with time_machine.travel(timezone.now() + dt.timedelta(days=30), tick=False):
        s = services.submission_submit(actor=cw["admins"]["a"], submission=s)
    assert s.status == SubmissionStatus.SUBMITTED and s.late
    assert s.events.last().late


def test_a_submission_needs_its_required_fields_and_refuses_unknown_ones(cw, opened):
    s = sub(opened, cw["firms"]["a"])
    # A draft may be partial
    services.submission_save(actor=cw["admins"]["a"], submission=s, values={"case_name": "半成品"})
    # But it cannot be submitted so
    with pytest.raises(ValidationError) as error:
        services.submission_submit(actor=cw["admins"]["a"], submission=s)
    assert "summary" in error.value.message_dict
    # Nor take a field the kind does not declare, or a bad choice, number or date
    with pytest.raises(ValidationError) as error:
        services.submission_save(
            actor=cw["admins"]["a"],
            submission=s,
            values={"salary": "1", "practice_area": "x", "amount": "many", "concluded_on": "昨天"},
        )
    assert {"__all__", "practice_area", "amount", "concluded_on"} <= set(error.value.message_dict)


def test_only_the_units_people_fill_in_and_only_the_issuer_returns_or_accepts(cw, opened):
    s = sub(opened, cw["firms"]["a"])
    with pytest.raises(PermissionDenied):
        services.submission_save(actor=cw["admins"]["b"], submission=s, values=VALUES)
    services.submission_save(actor=cw["admins"]["a"], submission=s, values=VALUES)
    services.submission_submit(actor=cw["admins"]["a"], submission=s)
    with pytest.raises(PermissionDenied):
        services.submission_accept(actor=cw["admins"]["a"], submission=s)
    with pytest.raises(PermissionDenied):
        services.submission_accept(actor=cw["users"]["futian"], submission=s)  # a district under the city
    with pytest.raises(ValidationError):
        services.submission_return(actor=cw["issuer"], submission=s, reason="  ")
    # A submitted submission is not edited
    with pytest.raises(ValidationError):
        services.submission_save(actor=cw["admins"]["a"], submission=s, values=VALUES)


def test_a_stale_version_is_refused(cw, opened):
    s = sub(opened, cw["firms"]["a"])
    version = s.version
    services.submission_save(actor=cw["admins"]["a"], submission=s, values=VALUES, version=version)
    with pytest.raises(ValidationError) as error:
        services.submission_save(actor=cw["admins"]["a"], submission=s, values=VALUES, version=version)
    assert error.value.code == "stale"


def test_a_reviewer_from_the_submitting_firm_is_refused_with_a_reason(cw):
    # Given a call whose reviewers include a lawyer of firm A
    call = make_call(cw, reviewers=[*cw["reviewers"], cw["conflicted"]])
    services.call_open(actor=cw["issuer"], call=call)
    s = sub(call, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=s, values=VALUES)
    services.submission_submit(actor=cw["admins"]["a"], submission=s)
    services.submission_accept(actor=cw["issuer"], submission=s)
    # When that reviewer scores A's submission
    with pytest.raises(ValidationError) as error:
        services.score_submit(actor=cw["conflicted"], submission=s, points=points())
    # Then it is refused, saying why
    assert error.value.code == "conflict_of_interest"
    assert "律师事务所" in error.value.messages[0] or "law firm" in error.value.messages[0]
    assert not policies.allowed(cw["conflicted"], policies.REVIEW_SCORE, s)
    # And the scores the conflict rules out are not waited for
    services.score_submit(actor=cw["reviewers"][0], submission=s, points=points())
    services.score_submit(actor=cw["reviewers"][1], submission=s, points=points())
    assert services.missing_scores(call) == 0
    assert selectors.results(call)[0].total is not None


def test_scores_are_hidden_from_other_reviewers_until_all_have_scored(cw, accepted):
    r1, r2 = cw["reviewers"]
    s = sub(accepted, cw["firms"]["a"])
    services.score_submit(actor=r1, submission=s, points=points())
    # Then r2 sees no score, r1 only their own, the issuer none
    assert list(selectors.scores_visible_to(r2, s)) == []
    assert [x.reviewer for x in selectors.scores_visible_to(r1, s)] == [r1]
    assert list(selectors.scores_visible_to(cw["issuer"], s)) == []
    assert all(row.total is None for row in selectors.results(accepted))
    # When r2 scores too, everyone on the call sees both; a firm sees none
    services.score_submit(actor=r2, submission=s, points=points(1, 1, 1, 1))
    assert {x.reviewer for x in selectors.scores_visible_to(r2, s)} == {r1, r2}
    assert selectors.scores_visible_to(cw["issuer"], s).count() == 2
    assert list(selectors.scores_visible_to(cw["admins"]["a"], s)) == []


def test_a_changed_score_keeps_the_old_points_and_the_reason(cw, accepted):
    r1 = cw["reviewers"][0]
    s = sub(accepted, cw["firms"]["a"])
    first = services.score_submit(actor=r1, submission=s, points=points(2, 2, 2, 2))
    with pytest.raises(ValidationError):
        services.score_submit(actor=r1, submission=s, points=points(9, 9, 9, 9))  # no reason
    changed = services.score_submit(
        actor=r1, submission=s, points=points(9, 9, 9, 9), reason="误读了评分标准"
    )
    assert changed.pk == first.pk and changed.points["difficulty"] == 9
    revision = ScoreRevision.objects.get(score=changed)
    assert (
        revision.points["difficulty"] == 2
        and revision.total == first.total
        and revision.reason == "误读了评分标准"
    )
    assert AuditEvent.objects.filter(action="review.score_change").exists()


def test_points_outside_the_criteria_range_and_non_reviewers_are_refused(cw, accepted):
    s = sub(accepted, cw["firms"]["a"])
    with pytest.raises(ValidationError) as error:
        services.score_submit(actor=cw["reviewers"][0], submission=s, points=points(11, 7, 6, 5))
    assert "difficulty" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.score_submit(actor=cw["issuer"], submission=s, points=points())


def test_results_cannot_be_published_with_scores_missing(cw, accepted):
    services.score_submit(
        actor=cw["reviewers"][0], submission=sub(accepted, cw["firms"]["a"]), points=points()
    )
    with pytest.raises(ValidationError) as error:
        services.result_publish(actor=cw["issuer"], call=accepted)
    assert error.value.code == "scores_missing"
    assert not PublicationWindow.objects.exists()


def test_reviewers_must_cover_the_issuing_region(cw):
    with pytest.raises(ValidationError) as error:
        make_call(cw, reviewers=[cw["users"]["futian"]])
    assert "reviewers" in error.value.message_dict


def test_units_are_chosen_as_notices_choose_their_audience(cw):
    # All firms of Nanshan, from the city
    call = make_call(cw, audience_kind="subtree", audience_firms=[], audience_region=cw["regions"]["nanshan"])
    services.call_open(actor=cw["issuer"], call=call)
    assert set(call.submissions.values_list("firm__name", flat=True)) == {"丙律师事务所", "南山律师事务所"}
    # A district may not issue for the city
    with pytest.raises(PermissionDenied):
        services.call_create(
            actor=cw["users"]["futian"],
            title="x",
            kind="classic_cases",
            region=cw["regions"]["city"],
            deadline=timezone.localdate(),
        )


def test_reminders_go_to_units_before_the_deadline_and_to_reviewers_once_a_day(cw, accepted, settings):
    settings.LVXIE_DUE_SOON_WORKING_DAYS = 30
    # Given a second call with one unit still drafting
    other = make_call(cw, audience_firms=[cw["firms"]["c"]])
    services.call_open(actor=cw["issuer"], call=other)
    now = timezone.now()
    sent = services.call_reminders_send(now)
    # Then firm C's administrator and both reviewers of the first call were reminded
    assert Notification.objects.filter(
        recipient=cw["admins"]["c"], key__startswith=f"call:{other.pk}:due:"
    ).exists()
    for reviewer in cw["reviewers"]:
        assert Notification.objects.filter(
            recipient=reviewer, key__startswith=f"call:{accepted.pk}:review:"
        ).exists()
    assert sent == 3
    # And running the job again the same day sends nothing more
    assert services.call_reminders_send(now) == 0
