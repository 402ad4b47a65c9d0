"""What calls gained for the secretaries' reports, for any kind: criteria rated on a scale (a grade kept
as its points), criteria and weights set for one call, marks the issuer sets on single submissions, a
kind whose results stay inside, and Party-side reads by administrators audited."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvxie.audit.models import AuditEvent
from lvxie.calls import kinds, services
from lvxie.calls.kinds import CallKind, Criterion, FieldSpec, Flag, Grade
from lvxie.calls.models import weighted_total
from tests.calls.conftest import VALUES, make_call, points, sub

pytestmark = pytest.mark.django_db

SCALE = (Grade("a", "优", 5), Grade("b", "良", 3), Grade("c", "差", 0))
RATED = kinds.register(
    CallKind(
        code="test_rated",
        label="rated",
        fields=(FieldSpec("case_name", "名称"),),
        criteria=(Criterion("q", "质量", 5, 3, scale=SCALE), Criterion("n", "数量", 10, 1)),
        flags=(Flag("shortlist", "入围"),),
        public_results=False,
    )
)


def _accepted(cw, call):
    call.refresh_from_db()
    a = sub(call, cw["firms"]["a"])
    values = {"case_name": "案"} if call.kind == RATED.code else VALUES
    services.submission_save(actor=cw["admins"]["a"], submission=a, values=values)
    services.submission_submit(actor=cw["admins"]["a"], submission=a)
    return services.submission_accept(actor=cw["issuer"], submission=a)


def test_a_criterion_on_a_scale_takes_a_grade_kept_as_its_points(cw):
    call = make_call(cw, kind="test_rated")
    services.call_open(actor=cw["issuer"], call=call)
    a = _accepted(cw, call)
    reviewer = cw["reviewers"][0]
    with pytest.raises(ValidationError) as refused:
        services.score_submit(actor=reviewer, submission=a, points={"q": 5, "n": 10})
    assert refused.value.error_dict["q"][0].code == "grade"
    score = services.score_submit(actor=reviewer, submission=a, points={"q": "b", "n": 10})
    # (3/5 × 3 + 10/10 × 1) / 4 = 0.7
    assert score.points == {"q": 3, "n": 10} and score.total == Decimal("70.00")
    assert RATED.criterion("q").grade(3) == SCALE[1]


def test_criteria_set_for_one_call_replace_the_kinds(cw):
    year = (Criterion("difficulty", "难度", 10, 1), Criterion("impact", "影响", 10, 3))
    call = make_call(cw, criteria=year)
    assert call.criteria_in_force == year
    services.call_open(actor=cw["issuer"], call=call)
    a = _accepted(cw, call)
    with pytest.raises(ValidationError):  # the kind's other criteria are unknown on this call
        services.score_submit(actor=cw["reviewers"][0], submission=a, points=points())
    score = services.score_submit(
        actor=cw["reviewers"][0], submission=a, points={"difficulty": 10, "impact": 0}
    )
    assert score.total == weighted_total(year, {"difficulty": 10, "impact": 0}) == Decimal("25.00")
    # Fixed once the call is open
    with pytest.raises(ValidationError):
        services.call_update(actor=cw["issuer"], call=call, criteria=(Criterion("x", "新", 10, 1),))


def test_bad_criteria_are_refused(cw):
    with pytest.raises(ValidationError) as refused:
        make_call(cw, criteria=(Criterion("x", "甲", 10, 0),))
    assert "criteria" in refused.value.error_dict
    with pytest.raises(ValueError):
        kinds.register(CallKind("bad", "bad", (), (Criterion("q", "q", 5, 1, scale=(Grade("a", "a", 6),)),)))


def test_marks_are_set_by_the_issuer(cw):
    call = make_call(cw, kind="test_rated")
    services.call_open(actor=cw["issuer"], call=call)
    a = sub(call, cw["firms"]["a"])
    assert services.submission_flag(actor=cw["issuer"], submission=a, flag="shortlist", on=True).flags == [
        "shortlist"
    ]
    with pytest.raises(ValidationError):
        services.submission_flag(actor=cw["issuer"], submission=a, flag="oral", on=True)
    with pytest.raises(PermissionDenied):
        services.submission_flag(actor=cw["admins"]["a"], submission=a, flag="shortlist", on=False)
    assert services.submission_flag(actor=cw["issuer"], submission=a, flag="shortlist", on=False).flags == []
    assert AuditEvent.objects.filter(action="submission.flag").count() == 2


def test_a_kind_may_keep_its_results_inside(cw):
    call = make_call(cw, kind="test_rated")
    services.call_open(actor=cw["issuer"], call=call)
    a = _accepted(cw, call)
    for reviewer in cw["reviewers"]:
        services.score_submit(actor=reviewer, submission=a, points={"q": "a", "n": 5})
    with pytest.raises(ValidationError) as refused:
        services.result_publish(actor=cw["issuer"], call=call)
    assert refused.value.code == "not_public"


def test_only_party_side_reads_by_administrators_are_audited(cw, opened):
    a = sub(opened, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=a, values=VALUES)
    services.party_read(actor=cw["issuer"], obj=a, what="page")
    services.party_read(actor=cw["issuer"], obj=opened, what="results")
    assert not AuditEvent.objects.filter(action="submission.party_read").exists()  # a firm's: not Party-side
