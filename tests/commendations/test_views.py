"""Pages and API of commendations and contests as anonymous, in-scope, out-of-scope and non-Party users
(a Party round is Party-side data: the bar's staff and firms get 404), and the flow through the pages
and the API: nominate (an ineligible nominee refused with the reason), vote (a conflict refused),
count, open the public notice, object on the public site, decide, award; a contest's prizes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.calls import services as call_services
from lvxie.commendations import selectors, services
from lvxie.commendations.choices import NominationStatus
from lvxie.commendations.models import Nomination
from lvxie.workflow import publication
from lvxie.workflow.models import Objection
from tests.api.conftest import API
from tests.factories import make_user

from .conftest import fresh, unit, vote_all

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "commendations:index",
    "commendations:honours",
    "commendations:round",
    "commendations:decide",
    "commendations:notice",
    "commendations:award",
    "commendations:nominate",
    "commendations:withdraw",
    "commendations:vote",
    "commendations:objection",
    "commendations:contest",
    "commendations:prizes",
    "commendations:publish",
    "api:nomination_list",
    "api:nominate",
    "api:nomination_withdraw",
    "api:vote",
    "api:panel_decide",
    "api:notice_open",
    "api:objection_decide",
    "api:award",
    "api:prize_list",
    "api:prizes_award",
    "api:collection_publish",
    "api:honour_list",
]


@pytest.fixture
def in_notice(cw, rnd, nominated):
    """The panel recommended A支部 and A's member; the notice is open; one objection to A's member."""
    vote_all(cw, nominated, {"org": (True, True), "a_member": (True, True), "n_member": (False, False)})
    services.panel_decide(actor=cw["issuer"], call=rnd)
    services.notice_open(actor=cw["issuer"], call=rnd)
    window = publication.windows_of(fresh(nominated["a_member"]))[0]
    objection = Objection.objects.create(window=window, text="有异议")
    return {**nominated, "objection": objection, "window": window}


def _pages(rnd, nominated, objection, submission):
    n = nominated["org"]
    return [
        ("get", reverse("commendations:round", args=[rnd.pk])),
        ("post", reverse("commendations:decide", args=[rnd.pk])),
        ("post", reverse("commendations:notice", args=[rnd.pk])),
        ("post", reverse("commendations:award", args=[rnd.pk])),
        ("post", reverse("commendations:nominate", args=[submission.pk])),
        ("post", reverse("commendations:withdraw", args=[n.pk])),
        ("post", reverse("commendations:vote", args=[n.pk])),
        ("post", reverse("commendations:objection", args=[objection.pk])),
    ]


def _api(rnd, nominated, objection, submission):
    n = nominated["org"]
    return [
        ("get", f"{API}/commendations/rounds/{rnd.pk}/nominations"),
        ("post", f"{API}/commendations/submissions/{submission.pk}/nominations"),
        ("delete", f"{API}/commendations/nominations/{n.pk}"),
        ("post", f"{API}/commendations/nominations/{n.pk}/vote"),
        ("post", f"{API}/commendations/rounds/{rnd.pk}/panel-decision"),
        ("post", f"{API}/commendations/rounds/{rnd.pk}/notice"),
        ("post", f"{API}/commendations/objections/{objection.pk}/decision"),
        ("post", f"{API}/commendations/rounds/{rnd.pk}/awards"),
    ]


BODY = {"category": "advanced_org", "deeds": "x", "approve": True, "upheld": True, "reason": "x", "days": 5}


def _call(client, method, url):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, BODY, content_type="application/json")


def test_anonymous_callers_are_sent_to_log_in_or_refused(client, cw, rnd, in_notice):
    s = unit(rnd, cw["orgs"]["a"])
    for method, url in [
        *_pages(rnd, in_notice, in_notice["objection"], s),
        ("get", reverse("commendations:index")),
        ("get", reverse("commendations:honours")),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for method, url in [
        *_api(rnd, in_notice, in_notice["objection"], s),
        ("get", f"{API}/commendations/honours"),
    ]:
        assert _call(client, method, url).status_code == 401, url


def test_out_of_scope_and_non_party_users_get_404(client, cw, rnd, in_notice):
    s = unit(rnd, cw["orgs"]["a"])
    elsewhere = make_user(Role.PARTY_ADMIN, region=cw["regions"]["tianhe"], username="party_tianhe")
    non_party = [cw["users"]["city"], cw["users"]["futian"], cw["users"]["firm"], cw["users"]["lawyer"]]
    for user in (elsewhere, *non_party):
        client.force_login(user)
        for method, url in _pages(rnd, in_notice, in_notice["objection"], s):
            assert getattr(client, method)(url).status_code == 404, (user.username, url)
        for method, url in _api(rnd, in_notice, in_notice["objection"], s):
            assert _call(client, method, url).status_code == 404, (user.username, url)
        assert rnd.title not in client.get(reverse("commendations:index")).content.decode()
        assert client.get(f"{API}/commendations/honours").json() == []
    # Another unit of the same round sees the round, but not A支部's nominations or submission
    client.force_login(cw["secretary_n"])
    page = client.get(reverse("commendations:round", args=[rnd.pk])).content.decode()
    assert "A支部" not in page
    assert client.post(reverse("commendations:nominate", args=[s.pk])).status_code == 404
    assert (
        _call(client, "post", f"{API}/commendations/nominations/{in_notice['org'].pk}/vote").status_code
        == 404
    )


def test_in_scope_users_reach_what_is_theirs(client, cw, rnd, in_notice):
    client.force_login(cw["users"]["secretary_a"])
    page = client.get(reverse("commendations:round", args=[rnd.pk]))
    assert page.status_code == 200 and "A支部" in page.content.decode()
    assert client.post(reverse("commendations:decide", args=[rnd.pk])).status_code == 403
    client.force_login(cw["panel"][0])
    assert client.get(reverse("commendations:round", args=[rnd.pk])).status_code == 200
    client.force_login(cw["issuer"])
    before = AuditEvent.objects.filter(action="commendation.nominations_read").count()
    page = client.get(reverse("commendations:round", args=[rnd.pk])).content.decode()
    assert "有异议" in page  # the objection, with its decision form
    assert AuditEvent.objects.filter(action="commendation.nominations_read").count() == before + 1
    assert client.get(reverse("commendations:index")).status_code == 200
    response = client.post(
        reverse("commendations:objection", args=[in_notice["objection"].pk]),
        {"upheld": "1", "reason": "属实"},
    )
    assert response.status_code == 302 and fresh(in_notice["a_member"]).status == NominationStatus.STOPPED
    assert client.get(f"{API}/commendations/rounds/{rnd.pk}/nominations").status_code == 200


def test_nominating_and_voting_on_the_pages(client, cw, rnd):
    s = unit(rnd, cw["orgs"]["a"])
    client.force_login(cw["users"]["secretary_a"])
    url = reverse("commendations:nominate", args=[s.pk])
    outsider_lawyer = cw["lawyers"]["n"][0]
    response = client.post(
        url,
        {
            f"s{s.pk}-category": "outstanding_member",
            f"s{s.pk}-licence_no": outsider_lawyer.licence_no,
            f"s{s.pk}-deeds": "事迹",
        },
        follow=True,
    )
    assert not Nomination.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])
    member = cw["lawyers"]["a"][0]
    client.post(
        url,
        {
            f"s{s.pk}-category": "outstanding_member",
            f"s{s.pk}-licence_no": member.licence_no,
            f"s{s.pk}-deeds": "事迹",
        },
    )
    client.post(url, {f"s{s.pk}-category": "advanced_org", f"s{s.pk}-deeds": "事迹"})
    assert Nomination.objects.filter(submission=s).count() == 2
    call_services.submission_save(
        actor=cw["users"]["secretary_a"], submission=s, values={"contact": "王", "opinion": "同意"}
    )
    call_services.submission_submit(actor=cw["users"]["secretary_a"], submission=s)
    call_services.submission_accept(actor=cw["issuer"], submission=s)
    call_services.call_close(actor=cw["issuer"], call=rnd)
    org = Nomination.objects.get(party_org=cw["orgs"]["a"])
    call_services.call_update(actor=cw["issuer"], call=rnd, reviewers=[*cw["panel"], cw["conflicted"]])
    client.force_login(cw["conflicted"])
    assert client.post(reverse("commendations:vote", args=[org.pk]), {"approve": "1"}).status_code == 403
    for member_user in cw["panel"]:
        client.force_login(member_user)
        client.post(reverse("commendations:vote", args=[org.pk]), {"approve": "1"})
    assert selectors.tally_visible_to(cw["issuer"], org) == (2, 0)


def test_the_api_runs_a_round(client, cw, rnd):
    s = unit(rnd, cw["orgs"]["a"])
    client.force_login(cw["users"]["secretary_a"])
    path = f"{API}/commendations/submissions/{s.pk}/nominations"
    response = client.post(
        path,
        {"category": "party_worker", "licence_no": "x", "deeds": "事迹"},
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client.post(
        path, {"category": "advanced_org", "deeds": "事迹"}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["name"] == "A支部"
    second = client.post(path, {"category": "advanced_org", "deeds": "事迹"}, content_type="application/json")
    assert second.status_code == 422 and second.json()["detail"][0]["code"] in ("over_quota", "duplicate")
    call_services.submission_save(
        actor=cw["users"]["secretary_a"], submission=s, values={"contact": "王", "opinion": "同意"}
    )
    call_services.submission_submit(actor=cw["users"]["secretary_a"], submission=s)
    call_services.submission_accept(actor=cw["issuer"], submission=s)
    call_services.call_close(actor=cw["issuer"], call=rnd)
    nomination_id = response.json()["id"]
    for member_user in cw["panel"]:
        client.force_login(member_user)
        vote = client.post(
            f"{API}/commendations/nominations/{nomination_id}/vote",
            {"approve": True},
            content_type="application/json",
        )
        assert vote.status_code == 200
    assert vote.json()["votes_for"] == 2
    client.force_login(cw["issuer"])
    assert client.post(f"{API}/commendations/rounds/{rnd.pk}/panel-decision").json() == {
        "recommended": 1,
        "declined": 0,
    }
    notice = client.post(
        f"{API}/commendations/rounds/{rnd.pk}/notice", {"days": 3}, content_type="application/json"
    )
    assert notice.json() == {"count": 1}
    early = client.post(f"{API}/commendations/rounds/{rnd.pk}/awards")
    assert early.status_code == 422 and early.json()["detail"][0]["code"] == "notice_running"
    client.logout()
    public = client.get(f"{API}/public/commendation-notices").json()
    assert public[0]["name"] == "A支部" and set(public[0]) == {
        "window_id",
        "commendation",
        "category",
        "name",
        "unit",
        "shown_until",
    }


def test_the_public_notice_shows_only_what_the_call_publishes_and_takes_objections(
    client, cw, rnd, in_notice
):
    page = client.get(reverse("public:commendation_notices")).content.decode()
    member = in_notice["a_member"].lawyer
    assert member.name in page and "A支部" in page
    for hidden in (
        member.licence_no,
        member.id_number,
        member.phone,
        "热心公益",
        in_notice["n_member"].lawyer.name,
    ):
        assert hidden not in page
    url = reverse("public:commendation_notice", args=[in_notice["window"].pk])
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "请核实。"}).status_code == 200
    assert Objection.objects.filter(window=in_notice["window"]).count() == 2
    # After the window: nothing, anywhere
    later = in_notice["window"].ends_at + dt.timedelta(seconds=1)
    assert selectors.notices_published(later) == []
    services.objection_decide(
        actor=cw["issuer"], objection=in_notice["objection"], upheld=False, reason="不属实"
    )


def test_the_public_notice_is_gone_after_its_window(client, cw, rnd, in_notice):
    in_notice["window"].ends_at = timezone.now() - dt.timedelta(seconds=1)
    in_notice["window"].starts_at = timezone.now() - dt.timedelta(days=10)
    in_notice["window"].save()
    assert client.get(reverse("public:commendation_notice", args=[in_notice["window"].pk])).status_code == 404
    assert (
        in_notice["a_member"].lawyer.name
        not in client.get(reverse("public:commendation_notices")).content.decode()
    )


def test_contest_pages_and_api(client, contest):
    call, issuer = contest["call"], contest["issuer"]
    for firm, mark in zip(contest["firms"], (9, 7, 5), strict=True):
        s = call.submissions.get(firm=firm)
        for judge in contest["judges"]:
            call_services.score_submit(
                actor=judge, submission=s, points={"novelty": mark, "value": mark, "replicable": mark}
            )
    pages = [
        ("get", reverse("commendations:contest", args=[call.pk])),
        ("post", reverse("commendations:prizes", args=[call.pk])),
        ("post", reverse("commendations:publish", args=[call.pk])),
    ]
    api = [
        ("get", f"{API}/commendations/contests/{call.pk}/prizes"),
        ("post", f"{API}/commendations/contests/{call.pk}/prizes"),
        ("post", f"{API}/commendations/contests/{call.pk}/collection"),
    ]
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 302
    for method, url in api:
        assert _call(client, method, url).status_code == 401
    outsider = make_user(Role.CITY_ADMIN, region=contest["regions"]["tianhe"], username="tianhe_admin")
    client.force_login(outsider)
    for method, url in [*pages]:
        assert getattr(client, method)(url).status_code == 404, url
    for method, url in api:
        assert _call(client, method, url).status_code == 404, url
    client.force_login(contest["admins"][0])  # a unit: not the results
    assert client.get(pages[0][1]).status_code == 404
    client.force_login(issuer)
    assert client.get(pages[0][1]).status_code == 200
    response = client.post(
        f"{API}/commendations/contests/{call.pk}/prizes",
        {"first": 1, "second": 1},
        content_type="application/json",
    )
    assert [p["level"] for p in response.json()] == ["first", "second"]
    assert client.post(pages[2][1]).status_code == 302
    client.logout()
    assert "创新项目0" in client.get(reverse("public:collections")).content.decode()
    assert client.get(f"{API}/public/collections").json()[0]["winners"][0]["prize"]
    firm_page = client.get(reverse("public:firm_detail", args=[contest["firms"][0].pk])).content.decode()
    assert "第四届律师业务创新大赛" in firm_page
    lookup = client.get(reverse("public:lookup"), {"q": contest["firms"][0].name}).content.decode()
    assert "第四届律师业务创新大赛 · 一等奖" in lookup
