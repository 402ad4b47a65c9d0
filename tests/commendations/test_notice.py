"""The public notice (`selectors.notices_published`) for every kind of nominee, pinned to what the
nomination itself says (`Nomination.name`, `unit_name`, `category_label`): a lawyer of a firm (the
firm), a lawyer outside a firm (the employer, else the nominating unit), a firm, a Party organization,
nominated by a firm, a Party organization or a lawyer; a category the kind no longer has (its code);
newest window first; closed, withdrawn and other kinds' windows, and a window whose nomination is
gone, are not shown."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from lvxie.calls.models import Submission
from lvxie.commendations import selectors
from lvxie.commendations.choices import NominationStatus
from lvxie.commendations.models import Nomination
from lvxie.commendations.services import NOTICE_KIND
from lvxie.workflow.models import PublicationWindow
from tests.factories import LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(cw, rnd):
    now = timezone.now()
    regions, orgs = cw["regions"], cw["orgs"]
    firm = LawFirmFactory(name="海岸律师事务所", region=regions["futian"])
    at_firm = LawyerFactory(name="林律师", firm=firm)
    corporate = LawyerFactory(name="郑律师", firm=None, region=regions["futian"], employer="某科技公司")
    public = LawyerFactory(name="吴律师", firm=None, region=regions["nanshan"], employer="")
    by_org = Submission.objects.get(call=rnd, party_org=orgs["a"])
    by_firm = Submission.objects.create(call=rnd, firm=firm, region=regions["futian"])
    by_lawyer = Submission.objects.create(call=rnd, lawyer=public, region=regions["nanshan"])
    nominees = [
        (by_org, "advanced_org", {"party_org": orgs["a"]}),
        (by_org, "outstanding_member", {"lawyer": at_firm}),
        (by_org, "outstanding_member", {"lawyer": corporate}),
        (by_org, "party_worker", {"lawyer": public}),
        (by_firm, "outstanding_member", {"lawyer": public}),
        (by_lawyer, "party_worker", {"lawyer": corporate}),
        (by_lawyer, "retired_category", {"lawyer": at_firm}),
        (by_firm, "advanced_org", {"firm": firm}),
        (by_lawyer, "advanced_org", {"party_org": orgs["n"]}),
    ]
    rows = [
        Nomination.objects.create(
            call=rnd,
            submission=s,
            category=category,
            deeds="事迹。",
            status=NominationStatus.IN_NOTICE,
            **who,
        )
        for s, category, who in nominees
    ]
    kind = ContentType.objects.get_for_model(Nomination)

    def window(nomination, starts, ends, **fields):
        return PublicationWindow.objects.create(
            content_type=kind,
            object_id=str(nomination.pk),
            kind=fields.pop("kind", NOTICE_KIND),
            title=str(nomination),
            scope_path=regions["city"].path,
            party=True,
            starts_at=now + dt.timedelta(hours=starts),
            ends_at=now + dt.timedelta(hours=ends),
            **fields,
        )

    shown = [window(n, -index, 48) for index, n in enumerate(rows)]
    shown.append(window(rows[0], -1, 24))  # a second window of one nomination, shown twice
    window(rows[1], -48, -1)  # closed
    window(rows[2], -2, 48, withdrawn_at=now - dt.timedelta(minutes=1))
    window(rows[3], -2, 48, kind="calls.results")
    gone = Nomination.objects.create(
        call=rnd, submission=by_org, category="party_worker", party_org=orgs["n"], deeds="事迹。"
    )
    window(gone, -3, 48)
    gone.delete()
    return {"rows": rows, "shown": sorted(shown, key=lambda w: (w.starts_at, w.pk), reverse=True)}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_notice_shows_each_nominee_as_the_nomination_names_them(notice, language):
    by_id = {n.pk: Nomination.objects.get(pk=n.pk) for n in notice["rows"]}
    with translation.override(language):
        expected = [
            {
                "window": w,
                "name": by_id[int(w.object_id)].name,
                "unit": by_id[int(w.object_id)].unit_name,
                "category": by_id[int(w.object_id)].category_label,
                "call_title": by_id[int(w.object_id)].call.title,
            }
            for w in notice["shown"]
        ]
        shown = selectors.notices_published()
    assert shown == expected
    assert [type(e["window"]) for e in shown] == [PublicationWindow] * len(expected)
    assert [e["window"].ends_at for e in shown] == [w.ends_at for w in notice["shown"]]
    assert {(e["name"], e["unit"]) for e in shown} >= {
        ("林律师", "海岸律师事务所"),
        ("郑律师", "某科技公司"),
        ("吴律师", "A支部"),
        ("吴律师", "海岸律师事务所"),
        ("郑律师", "某科技公司"),
        ("海岸律师事务所", "海岸律师事务所"),
        ("N支部", "吴律师"),
    }
    assert "retired_category" in {e["category"] for e in shown}


def test_one_notice_by_its_window(notice):
    first = notice["shown"][0]
    assert selectors.notice_published(first.pk)["window"] == first
    assert selectors.notice_published(-1) is None


def test_the_list_page_and_the_api_read_nothing_more_of_a_window(notice, django_assert_num_queries):
    shown = selectors.notices_published()
    with django_assert_num_queries(0):
        read = [(e["window"].pk, e["window"].ends_at) for e in shown]  # the link and "shown until"
    assert read == [(w.pk, w.ends_at) for w in notice["shown"]]
