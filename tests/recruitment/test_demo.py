"""The demo's member development: a few people at each step in the demo secretary's branch (with the
probationary year's end flagged for the secretary and the committee), and four years of history in other
branches for the counts page."""

from collections import Counter

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from lvxie.party.choices import MemberKind
from lvxie.recruitment import selectors
from lvxie.recruitment.choices import PersonKind, Stage
from lvxie.recruitment.models import Recruit
from lvxie.workflow.todo import todos_for
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def _secretary():
    return get_user_model().objects.get(username="secretary")


def test_the_demo_branch_has_people_at_each_step(demo):  # noqa: F811
    assert "member development records" in demo
    mine = Recruit.objects.visible_to(_secretary())
    stages = Counter(mine.values_list("stage", flat=True))
    for stage in (
        Stage.APPLICANT,
        Stage.ACTIVIST,
        Stage.TARGET,
        Stage.ADMISSION_PENDING,
        Stage.PROBATIONARY,
        Stage.CONVERSION_PENDING,
        Stage.FULL,
        Stage.STOPPED,
    ):
        assert stages[stage] >= 1, stage
    assert {PersonKind.LAWYER, PersonKind.TRAINEE, PersonKind.STAFF} <= set(
        mine.values_list("person_kind", flat=True)
    )
    # Every probationary or full lawyer is on the Party roll through the Party side's service
    for r in mine.filter(stage__in=(Stage.PROBATIONARY, Stage.FULL), person_kind=PersonKind.LAWYER):
        assert r.membership is not None
        assert r.membership.kind == (MemberKind.FULL if r.stage == Stage.FULL else MemberKind.PROBATIONARY)
    # Every target and beyond has two introducers, every step its reference
    for r in mine.exclude(stage__in=(Stage.APPLICANT, Stage.ACTIVIST, Stage.STOPPED)):
        assert r.introducer_1_id and r.introducer_2_id and r.introducer_1_id != r.introducer_2_id
    assert not mine.filter(events__reference="").exclude(events__step="stop").exists()
    # Each branch decision names the held meeting of the branch that took it, on its day
    from lvxie.recruitment.models import RecruitEvent

    decided = RecruitEvent.objects.filter(
        recruit__in=mine, step__in=("activist", "target", "admit", "convert")
    )
    assert decided.exists() and not decided.filter(meeting__isnull=True).exists()
    for event in decided.select_related("meeting", "recruit"):
        assert (event.meeting.org_id, event.meeting.date, event.meeting.status) == (
            event.recruit.org_id,
            event.decided_on,
            "held",
        )


def test_the_probationary_years_end_waits_for_the_secretary_and_the_committee(demo):  # noqa: F811
    with translation.override("en"):
        kinds = Counter(t.kind for t in todos_for(_secretary()))
        assert kinds["Probationary year ends: the branch meeting decides"] == 2
        staff = get_user_model().objects.get(username="party_futian")
        staff_kinds = Counter(t.kind for t in todos_for(staff))
    assert staff_kinds["Approve a member development step"] >= 2


def test_the_counts_have_years_of_history_across_the_city(demo, client):  # noqa: F811
    staff = get_user_model().objects.get(username="party_city")
    rows = selectors.counts(staff)
    years, totals = selectors.yearly_totals(rows)
    assert len(years) >= 3 and sum(totals["admitted"]) >= 5 and sum(totals["full"]) >= 3
    assert len({r.org_id for r in rows}) >= 5
    client.force_login(staff)
    assert client.get(reverse("recruitment:counts")).status_code == 200
    assert client.get(reverse("recruitment:pipeline")).status_code == 200
