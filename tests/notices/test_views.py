"""Notice pages as anonymous, in-scope and out-of-scope users; opening, acknowledging and replying
through the pages; attachments only to recipients; the receipts export read back."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.notices.models import Notice, Receipt
from tests import uploads
from tests.downloads import content_of
from tests.notices.conftest import write_notice


def _urls(notice, receipt):
    attachment = notice.attachments.get()
    return {
        "detail": reverse("notices:detail", args=[notice.pk]),
        "attachment": reverse("notices:attachment", args=[notice.pk, attachment.pk]),
        "export": reverse("notices:receipts_export", args=[notice.pk]),
    }


@pytest.mark.parametrize("name", ["detail", "attachment"])
def test_a_firm_outside_the_audience_gets_404(client, world, futian_only, ns_firm_admin, name):
    receipt = futian_only.receipts.get()
    url = _urls(futian_only, receipt)[name]
    # Anonymous: log in first
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    # The recipient firm: the page or the file
    client.force_login(world["users"]["firm"])
    assert client.get(url).status_code == 200
    # A firm outside the audience, and another district: it does not exist
    for user in (ns_firm_admin, world["users"]["nanshan"], world["users"]["lawyer"]):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_staff_pages_matrix(client, world, futian_only):
    for name, args in [
        ("notices:update", []),
        ("notices:receipts_export", []),
    ]:
        url = reverse(name, args=[futian_only.pk, *args])
        assert client.get(url).status_code == 302
        client.force_login(world["users"]["futian"])
        assert client.get(url).status_code == 200
        client.force_login(world["users"]["nanshan"])
        assert client.get(url).status_code == 404
        client.cookies.clear()  # forget the session; a log-out would end all of the user's sessions


@pytest.mark.parametrize("name", ["notices:list", "notices:inbox", "notices:create"])
def test_list_pages_matrix(client, world, futian_only, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["futian"])
    assert client.get(url).status_code == 200
    client.force_login(world["users"]["nanshan"])
    other = client.get(url)
    assert other.status_code in (200, 403)
    assert futian_only.title not in other.content.decode() or name == "notices:create"


def test_the_firm_inbox_lists_its_notice_and_opening_marks_it_read(client, world, futian_only):
    client.force_login(world["users"]["firm"])
    assert futian_only.title in client.get(reverse("notices:inbox")).content.decode()
    receipt = futian_only.receipts.get()
    assert receipt.read_at is None
    page = client.get(futian_only.get_absolute_url()).content.decode()
    receipt.refresh_from_db()
    assert receipt.read_at is not None
    assert "确认收到" in page  # the acknowledge button, in Chinese


def test_acknowledge_and_reply_through_the_pages(client, world, futian_only):
    receipt = futian_only.receipts.get()
    ack = reverse("notices:acknowledge", args=[receipt.pk])
    reply = reverse("notices:reply", args=[receipt.pk])
    assert client.post(ack).status_code == 302 and Receipt.objects.get().acknowledged_at is None
    client.force_login(world["users"]["nanshan"])
    assert client.post(ack).status_code == 404
    client.force_login(world["users"]["futian"])
    assert client.post(ack).status_code == 403  # staff see the receipt but do not answer for the firm
    client.force_login(world["users"]["firm"])
    assert client.post(ack).status_code == 302
    response = client.post(reply, {"text": "学习计划", "files": [uploads.pdf(), uploads.xlsx()]})
    assert response.status_code == 302
    receipt.refresh_from_db()
    assert receipt.replied_at and sorted(receipt.files.values_list("name", flat=True)) == [
        "台账.xlsx",
        "学习计划.pdf",
    ]
    # A reply file is served to the firm and to the staff above, as a download; to no one else
    file_url = reverse("notices:reply_file", args=[receipt.pk, receipt.files.first().pk])
    download = client.get(file_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    client.force_login(world["users"]["futian"])
    assert client.get(file_url).status_code == 200
    client.force_login(world["users"]["nanshan"])
    assert client.get(file_url).status_code == 404


def test_an_impostor_file_is_refused_with_a_message_and_nothing_changes(client, world, futian_only):
    receipt = futian_only.receipts.get()
    client.force_login(world["users"]["firm"])
    response = client.post(
        reverse("notices:reply", args=[receipt.pk]), {"files": [uploads.exe()]}, follow=True
    )
    assert "不接受此类文件" in response.content.decode()
    receipt.refresh_from_db()
    assert receipt.replied_at is None


def test_write_and_publish_through_the_pages(client, world):
    client.force_login(world["users"]["futian"])
    data = {
        "title": "福田区通知",
        "body": "正文",
        "sender_region": world["regions"]["futian"].pk,
        "audience_kind": "subtree",
        "reply_due": "",
        "attachments": [uploads.pdf()],
    }
    response = client.post(reverse("notices:create"), data)
    assert response.status_code == 302
    notice = Notice.objects.get(title="福田区通知")
    assert notice.attachments.count() == 1
    assert client.post(reverse("notices:publish", args=[notice.pk])).status_code == 302
    assert list(notice.receipts.values_list("firm", flat=True)) == [world["ft_firm"].pk]
    # The progress shows on the page; the late ones can be reminded
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "福田律师事务所" in page
    assert client.post(reverse("notices:remind", args=[notice.pk])).status_code == 302
    client.force_login(world["users"]["nanshan"])
    assert client.post(reverse("notices:publish", args=[notice.pk])).status_code == 404


def test_the_form_refuses_a_reply_without_a_date_and_an_unknown_firm(client, world):
    client.force_login(world["users"]["futian"])
    data = {
        "title": "通知",
        "body": "正文",
        "sender_region": world["regions"]["futian"].pk,
        "audience_kind": "firms",
        "audience_firms": "南山律师事务所",
        "reply_required": "on",
    }
    response = client.post(reverse("notices:create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "没有该律师事务所" in body  # 南山 is not visible to 福田: reported like one that does not exist
    assert not Notice.objects.exists()


def test_the_receipts_export_opens_with_the_states_the_page_shows(client, world, published):
    client.force_login(world["users"]["city"])
    response = client.get(reverse("notices:receipts_export", args=[published.pk]))
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("区", "律师事务所", "状态")
    assert {row[1] for row in rows[1:]} == {"福田律师事务所", "南山律师事务所"}
    assert {row[2] for row in rows[1:]} == {"未打开"}


def test_an_attachment_is_removed_from_a_draft_only_by_its_staff(client, world):
    notice = write_notice(world["users"]["futian"], world["regions"]["futian"])
    attachment = notice.attachments.get()
    url = reverse("notices:attachment_remove", args=[notice.pk, attachment.pk])
    client.force_login(world["users"]["nanshan"])
    assert client.post(url).status_code == 404
    client.force_login(world["users"]["futian"])
    assert "移除" in client.get(reverse("notices:update", args=[notice.pk])).content.decode()
    assert client.post(url).status_code == 302
    assert not notice.attachments.exists()


def test_the_receipts_export_gives_times_in_local_time_as_the_page_does(client, world, published):
    # Given a receipt first opened at 02:30 UTC, which the page shows as 10:30 in Shenzhen
    from datetime import UTC, datetime

    opened = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)
    Receipt.objects.filter(notice=published, firm=world["ft_firm"]).update(read_at=opened)
    client.force_login(world["users"]["city"])
    # When the receipts are exported
    response = client.get(reverse("notices:receipts_export", args=[published.pk]))
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    # Then the time is 10:30, not the stored 02:30
    assert rows["福田律师事务所"][3] == datetime(2026, 3, 2, 10, 30)


def test_a_refused_attachment_keeps_the_reply_text_and_names_the_file(client, world, futian_only):
    receipt = futian_only.receipts.get()
    client.force_login(world["users"]["firm"])
    # Given a reply typed with an executable disguised as a PDF attached
    response = client.post(
        reverse("notices:reply", args=[receipt.pk]),
        {"text": "已组织全所学习，计划附后", "files": [uploads.exe("计划.pdf")]},
    )
    # Then the form comes back with the text as typed and the error under the file field
    assert response.status_code == 400
    form = response.context["reply_form"]
    assert form["text"].value() == "已组织全所学习，计划附后"
    assert list(form.errors) == ["files"] and "计划.pdf" in form.errors["files"][0]
    body = response.content.decode()
    assert "已组织全所学习，计划附后</textarea>" in body and 'class="errorlist"' in body
    # And nothing was saved
    receipt.refresh_from_db()
    assert receipt.replied_at is None and not receipt.files.exists()


def test_a_reply_refused_by_the_service_comes_back_with_the_reason(client, world, futian_only):
    receipt = futian_only.receipts.get()
    client.force_login(world["users"]["firm"])
    # Given a reply of blanks only, which the service refuses
    response = client.post(reverse("notices:reply", args=[receipt.pk]), {"text": "   "})
    # Then the form comes back with the reason on it, and nothing was saved
    assert response.status_code == 400
    assert response.context["reply_form"].non_field_errors() == ["请填写回复内容或上传文件。"]
    receipt.refresh_from_db()
    assert receipt.replied_at is None
