"""The pages of member development: Party-side roles only (anonymous: the log-in; anyone else: 404, as
out of scope), reads audited, the steps through the same service with its messages in Chinese, nothing
changed on bad input; and the 待办 of the probationary year's end."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.recruitment.choices import PersonKind, Stage, Step
from lvxie.recruitment.models import Recruit
from lvxie.workflow.todo import todos_for
from tests.factories import make_user
from tests.recruitment.conftest import ago, apply, held_meeting, step, to_probation, today

MATRIX_URLS = [
    "recruitment:pipeline",
    "recruitment:create",
    "recruitment:counts",
    "recruitment:detail",
    "recruitment:step",
]
NON_PARTY = ("city", "futian", "firm", "lawyer", "auditor", "nobody")
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _urls(recruit):
    return [
        reverse("recruitment:pipeline"),
        reverse("recruitment:counts"),
        reverse("recruitment:create"),
        reverse("recruitment:detail", args=[recruit.pk]),
    ]


def test_anonymous_users_are_sent_to_log_in(client, rw):
    recruit = apply(rw)
    for url in _urls(recruit):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url
    response = client.post(reverse("recruitment:step", args=[recruit.pk, Step.ACTIVIST]), {})
    assert response.status_code == 302
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.APPLICANT


@pytest.mark.parametrize("name", NON_PARTY)
def test_nothing_of_it_exists_for_users_outside_the_party_side(client, rw, name):
    recruit = apply(rw)
    client.force_login(rw["users"][name])
    for url in _urls(recruit):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("recruitment:step", args=[recruit.pk, Step.ACTIVIST]), {"version": 0, "decided_on": ago(3)}
    )
    assert response.status_code == 404
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.APPLICANT
    # Nor does the menu offer it
    assert reverse("recruitment:pipeline") not in client.get(reverse("home")).content.decode()


def test_the_secretary_sees_the_pipeline_and_the_person_and_the_reads_are_audited(client, rw):
    recruit = apply(rw)
    client.force_login(rw["users"]["secretary_a"])
    page = client.get(reverse("recruitment:pipeline"), **ZH).content.decode()
    assert recruit.name in page and "入党申请人" in page and reverse("recruitment:pipeline") in page
    assert AuditEvent.objects.filter(action="recruitment.read", actor=rw["users"]["secretary_a"]).exists()
    page = client.get(recruit.get_absolute_url(), **ZH).content.decode()
    assert recruit.name in page and "确定为入党积极分子" in page
    assert AuditEvent.objects.filter(
        action="party.members_read",
        object_id=str(rw["orgs"]["a"].pk),
        after__what=f"recruitment:recruit:{recruit.pk}",
    ).exists()


@pytest.mark.parametrize("name", ["party_futian", "party_city"])
def test_committee_staff_over_it_see_it_and_are_audited(client, rw, name):
    recruit = apply(rw)
    client.force_login(rw["users"][name])
    assert recruit.name in client.get(reverse("recruitment:pipeline")).content.decode()
    page = client.get(recruit.get_absolute_url()).content.decode()
    assert recruit.name in page
    assert 'id="step-activist"' not in page  # the branch's step is the secretary's
    assert AuditEvent.objects.filter(action="party.members_read", actor=rw["users"][name]).exists()


@pytest.mark.parametrize("name", ["secretary_n", "party_nanshan"])
def test_out_of_scope_party_users_get_404_and_an_empty_pipeline(client, rw, name):
    recruit = apply(rw)
    client.force_login(rw["users"][name])
    assert recruit.name not in client.get(reverse("recruitment:pipeline")).content.decode()
    assert client.get(recruit.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("recruitment:step", args=[recruit.pk, Step.ACTIVIST]), {"version": 0, "decided_on": ago(3)}
    )
    assert response.status_code == 404
    assert Recruit.objects.get(pk=recruit.pk).stage == Stage.APPLICANT
    counts = client.get(reverse("recruitment:counts") + f"?org={rw['orgs']['a'].pk}")
    assert counts.status_code == 404


def test_the_secretary_records_an_application_on_the_page(client, rw):
    client.force_login(rw["users"]["secretary_a"])
    lawyer = rw["lawyers"]["a"][4]
    data = {
        "org": rw["orgs"]["a"].pk,
        "person_kind": PersonKind.LAWYER,
        "licence_no": lawyer.licence_no,
        "applied_on": ago(30).isoformat(),
        "birth_year": 1997,
        "reference": "入党申请书第7号",
    }
    response = client.post(reverse("recruitment:create"), data)
    recruit = Recruit.objects.get(lawyer=lawyer)
    assert response.status_code == 302 and response["Location"] == recruit.get_absolute_url()
    # Bad input: a date in the future, a firm's lawyer of another branch; nothing saved
    future = (today() + timedelta(days=2)).isoformat()
    staff = {"person_kind": PersonKind.STAFF, "name": "周晓雯", "firm": rw["firms"]["a"].pk}
    for bad, message in (
        ({**staff, "applied_on": future}, "日期不能晚于今天"),
        ({"licence_no": rw["lawyers"]["n"][1].licence_no}, "本组织所在或覆盖的律所中没有此人"),
        ({}, "此人已在A支部的发展程序中"),
        ({"person_kind": PersonKind.TRAINEE}, "这个字段是必填项"),
    ):
        response = client.post(reverse("recruitment:create"), {**data, **bad}, **ZH)
        assert response.status_code == 400
        assert message in response.content.decode(), message
    assert Recruit.objects.count() == 1


def test_committee_staff_cannot_record_an_application(client, rw):
    client.force_login(rw["users"]["party_futian"])
    assert client.get(reverse("recruitment:create")).status_code == 403


def test_a_step_on_the_page_and_a_refused_one_with_its_chinese_message(client, rw):
    recruit = apply(rw)
    client.force_login(rw["users"]["secretary_a"])
    url = reverse("recruitment:step", args=[recruit.pk, Step.ACTIVIST])
    response = client.post(
        url, {"version": recruit.version, "decided_on": ago(800), "reference": "支委会记录"}
    )
    assert response.status_code == 302
    recruit.refresh_from_db()
    assert recruit.stage == Stage.ACTIVIST and recruit.activist_on == ago(800)
    # A development target with a probationary member as introducer: refused, shown, nothing changed
    first, probationary = rw["introducers"][0], rw["probationary_member"]
    url = reverse("recruitment:step", args=[recruit.pk, Step.TARGET])
    data = {
        "version": recruit.version,
        "decided_on": ago(10),
        "introducer_1": first.pk,
        "introducer_2": probationary.pk,
    }
    response = client.post(url, data, **ZH)
    assert response.status_code == 400
    assert "入党介绍人必须是正式党员" in response.content.decode()
    # An unknown step is a 404
    assert client.post(reverse("recruitment:step", args=[recruit.pk, "fly"]), data).status_code == 404
    recruit.refresh_from_db()
    assert recruit.stage == Stage.ACTIVIST and recruit.introducer_1 is None


def test_the_counts_page_has_its_chart_and_table(client, rw):
    recruit = apply(rw)
    to_probation(rw, recruit)
    client.force_login(rw["users"]["party_futian"])
    with translation.override("zh-hans"):
        page = client.get(reverse("recruitment:counts"), **ZH).content.decode()
    assert 'id="recruitment-chart"' in page and "发展党员" in page and "A支部" in page
    page = client.get(reverse("recruitment:counts") + f"?org={rw['orgs']['a'].pk}").content.decode()
    assert "A支部" in page


def test_the_probationary_years_end_is_a_todo_for_the_secretary_and_the_committee(rw):
    recruit = apply(rw)
    to_probation(rw, recruit, admitted=370)  # ended five days ago, not yet decided
    with translation.override("en"):
        for name in ("secretary_a", "party_futian", "party_city"):
            kinds = [t for t in todos_for(rw["users"][name], today()) if t.url == recruit.get_absolute_url()]
            assert kinds and kinds[0].kind == "Probationary year ends: the branch meeting decides", name
            assert kinds[0].due == Recruit.objects.get(pk=recruit.pk).probation_ends_on
        for name in ("secretary_n", "party_nanshan", "futian", "firm"):
            assert not [
                t for t in todos_for(rw["users"][name], today()) if t.url == recruit.get_absolute_url()
            ]
        # What waits for the committee's approval is the committee's, not the secretary's
        step(rw, recruit, Step.CONVERT, today())
        staff = [
            t for t in todos_for(rw["users"]["party_futian"], today()) if t.url == recruit.get_absolute_url()
        ]
        assert staff and staff[0].kind == "Approve a member development step"
        assert not [
            t for t in todos_for(rw["users"]["secretary_a"], today()) if t.url == recruit.get_absolute_url()
        ]


def test_the_step_form_offers_the_branchs_held_meetings(client, rw):
    from lvxie.orglife.choices import MeetingKind

    recruit = apply(rw)
    held = held_meeting(rw["orgs"]["a"], MeetingKind.COMMITTEE, ago(800), topic="研究确定入党积极分子")
    elsewhere = held_meeting(rw["orgs"]["n"], MeetingKind.COMMITTEE, ago(800), topic="南山支委会")
    client.force_login(rw["users"]["secretary_a"])
    page = client.get(recruit.get_absolute_url()).content.decode()
    assert "研究确定入党积极分子" in page and elsewhere.topic not in page
    url = reverse("recruitment:step", args=[recruit.pk, Step.ACTIVIST])
    assert client.post(url, {"version": recruit.version, "meeting": held.pk}).status_code == 302
    page = client.get(recruit.get_absolute_url()).content.decode()
    assert held.get_absolute_url() in page  # the decision links its meeting


def test_nothing_of_it_reaches_the_registry_pages_or_the_public(client, rw):
    recruit = apply(rw)
    to_probation(rw, recruit)
    lawyer = rw["lawyers"]["a"][4]
    words = ("入党", "积极分子", "发展对象", "预备党员", "发展党员")
    # The firm's administrator on the registry's page of the lawyer and the firm's lawyer list
    firm_admin = make_user(Role.FIRM_ADMIN, firm=rw["firms"]["a"], username="admin_a")
    client.force_login(firm_admin)
    for url in (
        reverse("registry:lawyer_detail", args=[lawyer.pk]),
        reverse("registry:lawyer_list") + f"?firm={rw['firms']['a'].pk}",
    ):
        response = client.get(url, **ZH)
        page = response.content.decode()
        assert response.status_code == 200 and lawyer.name in page, url
        assert not [w for w in words if w in page], url
    # The public look-up
    client.logout()
    page = client.get(reverse("public:lookup") + f"?q={lawyer.name}", **ZH).content.decode()
    assert not [w for w in words if w in page]
