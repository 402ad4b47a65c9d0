"""Commendations and contests end to end through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from lvxie.calls import services as call_services
from lvxie.commendations import selectors, services
from lvxie.commendations.choices import NominationStatus, PrizeLevel
from lvxie.commendations.models import Honour, Prize
from lvxie.discipline.models import Sanction
from lvxie.workflow import publication
from lvxie.workflow import services as workflow_services
from lvxie.workflow.workdays import add_working_days
from tests.factories import LawyerFactory
from tests.party.world import member as add_member

from .conftest import fresh, party_round, send, unit, vote_all

pytestmark = pytest.mark.django_db


def test_a_round_from_nomination_to_award(cw, rnd, nominated):
    vote_all(cw, nominated, {"org": (True, True), "a_member": (True, True), "n_member": (True, True)})
    counts = services.panel_decide(actor=cw["issuer"], call=rnd)
    assert counts == {"recommended": 2, "declined": 1}
    # Over quota: one place for outstanding members; A's member has more votes, N's is over the places.
    declined = fresh(nominated["n_member"])
    assert declined.status == NominationStatus.NOT_RECOMMENDED
    assert declined.reason == gettext("Over the %(n)s places of the category.") % {"n": 1}
    assert declined.yes_votes == 2
    start = timezone.now()
    assert services.notice_open(actor=cw["issuer"], call=rnd, days=5, starts_at=start) == 2
    shown = selectors.notices_published()
    assert {e["name"] for e in shown} == {"A支部", nominated["a_member"].lawyer.name}
    assert set(shown[0]) == {"window", "name", "unit", "category", "call_title"}
    with pytest.raises(ValidationError) as refused:
        services.award_confirm(actor=cw["issuer"], call=rnd)
    assert refused.value.code == "notice_running"
    after = shown[0]["window"].ends_at + dt.timedelta(seconds=1)
    assert services.award_confirm(actor=cw["issuer"], call=rnd, now=after) == 2
    honours = Honour.objects.filter(call=rnd)
    assert honours.count() == 2 and all(h.party and not h.public for h in honours)
    assert fresh(nominated["org"]).status == NominationStatus.AWARDED


def test_an_upheld_objection_stops_that_award_only(cw, rnd, nominated):
    vote_all(cw, nominated, {"org": (True, True), "a_member": (True, True), "n_member": (False, False)})
    services.panel_decide(actor=cw["issuer"], call=rnd)
    services.notice_open(actor=cw["issuer"], call=rnd)
    window = publication.windows_of(fresh(nominated["a_member"]))[0]
    objection = workflow_services.objection_submit(window=window, text="该同志曾受到行业处分。")
    with pytest.raises(ValidationError) as waiting:
        services.award_confirm(actor=cw["issuer"], call=rnd, now=window.ends_at + dt.timedelta(seconds=1))
    assert waiting.value.code == "objections_waiting"
    with pytest.raises(PermissionDenied):
        services.objection_decide(
            actor=cw["users"]["party_nanshan"], objection=objection, upheld=True, reason="x"
        )
    services.objection_decide(actor=cw["issuer"], objection=objection, upheld=True, reason="经核实属实。")
    stopped = fresh(nominated["a_member"])
    assert stopped.status == NominationStatus.STOPPED and stopped.reason == "经核实属实。"
    assert {e["name"] for e in selectors.notices_published()} == {"A支部"}  # taken off the notice
    later = window.ends_at + dt.timedelta(seconds=1)
    assert services.award_confirm(actor=cw["issuer"], call=rnd, now=later) == 1
    assert not Honour.objects.filter(nomination=stopped).exists()


def test_the_notice_closes_on_time_in_working_days(cw, rnd, nominated):
    vote_all(cw, nominated, {"org": (True, True), "a_member": (False, False), "n_member": (False, False)})
    services.panel_decide(actor=cw["issuer"], call=rnd)
    start = timezone.make_aware(dt.datetime(2026, 9, 30, 9, 0))  # before the National Day holiday
    services.notice_open(actor=cw["issuer"], call=rnd, days=5, starts_at=start)
    window = publication.windows_of(fresh(nominated["org"]))[0]
    last_day = add_working_days(dt.date(2026, 9, 30), 5).date
    assert timezone.localdate(window.ends_at) == last_day and last_day > dt.date(2026, 10, 7)
    assert selectors.notices_published(window.ends_at - dt.timedelta(seconds=1))
    assert selectors.notices_published(window.ends_at) == []  # nothing after its window


@translation.override("en")
def test_an_ineligible_nominee_is_refused_with_the_reason(cw, rnd):
    sa, sec = unit(rnd, cw["orgs"]["a"]), cw["users"]["secretary_a"]
    newcomer = LawyerFactory(firm=cw["firms"]["a"], first_licensed_year=timezone.localdate().year - 2)
    with pytest.raises(ValidationError) as refused:  # not a member of A支部: not A's to nominate
        services.nominate(
            actor=sec, submission=sa, category="outstanding_member", nominee=newcomer, deeds="事迹"
        )
    assert refused.value.code == "ineligible" and "own" in " ".join(refused.value.messages)
    add_member(cw["orgs"]["a"], newcomer)
    with pytest.raises(ValidationError, match="2 years in practice; at least 3 are needed"):
        services.nominate(
            actor=sec, submission=sa, category="outstanding_member", nominee=newcomer, deeds="事迹"
        )
    member = cw["lawyers"]["a"][1]
    Sanction.objects.create(
        lawyer=member,
        region=member.region,
        kind="reprimand",
        decided_on=timezone.localdate(),
        reasons="违规收费",
    )
    with pytest.raises(ValidationError, match="Sanctioned within the last 5 years"):
        services.nominate(actor=sec, submission=sa, category="party_worker", nominee=member, deeds="事迹")
    with pytest.raises(ValidationError, match="own"):  # N支部's member is not A's to nominate
        services.nominate(
            actor=sec, submission=sa, category="party_worker", nominee=cw["lawyers"]["n"][0], deeds="事迹"
        )
    assert not sa.nominations.exists()


def test_a_unit_cannot_nominate_over_the_places(cw, rnd):
    sa, sec = unit(rnd, cw["orgs"]["a"]), cw["users"]["secretary_a"]
    first, second = cw["lawyers"]["a"][0], cw["lawyers"]["a"][1]
    services.nominate(actor=sec, submission=sa, category="outstanding_member", nominee=first, deeds="事迹")
    with pytest.raises(ValidationError) as refused:
        services.nominate(
            actor=sec, submission=sa, category="outstanding_member", nominee=second, deeds="事迹"
        )
    assert refused.value.code == "over_quota"


def test_submitting_checks_eligibility_again_and_a_return_asks_for_papers(cw, rnd):
    sa, sec = unit(rnd, cw["orgs"]["a"]), cw["users"]["secretary_a"]
    call_services.submission_save(actor=sec, submission=sa, values={"contact": "王", "opinion": "同意"})
    with pytest.raises(ValidationError) as empty:
        call_services.submission_submit(actor=sec, submission=sa)
    assert empty.value.code == "no_nominee"
    member = cw["lawyers"]["a"][0]
    services.nominate(actor=sec, submission=sa, category="outstanding_member", nominee=member, deeds="事迹")
    call_services.submission_submit(actor=sec, submission=sa)
    call_services.submission_return(actor=cw["issuer"], submission=sa, reason="请补充党组织意见材料。")
    services.nominate(
        actor=sec, submission=sa, category="advanced_org", nominee=cw["orgs"]["a"], deeds="事迹"
    )
    Sanction.objects.create(
        lawyer=member, region=member.region, kind="reprimand", decided_on=timezone.localdate(), reasons="违规"
    )
    with pytest.raises(ValidationError) as stale:
        call_services.submission_submit(actor=sec, submission=sa)
    assert stale.value.code == "ineligible"


def test_a_conflicted_panel_member_is_refused_and_votes_stay_hidden(cw, nominated):
    rnd = nominated["org"].call
    rnd_panel = [*cw["panel"], cw["conflicted"]]
    call_services.call_update(actor=cw["issuer"], call=rnd, reviewers=rnd_panel)
    with pytest.raises(
        PermissionDenied, match=gettext("This submission comes from your own Party organization.")
    ):
        services.vote_cast(actor=cw["conflicted"], nomination=nominated["org"], approve=True)
    services.vote_cast(actor=cw["conflicted"], nomination=nominated["n_member"], approve=True)
    panel1 = cw["panel"][0]
    services.vote_cast(actor=panel1, nomination=nominated["n_member"], approve=False)
    assert selectors.tally_visible_to(panel1, fresh(nominated["n_member"])) is None  # panel2 has not voted
    services.vote_cast(actor=cw["panel"][1], nomination=nominated["n_member"], approve=True)
    assert selectors.tally_visible_to(panel1, fresh(nominated["n_member"])) == (2, 1)
    with pytest.raises(ValidationError, match=gettext("Say why the vote changes.")):
        services.vote_cast(actor=panel1, nomination=nominated["n_member"], approve=True)
    vote = services.vote_cast(
        actor=panel1, nomination=nominated["n_member"], approve=True, reason="复核材料后改投"
    )
    assert vote.revisions.get().approve is False


def test_a_contest_gives_prizes_by_rank_and_publishes_the_collection(contest):
    call, judges, issuer = contest["call"], contest["judges"], contest["issuer"]
    for firm, mark in zip(contest["firms"], (9, 7, 5), strict=True):
        s = call.submissions.get(firm=firm)
        for judge in judges:
            call_services.score_submit(
                actor=judge, submission=s, points={"novelty": mark, "value": mark, "replicable": mark}
            )
    with pytest.raises(ValidationError):
        services.collection_publish(actor=issuer, call=call)
    prizes = services.prizes_award(actor=issuer, call=call, counts={"first": 1, "second": 1})
    assert [p.level for p in prizes] == [PrizeLevel.FIRST, PrizeLevel.SECOND]
    services.collection_publish(actor=issuer, call=call)
    shown = selectors.collections_published()
    assert [w["title"] for w in shown[0]["winners"]] == ["创新项目0", "创新项目1"]
    assert Honour.objects.filter(public=True, firm=contest["firms"][0]).exists()
    assert Prize.objects.count() == 2


def test_only_the_issuing_side_decides(cw, rnd, nominated):
    vote_all(cw, nominated, {"org": (True, True), "a_member": (True, True), "n_member": (True, True)})
    for actor in (cw["users"]["party_nanshan"], cw["users"]["secretary_a"], cw["users"]["city"]):
        with pytest.raises(PermissionDenied):
            services.panel_decide(actor=actor, call=rnd)


def test_a_second_round_is_independent(cw, rnd):
    other = party_round(cw)
    sa = unit(other, cw["orgs"]["a"])
    services.nominate(
        actor=cw["users"]["secretary_a"],
        submission=sa,
        category="advanced_org",
        nominee=cw["orgs"]["a"],
        deeds="事迹",
    )
    send(cw, other, cw["orgs"]["a"], cw["users"]["secretary_a"])
    assert sa.nominations.count() == 1


def test_a_panel_member_sees_the_round_to_vote_on_in_the_to_do_list(cw, rnd, nominated):
    today = timezone.localdate()
    panel1 = cw["panel"][0]
    assert [t.title for t in selectors.todos(panel1, today)] == [f"{rnd.title} · 3"]
    services.vote_cast(actor=panel1, nomination=nominated["org"], approve=True)
    assert [t.title for t in selectors.todos(panel1, today)] == [f"{rnd.title} · 2"]
    assert selectors.todos(cw["users"]["secretary_a"], today) == []
    call_services.call_update(actor=cw["issuer"], call=rnd, reviewers=[*cw["panel"], cw["conflicted"]])
    # The conflicted member may not vote on A支部's two: only N支部's waits for them
    assert [t.title for t in selectors.todos(cw["conflicted"], today)] == [f"{rnd.title} · 1"]
