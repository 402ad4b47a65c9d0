"""What calls gained for commendations: categories with places per call (`Call.quotas`), kinds voted on
instead of scored (no criteria, no scores, not in the reviewers' to-do list), and the kind's own check
when a unit submits (`CallKind.on_submit`)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lvxie.calls import kinds, selectors, services
from lvxie.calls.choices import FieldType
from lvxie.calls.kinds import REVIEW_VOTE, CallKind, Category, Criterion, FieldSpec
from lvxie.notices.choices import AudienceKind
from tests.calls.conftest import make_call, sub

pytestmark = pytest.mark.django_db

SUBMITTED: list[int] = []


def _refuse_unless_named(submission) -> None:
    SUBMITTED.append(submission.pk)
    if submission.values.get("name") != "甲":
        raise ValidationError("只接受“甲”。", code="not_named")


VOTED = kinds.register(
    CallKind(
        code="test_voted",
        label="投票评选",
        fields=(FieldSpec("name", "名称", FieldType.TEXT),),
        criteria=(),
        review=REVIEW_VOTE,
        categories=(Category("gold", "金", 2), Category("silver", "银", 5)),
        on_submit=_refuse_unless_named,
        unit_kinds=("firm",),
    )
)


def _voted_call(cw, **fields):
    return make_call(cw, kind="test_voted", **fields)


def test_a_call_takes_places_per_category_with_the_defaults(cw):
    call = _voted_call(cw, quotas={"gold": 1})
    assert call.quotas == {"gold": 1, "silver": 5} and call.quota("silver") == 5
    with pytest.raises(ValidationError) as unknown:
        _voted_call(cw, quotas={"bronze": 1})
    assert unknown.value.error_dict["quotas"][0].code == "unknown_category"
    for bad in (0, 1001, "3", True):
        with pytest.raises(ValidationError) as refused:
            _voted_call(cw, quotas={"gold": bad})
        assert refused.value.error_dict["quotas"][0].code == "quota_range"
    updated = services.call_update(actor=cw["issuer"], call=call, quotas={"gold": 3, "silver": 4})
    assert updated.quotas == {"gold": 3, "silver": 4}


def test_a_kind_may_name_its_units(cw):
    with pytest.raises(ValidationError) as refused:
        _voted_call(cw, unit_kind="lawyer")
    assert refused.value.error_dict["unit_kind"][0].code == "unit_kind"


def test_a_kind_without_categories_keeps_no_quotas(cw):
    assert make_call(cw).quotas == {}


def test_a_kind_is_scored_or_voted_never_both():
    with pytest.raises(ValueError):
        kinds.register(
            CallKind(
                code="x", label="x", fields=(), criteria=(Criterion("a", "a", 10, 1),), review=REVIEW_VOTE
            )
        )
    with pytest.raises(ValueError):
        kinds.register(CallKind(code="y", label="y", fields=(), criteria=()))
    with pytest.raises(ValueError):
        kinds.register(
            CallKind(
                code="z",
                label="z",
                fields=(),
                criteria=(),
                review=REVIEW_VOTE,
                categories=(Category("a", "a", 0),),
            )
        )
    assert "test_voted" not in kinds.scored_kind_codes() and "classic_cases" in kinds.scored_kind_codes()


def test_a_voted_call_runs_the_kinds_check_on_submit_and_takes_no_scores(cw):
    call = _voted_call(cw, deadline=timezone.localdate() + dt.timedelta(days=5))
    services.call_open(actor=cw["issuer"], call=call)
    a = sub(call, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=a, values={"name": "乙"})
    with pytest.raises(ValidationError) as refused:
        services.submission_submit(actor=cw["admins"]["a"], submission=a)
    assert refused.value.code == "not_named" and SUBMITTED[-1] == a.pk
    a.refresh_from_db()
    assert a.status == "draft"
    services.submission_save(actor=cw["admins"]["a"], submission=a, values={"name": "甲"})
    services.submission_submit(actor=cw["admins"]["a"], submission=a)
    services.submission_accept(actor=cw["issuer"], submission=a)
    with pytest.raises(ValidationError) as not_scored:
        services.score_submit(actor=cw["reviewers"][0], submission=a, points={})
    assert not_scored.value.code == "not_scored"
    # Nothing to score in the reviewers' to-do list
    assert selectors.todos(cw["reviewers"][0], timezone.localdate()) == []
    assert call.audience_kind == AudienceKind.FIRMS
