"""The year's review end to end: opened to three branches (one oral), written in four parts, one report
returned as incomplete and sent again, accepted, rated by the panel (grades hidden from each other until
both have rated, a change kept with its reason), combined and banded; a conflict of interest refused;
a shortcoming put in the branch's ledger in one step; the window shutting on time in working days."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lvxie.audit.models import AuditEvent
from lvxie.calls import selectors as calls_selectors
from lvxie.calls import services as calls
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.models import ScoreRevision
from lvxie.ledgers.models import Ledger
from lvxie.secretary_reports import selectors, services
from lvxie.secretary_reports.choices import Rating
from lvxie.secretary_reports.kinds import ORAL, band, rated
from lvxie.workflow.workdays import add_working_days
from tests.secretary_reports.conftest import REPORT, grades, open_review, report_of, write_and_send

pytestmark = pytest.mark.django_db


def test_a_review_from_opening_to_its_ratings(rw, review):
    orgs, issuer = rw["orgs"], rw["issuer"]
    assert review.party and review.status == CallStatus.OPEN
    assert review.submissions.count() == 3
    assert [s.party_org for s in review.submissions.all() if ORAL in s.flags] == [orgs["a"]]
    # The deadline: ten working days from the day it opened
    assert review.deadline == add_working_days(timezone.localdate(review.opened_at), 10).date

    # A report without its shortcomings is not sent
    a = report_of(review, orgs["a"])
    calls.submission_save(actor=rw["secretaries"]["a"], submission=a, values={**REPORT, "shortcomings": ""})
    with pytest.raises(ValidationError) as refused:
        calls.submission_submit(actor=rw["secretaries"]["a"], submission=a)
    assert "shortcomings" in refused.value.error_dict
    # Sent, then returned by the committee as incomplete, corrected and sent again
    calls.submission_save(
        actor=rw["secretaries"]["a"], submission=a, values={**REPORT, "shortcomings": "不足。"}
    )
    calls.submission_submit(actor=rw["secretaries"]["a"], submission=a)
    calls.submission_return(actor=issuer, submission=a, reason="“不足”过于简略，请补充具体问题和原因。")
    a.refresh_from_db()
    assert a.status == SubmissionStatus.RETURNED and "过于简略" in a.return_reason
    calls.submission_save(actor=rw["secretaries"]["a"], submission=a, values=REPORT)
    calls.submission_submit(actor=rw["secretaries"]["a"], submission=a)
    for s in (a, write_and_send(rw, review, "joint"), write_and_send(rw, review, "n")):
        calls.submission_accept(actor=issuer, submission=s)
    a.refresh_from_db()
    assert [e.action for e in a.events.all()] == [
        "save",
        "save",
        "submit",
        "return",
        "save",
        "submit",
        "accept",
    ]

    # The panel rates; the first one's grades stay hidden from the second until both have rated
    first, second = rw["panel"]
    calls.score_submit(actor=first, submission=a, points=grades())
    assert list(calls_selectors.scores_visible_to(second, a)) == []
    calls.score_submit(actor=second, submission=a, points=grades(practice="fairly_good"))
    assert len(calls_selectors.scores_visible_to(second, a)) == 2
    # A change after rating keeps the old grades with the reason
    with pytest.raises(ValidationError):
        calls.score_submit(actor=second, submission=a, points=grades(practice="average"))
    calls.score_submit(actor=second, submission=a, points=grades(), reason="复核后改为“好”")
    assert ScoreRevision.objects.get(score__reviewer=second).reason == "复核后改为“好”"

    j, n = report_of(review, orgs["joint"]), report_of(review, orgs["n"])
    for reviewer in rw["panel"]:
        calls.score_submit(
            actor=reviewer, submission=j, points=grades("fairly_good", "fairly_good", "good", "average")
        )
        calls.score_submit(actor=reviewer, submission=n, points=grades("poor", "average", "average", "poor"))
    table = selectors.year_table(issuer, review)
    assert [(r.party_org_id, r.oral, r.total, r.rating) for r in table] == [
        (orgs["a"].pk, True, Decimal("100.00"), Rating.GOOD),
        # 8×30 + 8×25 + 10×25 + 6×20 = 810 of 1000
        (orgs["joint"].pk, False, Decimal("81.00"), Rating.FAIRLY_GOOD),
        # 3×30 + 6×25 + 6×25 + 3×20 = 450
        (orgs["n"].pk, False, Decimal("45.00"), Rating.POOR),
    ]
    assert dict(selectors.rating_counts(table)) == {
        Rating.GOOD: 1,
        Rating.FAIRLY_GOOD: 1,
        Rating.AVERAGE: 0,
        Rating.POOR: 1,
    }


def test_the_bands_of_a_combined_score():
    assert [band(Decimal(v)) for v in ("90", "89.99", "75", "60", "59.99")] == [
        Rating.GOOD,
        Rating.FAIRLY_GOOD,
        Rating.FAIRLY_GOOD,
        Rating.AVERAGE,
        Rating.POOR,
    ]
    assert band(None) is None


def test_a_reviewer_never_rates_their_own_organizations_report(rw, accepted):
    review = accepted
    calls.call_update(actor=rw["issuer"], call=review, reviewers=[*rw["panel"], rw["conflicted"]])
    a = report_of(review, rw["orgs"]["a"])
    with pytest.raises(ValidationError) as refused:
        calls.score_submit(actor=rw["conflicted"], submission=a, points=grades())
    assert refused.value.code == "conflict_of_interest"
    assert "党组织" in refused.value.messages[0]
    # ...but rates the others, and is not counted as missing on A's
    calls.score_submit(actor=rw["conflicted"], submission=report_of(review, rw["orgs"]["n"]), points=grades())
    for reviewer in rw["panel"]:
        calls.score_submit(actor=reviewer, submission=a, points=grades())
    assert calls_selectors.all_scored(review, a)


def test_the_years_criteria_and_weights(rw):
    review = open_review(
        rw, criteria=[rated("c1", "履行第一责任人职责", 60), rated("c2", "党建引领业务", 40)]
    )
    assert [c.code for c in review.criteria_in_force] == ["c1", "c2"]
    for key in ("a",):
        s = write_and_send(rw, review, key)
        calls.submission_accept(actor=rw["issuer"], submission=s)
    a = report_of(review, rw["orgs"]["a"])
    with pytest.raises(ValidationError) as refused:
        calls.score_submit(actor=rw["panel"][0], submission=a, points=grades())
    assert "__all__" in refused.value.error_dict  # last year's criteria are unknown this year
    score = calls.score_submit(actor=rw["panel"][0], submission=a, points={"c1": "good", "c2": "average"})
    assert score.points == {"c1": 10, "c2": 6} and score.total == Decimal("84.00")


def test_oral_marks_are_the_committees(rw, review):
    n = report_of(review, rw["orgs"]["n"])
    services.oral_mark(actor=rw["issuer"], submission=n, oral=True)
    n.refresh_from_db()
    assert n.flags == [ORAL]
    services.oral_mark(actor=rw["issuer"], submission=n, oral=False)
    n.refresh_from_db()
    assert n.flags == []
    for actor in (
        rw["secretaries"]["n"],
        rw["users"]["party_nanshan"],
        rw["users"]["city"],
        rw["firm_admin_a"],
    ):
        with pytest.raises(PermissionDenied):
            services.oral_mark(actor=actor, submission=n, oral=True)
    assert AuditEvent.objects.filter(action="submission.flag").count() == 3  # A marked at opening


def test_opening_refuses_bad_choices_and_changes_nothing(rw):
    orgs = rw["orgs"]
    for fields, field in (
        ({"orgs": []}, "orgs"),
        ({"orgs": [orgs["futian"]]}, "orgs"),  # an industry committee does not report
        ({"orgs": [orgs["a"]], "oral_orgs": [orgs["n"]]}, "oral_orgs"),
        ({"year": 1900}, "year"),
        ({"reviewers": [rw["users"]["city"]]}, "reviewers"),  # the bar's staff: not the Party side
    ):
        with pytest.raises(ValidationError) as refused:
            open_review(rw, **fields)
        assert field in refused.value.error_dict, fields
    from lvxie.calls.models import Call

    assert not Call.objects.exists()
    for actor in (rw["users"]["city"], rw["users"]["party_futian"], rw["secretaries"]["a"]):
        with pytest.raises(PermissionDenied):
            services.review_open(
                actor=actor,
                region=rw["regions"]["city"],
                year=2025,
                orgs=[orgs["a"]],
                reviewers=rw["panel"],
                deadline_working_days=10,
            )


def test_a_shortcoming_becomes_a_ledger_item_in_one_step(rw, accepted):
    a = report_of(accepted, rw["orgs"]["a"])
    deadline = timezone.localdate() + dt.timedelta(days=60)
    item = services.shortcoming_to_ledger(
        actor=rw["panel"][0],
        submission=a,
        problem="对青年律师的政治引领不够",
        goal="每年发展一名入党积极分子",
        measures="建立青年律师联系制度",
        responsible="A支部书记",
        deadline=deadline,
    )
    ledger = item.ledger
    assert ledger.party_org == rw["orgs"]["a"] and ledger.campaign == services.CAMPAIGN
    assert item.number == f"{ledger.year}-001" and item.deadline == deadline
    second = services.shortcoming_to_ledger(
        actor=rw["issuer"],
        submission=a,
        problem="组织生活形式单一",
        goal="创新主题党日",
        measures="每季度一次",
        responsible="A支部书记",
        deadline=deadline,
    )
    assert second.ledger == ledger and second.number.endswith("-002")  # one ledger for the year
    assert AuditEvent.objects.filter(action="secretary_report.shortcoming").count() == 2
    # Not the organization's own secretary, not A's firm administrator, not another district's committee
    for actor in (rw["secretaries"]["a"], rw["firm_admin_a"], rw["users"]["party_nanshan"]):
        with pytest.raises(PermissionDenied):
            services.shortcoming_to_ledger(
                actor=actor,
                submission=a,
                problem="x",
                goal="y",
                measures="z",
                responsible="r",
                deadline=deadline,
            )
    # A report not yet accepted has no shortcomings named by the panel
    draft = open_review(rw, orgs=[rw["orgs"]["joint"]], oral_orgs=[])
    with pytest.raises(ValidationError):
        services.shortcoming_to_ledger(
            actor=rw["issuer"],
            submission=report_of(draft, rw["orgs"]["joint"]),
            problem="x",
            goal="y",
            measures="z",
            responsible="r",
            deadline=deadline,
        )
    assert Ledger.objects.count() == 1


def test_the_window_shuts_on_time_in_working_days(rw):
    # Opened on Friday 2026-01-09: ten working days later is Friday 2026-01-23
    opened = timezone.make_aware(dt.datetime(2026, 1, 9, 9, 0))
    review = open_review(rw, opened_at=opened)
    assert review.deadline == dt.date(2026, 1, 23)
    write_and_send(rw, review, "joint")
    on_the_day = timezone.make_aware(dt.datetime(2026, 1, 23, 23, 0))
    assert services.reviews_close_due(on_the_day) == 0
    review.refresh_from_db()
    assert review.status == CallStatus.OPEN
    assert services.reviews_close_due(timezone.make_aware(dt.datetime(2026, 1, 24, 0, 30))) == 1
    review.refresh_from_db()
    assert review.status == CallStatus.REVIEWING
    # Closed: a report not sent can no longer be sent...
    with pytest.raises(ValidationError) as refused:
        calls.submission_save(
            actor=rw["secretaries"]["a"], submission=report_of(review, rw["orgs"]["a"]), values=REPORT
        )
    assert refused.value.code == "closed"
    # ...but one returned for correction still comes back
    joint = report_of(review, rw["orgs"]["joint"])
    calls.submission_return(actor=rw["issuer"], submission=joint, reason="请补充成效部分的具体数据。")
    calls.submission_save(actor=rw["secretaries"]["joint"], submission=joint, values=REPORT)
    assert calls.submission_submit(actor=rw["secretaries"]["joint"], submission=joint).status == "submitted"


def test_the_results_stay_inside(rw, accepted):
    for s in accepted.submissions.all():
        for reviewer in rw["panel"]:
            calls.score_submit(actor=reviewer, submission=s, points=grades())
    with pytest.raises(ValidationError) as refused:
        calls.result_publish(actor=rw["issuer"], call=accepted)
    assert refused.value.code == "not_public"
