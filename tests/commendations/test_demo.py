"""The demo: a commendation round in public notice (one objection waiting), last year's contest with
its prizes and the collection on the public site."""

from django.urls import reverse

from lvxie.calls.models import Call
from lvxie.commendations import selectors
from lvxie.commendations.choices import NominationStatus
from lvxie.commendations.models import Honour, Nomination, Prize
from lvxie.workflow.models import Objection
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_demo_has_a_round_in_public_notice_and_a_finished_contest(client, demo):  # noqa: F811
    rnd = Call.objects.get(kind="party_commendation")
    statuses = set(Nomination.objects.filter(call=rnd).values_list("status", flat=True))
    assert NominationStatus.IN_NOTICE in statuses
    shown = selectors.notices_published()
    assert shown and all(e["call_title"] == rnd.title for e in shown)
    assert Objection.objects.filter(window__kind="commendations.notice", decision="").count() == 1
    contest = Call.objects.get(kind="innovation_contest")
    assert Prize.objects.filter(call=contest).count() == 6
    assert [e["call"] for e in selectors.collections_published()] == [contest]
    assert Honour.objects.filter(call=contest, public=True).count() == 6
    assert "commendation nominations" in demo and "contest prizes" in demo
    page = client.get(reverse("public:commendation_notices"))
    assert shown[0]["name"] in page.content.decode()
