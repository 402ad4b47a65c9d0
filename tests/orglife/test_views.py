"""Every page and endpoint of organizational life as anonymous (log-in / 401), in scope (the secretary and
the committee staff: 200), out of scope (another district's staff, another branch's secretary: 404) and
non-Party users (a firm administrator, the city administrator: 404); the flows through the pages and
the API through the same services; reads that name members audited like the member list."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from lvxie.orglife import services
from lvxie.orglife.choices import MeetingKind, MeetingStatus, Presence
from lvxie.orglife.models import (
    Attendance,
    CalendarFeed,
    FrequencyRule,
    Meeting,
    TaskRecipient,
)
from tests.api.conftest import API, make_token
from tests.downloads import content_of
from tests.orglife.conftest import PNG, plan

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "orglife:meeting_list",
    "orglife:meeting_create",
    "orglife:meeting_detail",
    "orglife:meeting_edit",
    "orglife:meeting_attendance",
    "orglife:meeting_files",
    "orglife:meeting_pdf",
    "orglife:meeting_transition",
    "orglife:meeting_file",
    "orglife:org_detail",
    "orglife:org_records",
    "orglife:org_ics",
    "orglife:feed_renew",
    "orglife:feed",
    "orglife:calendar",
    "orglife:rules",
    "orglife:tasklist_list",
    "orglife:tasklist_create",
    "orglife:tasklist_detail",
    "orglife:recipient_detail",
    "orglife:statistics",
    "api:orglife_meeting_list",
    "api:orglife_meeting_plan",
    "api:orglife_meeting_detail",
    "api:orglife_meeting_edit",
    "api:orglife_meeting_attendance",
    "api:orglife_meeting_transition",
    "api:orglife_org_standing",
    "api:orglife_org_calendar",
    "api:orglife_statistics",
    "api:orglife_rule_list",
    "api:orglife_rule_set",
    "api:orglife_tasklist_detail",
    "api:orglife_tasklist_create",
    "api:orglife_tasklist_item_add",
    "api:orglife_tasklist_publish",
    "api:orglife_recipient_list",
    "api:orglife_recipient_detail",
    "api:orglife_recipient_answer",
]


def pages(s):
    m, org = s["meeting"], s["orgs"]["a"]
    return [
        reverse("orglife:meeting_list"),
        reverse("orglife:meeting_detail", args=[m.pk]),
        reverse("orglife:meeting_edit", args=[m.pk]),
        reverse("orglife:meeting_attendance", args=[m.pk]),
        reverse("orglife:meeting_pdf", args=[m.pk]),
        reverse("orglife:meeting_file", args=[s["file"].pk]),
        reverse("orglife:org_detail", args=[org.pk]),
        reverse("orglife:org_records", args=[org.pk]),
        reverse("orglife:org_ics", args=[org.pk]),
        reverse("orglife:calendar") + f"?org={org.pk}",
        reverse("orglife:recipient_detail", args=[s["recipient"].pk]),
    ]


OBJECT_PAGES = 10  # all but the list are of A支部's objects


def test_anonymous_users_are_sent_to_log_in(client, setup):
    for url in [
        *pages(setup),
        reverse("orglife:rules"),
        reverse("orglife:tasklist_list"),
        reverse("orglife:statistics"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"], url
    for url in (
        reverse("orglife:meeting_transition", args=[setup["meeting"].pk, "cancel"]),
        reverse("orglife:meeting_files", args=[setup["meeting"].pk]),
        reverse("orglife:feed_renew", args=[setup["orgs"]["a"].pk]),
        reverse("orglife:meeting_create"),
        reverse("orglife:tasklist_create"),
    ):
        assert client.post(url).status_code == 302, url
    assert client.get(f"{API}/orglife/meetings").status_code == 401
    assert client.get(f"{API}/orglife/meetings/{setup['meeting'].pk}").status_code == 401
    assert client.post(f"{API}/orglife/meetings", {}, content_type="application/json").status_code == 401


@pytest.mark.parametrize("who", ["secretary_a", "party_futian", "party_city"])
def test_in_scope_the_pages_open(client, setup, who):
    client.force_login(setup["users"][who])
    for url in pages(setup):
        assert client.get(url).status_code == 200, url
    for name in ("rules", "tasklist_list", "statistics", "calendar"):
        assert client.get(reverse(f"orglife:{name}")).status_code == 200, name
    if who != "secretary_a":
        assert client.get(reverse("orglife:tasklist_detail", args=[setup["task_list"].pk])).status_code == 200


@pytest.mark.parametrize("who", ["party_nanshan", "secretary_j", "firm", "city", "lawyer", "auditor"])
def test_out_of_scope_and_non_party_users_get_404(client, setup, who):
    client.force_login(setup["users"][who])
    for url in pages(setup)[1:]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("orglife:tasklist_detail", args=[setup["task_list"].pk])).status_code == 404
    m = setup["meeting"]
    assert (
        client.post(reverse("orglife:meeting_transition", args=[m.pk, "cancel"]), {"reason": "x"}).status_code
        == 404
    )
    assert client.post(reverse("orglife:feed_renew", args=[setup["orgs"]["a"].pk])).status_code == 404
    assert client.get(f"{API}/orglife/meetings/{m.pk}").status_code == 404
    assert client.get(f"{API}/orglife/orgs/{setup['orgs']['a'].pk}/standing").status_code == 404
    assert client.get(f"{API}/orglife/org-task-lists/{setup['recipient'].pk}").status_code == 404
    assert client.get(f"{API}/orglife/task-lists/{setup['task_list'].pk}").status_code == 404
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.HELD


@pytest.mark.parametrize("who", ["firm", "city", "lawyer"])
def test_non_party_users_do_not_even_see_the_lists(client, setup, who):
    client.force_login(setup["users"][who])
    for name in (
        "meeting_list",
        "rules",
        "tasklist_list",
        "statistics",
        "calendar",
        "meeting_create",
        "tasklist_create",
    ):
        assert client.get(reverse(f"orglife:{name}")).status_code == 404, name
    for path in ("meetings", "rules", "statistics", "org-task-lists"):
        assert client.get(f"{API}/orglife/{path}").status_code == 404, path


def test_out_of_scope_lists_are_empty(client, setup):
    client.force_login(setup["users"]["party_nanshan"])
    assert setup["meeting"].topic not in client.get(reverse("orglife:meeting_list")).content.decode()
    assert client.get(f"{API}/orglife/meetings").json()["count"] == 0
    assert client.get(f"{API}/orglife/org-task-lists").json()["count"] == 0
    assert client.get(f"{API}/orglife/statistics").json()["orgs"] == 1  # N支部 only


def test_reading_a_meeting_is_audited_like_the_member_list(client, setup):
    client.force_login(setup["users"]["party_futian"])
    before = AuditEvent.objects.filter(action="party.members_read").count()
    client.get(reverse("orglife:meeting_detail", args=[setup["meeting"].pk]))
    client.get(f"{API}/orglife/meetings/{setup['meeting'].pk}")
    client.get(reverse("orglife:org_records", args=[setup["orgs"]["a"].pk]))
    events = AuditEvent.objects.filter(action="party.members_read").order_by("-id")[:3]
    assert AuditEvent.objects.filter(action="party.members_read").count() == before + 3
    assert {e.after["what"] for e in events} == {
        "orglife:meeting",
        "orglife:api_meeting",
        "orglife:records_xlsx",
    }


def test_a_secretary_plans_records_attendance_and_holds_through_the_pages(client, setup, today):
    s = setup
    client.force_login(s["users"]["secretary_a"])
    a = s["lawyers"]["a"]
    response = client.post(
        reverse("orglife:meeting_create"),
        {
            "org": s["orgs"]["a"].pk,
            "kind": MeetingKind.PARTY_DAY,
            "date": today.isoformat(),
            "topic": "主题党日",
            "chair": a[0].pk,
        },
    )
    meeting = Meeting.objects.get(kind=MeetingKind.PARTY_DAY)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    data = {"version": meeting.version}
    for lawyer in a[:4]:
        data[f"p_{lawyer.pk}"] = Presence.PRESENT
        data[f"r_{lawyer.pk}"] = ""
    data[f"p_{a[3].pk}"], data[f"r_{a[3].pk}"] = Presence.LEAVE, ""
    refused = client.post(reverse("orglife:meeting_attendance", args=[meeting.pk]), data)
    assert refused.status_code == 400 and "请假" in refused.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()
    data[f"r_{a[3].pk}"] = "出庭"
    assert client.post(reverse("orglife:meeting_attendance", args=[meeting.pk]), data).status_code == 302
    meeting.refresh_from_db()
    client.post(
        reverse("orglife:meeting_transition", args=[meeting.pk, "hold"]), {"version": meeting.version}
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    page = client.get(reverse("orglife:meeting_detail", args=[meeting.pk])).content.decode()
    assert "75%" in page and "出庭" in page


def test_a_meeting_in_the_future_is_refused_on_the_page(client, setup, today):
    client.force_login(setup["users"]["secretary_a"])
    meeting = plan(setup["orgs"]["a"], today + timedelta(days=2))
    services.attendance_record(actor=None, meeting=meeting, lines=[], version=meeting.version)
    meeting.refresh_from_db()
    response = client.post(
        reverse("orglife:meeting_transition", args=[meeting.pk, "hold"]),
        {"version": meeting.version},
        follow=True,
    )
    assert "未来" in response.content.decode() or "future" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_files_are_attached_and_bad_files_refused(client, setup):
    client.force_login(setup["users"]["secretary_a"])
    m = setup["meeting"]
    url = reverse("orglife:meeting_files", args=[m.pk])
    client.post(url, {"kind": "sign_in", "uploads": SimpleUploadedFile("签到表.png", PNG)})
    assert m.attachments.filter(kind="sign_in").exists()
    client.post(url, {"kind": "photo", "uploads": SimpleUploadedFile("x.exe", b"MZ\x90\x00")})
    assert m.attachments.count() == 2
    nothing = client.post(url, {"kind": "photo"}, follow=True).content.decode()
    assert "请至少选择一个文件" in nothing or "Choose at least one file" in nothing
    assert m.attachments.count() == 2
    assert content_of(client.get(reverse("orglife:meeting_file", args=[setup["file"].pk]))) == PNG


def test_records_out(client, setup):
    client.force_login(setup["users"]["party_futian"])
    pdf = client.get(reverse("orglife:meeting_pdf", args=[setup["meeting"].pk]))
    assert pdf["Content-Type"] == "application/pdf" and content_of(pdf).startswith(b"%PDF")
    xlsx = client.get(reverse("orglife:org_records", args=[setup["orgs"]["a"].pk]))
    sheet = load_workbook(io.BytesIO(content_of(xlsx))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][3] == setup["meeting"].topic and rows[1][8] == 4


def test_the_calendar_feed_by_token_and_its_renewal(client, setup):
    org = setup["orgs"]["a"]
    client.force_login(setup["users"]["secretary_a"])
    client.get(reverse("orglife:org_detail", args=[org.pk]))
    token = CalendarFeed.objects.get(org=org).token
    anonymous = Client()  # a calendar program: no session, only the address
    feed = anonymous.get(reverse("orglife:feed", args=[token]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VEVENT" in body and "党员活动室" in body
    assert anonymous.get(reverse("orglife:feed", args=["guess" + token[5:]])).status_code == 404
    assert client.post(reverse("orglife:feed_renew", args=[org.pk])).status_code == 302
    assert anonymous.get(reverse("orglife:feed", args=[token])).status_code == 404
    assert anonymous.get(reverse("orglife:feed", args=[CalendarFeed.objects.get().token])).status_code == 200
    # and through the API with a token
    key, _token = make_token(setup["users"]["party_futian"])
    api = anonymous.get(f"{API}/orglife/orgs/{org.pk}/calendar.ics", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200 and b"BEGIN:VCALENDAR" in api.content


def test_rules_page_for_the_city_committee_only(client, setup):
    client.force_login(setup["users"]["party_futian"])
    assert (
        client.post(reverse("orglife:rules"), {"kind": "lecture", "period": "month", "times": 1}).status_code
        == 403
    )
    client.force_login(setup["users"]["party_city"])
    assert (
        client.post(reverse("orglife:rules"), {"kind": "lecture", "period": "month", "times": 2}).status_code
        == 302
    )
    assert FrequencyRule.objects.get(kind="lecture").times == 2
    assert (
        client.post(reverse("orglife:rules"), {"kind": "lecture", "period": "week", "times": 2}).status_code
        == 400
    )


def test_task_lists_through_the_pages(client, setup, today):
    client.force_login(setup["users"]["party_futian"])
    month = today.replace(day=1)
    response = client.post(
        reverse("orglife:tasklist_create"),
        {"region": setup["regions"]["futian"].pk, "month": f"{month:%Y-%m}", "title": "下月清单"},
    )
    assert response.status_code == 302
    url = response["Location"]
    assert (
        client.post(
            url, {"kind": "group", "topic": "党小组学习", "due": (month + timedelta(days=40)).isoformat()}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, {"kind": "group", "topic": "党小组学习", "due": month.replace(day=15).isoformat()}
        ).status_code
        == 302
    )
    client.post(url, {"publish": "1"})
    page = client.get(url).content.decode()
    assert "A支部" in page and "J联合支部" in page
    # the secretary answers with a reason
    client.force_login(setup["users"]["secretary_a"])
    recipient = TaskRecipient.objects.get(task_list__title="下月清单", org=setup["orgs"]["a"])
    item = recipient.task_list.items.get()
    client.post(
        reverse("orglife:recipient_detail", args=[recipient.pk]),
        {"item": item.pk, f"i{item.pk}-reason": "合并至主题党日"},
    )
    assert recipient.answers.get().reason == "合并至主题党日"
    page = client.get(reverse("orglife:recipient_detail", args=[recipient.pk])).content.decode()
    assert 'id="list-state">' in page and "合并至主题党日" in page


def test_statistics_page_and_api(client, setup):
    client.force_login(setup["users"]["party_city"])
    page = client.get(reverse("orglife:statistics")).content.decode()
    assert 'id="rules-chart"' in page and 'id="kinds-chart"' in page
    data = client.get(f"{API}/orglife/statistics").json()
    assert data["orgs"] == 3 and data["by_kind_month"]["committee"][setup["meeting"].date.month - 1] == 1
    assert (
        client.get(f"{API}/orglife/statistics?region_id={setup['regions']['guangzhou'].pk}").status_code
        == 404
    )


def test_the_api_does_what_the_pages_do(client, setup, today):
    s = setup
    client.force_login(s["users"]["secretary_a"])
    a = s["lawyers"]["a"]
    created = client.post(
        f"{API}/orglife/meetings",
        {
            "org_id": s["orgs"]["a"].pk,
            "kind": "lecture",
            "date": today.isoformat(),
            "topic": "专题党课",
            "chair_id": a[0].pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    meeting = created.json()
    bad = client.put(
        f"{API}/orglife/meetings/{meeting['id']}/attendance",
        {
            "version": meeting["version"],
            "lines": [{"lawyer_id": s["lawyers"]["n"][0].pk, "presence": "present"}],
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["code"] == "not_member"
    good = client.put(
        f"{API}/orglife/meetings/{meeting['id']}/attendance",
        {
            "version": meeting["version"],
            "lines": [{"lawyer_id": a[1].pk, "presence": "leave", "reason": "出差"}]
            + [{"lawyer_id": lawyer.pk, "presence": "present"} for lawyer in (a[0], a[2], a[3])],
        },
        content_type="application/json",
    )
    assert good.status_code == 200 and len(good.json()["attendance"]) == 4
    held = client.post(
        f"{API}/orglife/meetings/{meeting['id']}/hold",
        {"version": good.json()["version"]},
        content_type="application/json",
    )
    assert held.status_code == 200 and held.json()["status"] == "held" and held.json()["rate"] == 0.75
    stale = client.patch(
        f"{API}/orglife/meetings/{meeting['id']}",
        {"version": 1, "place": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 422 and stale.json()["detail"][0]["code"] == "stale"
    standing = client.get(f"{API}/orglife/orgs/{s['orgs']['a'].pk}/standing").json()
    assert {row["rule"]["kind"] for row in standing} >= {"members", "lecture"}
    listed = client.get(f"{API}/orglife/meetings?kind=lecture").json()
    assert listed["count"] == 1
    answer = client.put(
        f"{API}/orglife/org-task-lists/{s['recipient'].pk}/items/{s['item'].pk}",
        {"reason": "已于月初召开"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["answers"][0]["state"] == "explained"
    assert client.get(f"{API}/orglife/org-task-lists").json()["items"][0]["complete"] is True
    # rules: the city committee only
    assert (
        client.put(
            f"{API}/orglife/rules/lecture", {"period": "month", "times": 1}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(s["users"]["party_city"])
    assert (
        client.put(
            f"{API}/orglife/rules/lecture", {"period": "month", "times": 1}, content_type="application/json"
        ).status_code
        == 200
    )
    assert {"kind": "lecture", "period": "month", "times": 1} in client.get(f"{API}/orglife/rules").json()


def test_task_lists_through_the_api(client, setup, today):
    client.force_login(setup["users"]["party_futian"])
    month = today.replace(day=1)
    created = client.post(
        f"{API}/orglife/task-lists",
        {
            "region_id": setup["regions"]["futian"].pk,
            "month": month.isoformat(),
            "title": "API清单",
            "org_kinds": ["joint_branch"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    list_id = created.json()["task_list"]["id"]
    unpublishable = client.post(f"{API}/orglife/task-lists/{list_id}/publish")
    assert unpublishable.status_code == 422 and unpublishable.json()["detail"][0]["code"] == "no_items"
    item = client.post(
        f"{API}/orglife/task-lists/{list_id}/items",
        {"kind": "group", "topic": "党小组会", "due": month.replace(day=10).isoformat()},
        content_type="application/json",
    )
    assert item.status_code == 201
    published = client.post(f"{API}/orglife/task-lists/{list_id}/publish").json()
    assert [o["org"]["name"] for o in published["organizations"]] == ["J联合支部"]
    outside = client.post(
        f"{API}/orglife/task-lists",
        {"region_id": setup["regions"]["nanshan"].pk, "month": month.isoformat(), "title": "x"},
        content_type="application/json",
    )
    assert outside.status_code == 404
    client.force_login(setup["users"]["secretary_j"])
    assert client.get(f"{API}/orglife/task-lists/{list_id}").status_code == 404  # the committee's own view
    assert client.get(f"{API}/orglife/org-task-lists").json()["count"] == 2
