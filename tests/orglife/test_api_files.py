"""What the pages do with files, records and task-list items, through the API: a meeting's files up and
down, its record as PDF, an organization's year as .xlsx, removing an item of a draft task list. Each as
anonymous (401), in scope (the secretary and the committee staff: 200 and the content), out of scope
and non-Party (404), with bad input refused in the caller's language and nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from lvxie.orglife import services
from lvxie.orglife.choices import MeetingKind
from lvxie.orglife.models import MeetingAttachment, TaskItem
from tests.api.conftest import API, make_token
from tests.downloads import content_of
from tests.orglife.conftest import PNG

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "api:orglife_meeting_files",
    "api:orglife_meeting_pdf",
    "api:orglife_meeting_file",
    "api:orglife_org_records",
    "api:orglife_tasklist_item_remove",
]

OUTSIDE = ["party_nanshan", "secretary_j"]
NON_PARTY = ["firm", "city", "lawyer", "auditor"]


@pytest.fixture
def draft(setup):
    """A draft task list of Futian with two items."""
    month = setup["task_list"].month
    task_list = services.tasklist_create(
        actor=None, region=setup["regions"]["futian"], month=month, title="下月草稿"
    )
    for topic in ("支委会", "党小组会"):
        services.tasklist_item_add(
            actor=None,
            task_list=task_list,
            kind=MeetingKind.COMMITTEE,
            topic=topic,
            due=month.replace(day=20),
        )
    return task_list


def upload(client, meeting_id, *files, kind="sign_in", **headers):
    return client.post(
        f"{API}/orglife/meetings/{meeting_id}/files", {"kind": kind, "uploads": list(files)}, **headers
    )


def downloads(s):
    m, org = s["meeting"], s["orgs"]["a"]
    return [
        f"{API}/orglife/meetings/{m.pk}/record.pdf",
        f"{API}/orglife/files/{s['file'].pk}",
        f"{API}/orglife/orgs/{org.pk}/records.xlsx",
    ]


def test_anonymous_callers_get_401(client, setup, draft):
    for url in downloads(setup):
        assert client.get(url).status_code == 401, url
    assert upload(client, setup["meeting"].pk, SimpleUploadedFile("签到表.png", PNG)).status_code == 401
    item = draft.items.first()
    assert client.delete(f"{API}/orglife/task-lists/{draft.pk}/items/{item.pk}").status_code == 401
    assert MeetingAttachment.objects.count() == 1 and draft.items.count() == 2


@pytest.mark.parametrize("who", ["secretary_a", "party_futian"])
def test_in_scope_files_go_up_and_come_back(client, setup, who):
    client.force_login(setup["users"][who])
    m = setup["meeting"]
    sheet = PNG + who.encode()
    response = upload(client, m.pk, SimpleUploadedFile("签到表.png", sheet))
    assert response.status_code == 201, response.content
    files = response.json()
    assert [f["kind"] for f in files] == ["photo", "sign_in"]
    new = files[1]
    assert (new["name"], new["content_type"], new["size"]) == ("签到表.png", "image/png", len(sheet))
    back = client.get(f"{API}/orglife/files/{new['id']}")
    assert back.status_code == 200 and content_of(back) == sheet
    assert back["Content-Disposition"].startswith("attachment")
    detail = client.get(f"{API}/orglife/meetings/{m.pk}").json()
    assert [f["id"] for f in detail["files"]] == [f["id"] for f in files]


@pytest.mark.parametrize("who", ["secretary_a", "party_futian"])
def test_in_scope_records_come_out(client, setup, who):
    client.force_login(setup["users"][who])
    pdf = client.get(f"{API}/orglife/meetings/{setup['meeting'].pk}/record.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert content_of(pdf).startswith(b"%PDF")
    year = setup["meeting"].date.year
    xlsx = client.get(f"{API}/orglife/orgs/{setup['orgs']['a'].pk}/records.xlsx?year={year}")
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(content_of(xlsx))).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][3] == setup["meeting"].topic and rows[1][8] == 4
    earlier = client.get(f"{API}/orglife/orgs/{setup['orgs']['a'].pk}/records.xlsx?year={year - 1}")
    assert len(list(load_workbook(io.BytesIO(content_of(earlier))).active.iter_rows())) == 1


def test_with_a_token_too(client, setup):
    key, _token = make_token(setup["users"]["party_futian"])
    response = client.get(f"{API}/orglife/files/{setup['file'].pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and content_of(response) == PNG


def test_the_reads_are_audited_like_the_member_list(client, setup):
    client.force_login(setup["users"]["party_futian"])
    before = AuditEvent.objects.filter(action="party.members_read").count()
    for url in downloads(setup):
        assert client.get(url).status_code == 200, url
    events = AuditEvent.objects.filter(action="party.members_read").order_by("-id")[:3]
    assert AuditEvent.objects.filter(action="party.members_read").count() == before + 3
    assert {e.after["what"] for e in events} == {"orglife:pdf", "orglife:file", "orglife:records_xlsx"}


@pytest.mark.parametrize("who", OUTSIDE + NON_PARTY)
def test_out_of_scope_and_non_party_callers_get_404(client, setup, draft, who):
    client.force_login(setup["users"][who])
    for url in downloads(setup):
        assert client.get(url).status_code == 404, url
    assert upload(client, setup["meeting"].pk, SimpleUploadedFile("签到表.png", PNG)).status_code == 404
    item = draft.items.first()
    assert client.delete(f"{API}/orglife/task-lists/{draft.pk}/items/{item.pk}").status_code == 404
    assert MeetingAttachment.objects.count() == 1 and draft.items.count() == 2
    assert not AuditEvent.objects.filter(action="party.members_read", actor=setup["users"][who]).exists()


def test_a_refused_file_is_422_in_chinese_and_nothing_is_saved(client, setup):
    client.force_login(setup["users"]["secretary_a"])
    m = setup["meeting"]
    # one good file beside the bad one: all refused
    response = upload(
        client,
        m.pk,
        SimpleUploadedFile("签到表.png", PNG),
        SimpleUploadedFile("工具.exe", b"MZ\x90\x00\x03\x00"),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["field"], error["code"]) == ("uploads", "file_type")
    assert error["message"].startswith("工具.exe: 不接受此类文件")
    assert m.attachments.count() == 1


@pytest.mark.parametrize(
    ("language", "message"), [("zh-hans", "所提交的是空文件"), ("en", "The submitted file is empty")]
)
def test_an_empty_file_is_refused_in_the_callers_language(client, setup, language, message):
    client.force_login(setup["users"]["secretary_a"])
    response = upload(
        client, setup["meeting"].pk, SimpleUploadedFile("空.png", b""), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["field"], error["code"]) == ("uploads", "empty") and message in error["message"]
    assert setup["meeting"].attachments.count() == 1


def test_no_file_or_a_wrong_kind_is_refused(client, setup):
    client.force_login(setup["users"]["secretary_a"])
    m = setup["meeting"]
    before = AuditEvent.objects.filter(action="orglife.attachment_add").count()
    nothing = upload(client, m.pk, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert nothing.status_code == 422
    assert nothing.json()["detail"] == [
        {"field": "uploads", "code": "required", "message": "请至少选择一个文件。"}
    ]
    wrong = upload(client, m.pk, SimpleUploadedFile("a.png", PNG), kind="selfie")
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "kind"
    assert m.attachments.count() == 1
    assert AuditEvent.objects.filter(action="orglife.attachment_add").count() == before


def test_the_committee_removes_an_item_of_a_draft(client, setup, draft):
    first, second = draft.items.order_by("seq")
    client.force_login(setup["users"]["secretary_a"])
    # a secretary does not see the committee's lists (as on the page)
    assert client.delete(f"{API}/orglife/task-lists/{draft.pk}/items/{first.pk}").status_code == 404
    client.force_login(setup["users"]["party_futian"])
    response = client.delete(f"{API}/orglife/task-lists/{draft.pk}/items/{first.pk}")
    assert response.status_code == 200
    assert [i["topic"] for i in response.json()["task_list"]["items"]] == ["党小组会"]
    assert list(draft.items.all()) == [second]
    assert AuditEvent.objects.filter(action="orglife.tasklist_item_remove").count() == 1
    # an item of another list is not this list's
    other = setup["item"]
    assert client.delete(f"{API}/orglife/task-lists/{draft.pk}/items/{other.pk}").status_code == 404
    assert TaskItem.objects.filter(pk=other.pk).exists()


def test_an_item_of_a_published_list_stays(client, setup):
    client.force_login(setup["users"]["party_futian"])
    task_list, item = setup["task_list"], setup["item"]
    response = client.delete(
        f"{API}/orglife/task-lists/{task_list.pk}/items/{item.pk}", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["code"] == "published" and error["message"]
    assert TaskItem.objects.filter(pk=item.pk).exists()
