import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from lvxie.audit.services import audit_record
from lvxie.registry.services import lawyer_update

MATRIX_URLS = ["audit:event_list", "audit:event_export"]
OTHER_ROLES = ("city", "sysadmin", "futian", "firm", "lawyer", "nobody")


@pytest.mark.parametrize("url", [reverse("audit:event_list"), reverse("audit:event_export", args=["xlsx"])])
def test_only_the_auditor_reads_the_log(client, world, url):
    # Anonymous: log in first
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    # Every other role: there is no such page
    for other in OTHER_ROLES:
        client.force_login(world["users"][other])
        assert client.get(url).status_code == 404, other
    # The auditor reads it
    client.force_login(world["users"]["auditor"])
    assert client.get(url).status_code == 200


def test_auditor_searches_by_action_and_search_is_recorded(client, world):
    lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], status="suspended")
    client.force_login(world["users"]["auditor"])
    body = client.get(reverse("audit:event_list"), {"action": "lawyer.update"}).content.decode()
    assert "lawyer.update" in body and "張斌" in body
    assert AuditEvent.objects.filter(action="audit.search", actor_id=world["users"]["auditor"].pk).exists()


def test_the_log_reads_in_words_with_a_before_after_table(client, world):
    # Given a lawyer suspended by the Futian administrator
    lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], status="suspended")
    client.force_login(world["users"]["auditor"])
    # When the auditor reads the log, in Chinese and in English
    zh = client.get(reverse("audit:event_list"), {"action": "lawyer.update"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = zh.content.decode()
    # Then the action is named, the change is a table of field, before and after, and no dict text shows
    assert "修改律师" in body and '<table class="change">' in body
    assert '<th scope="row">状态</th><td>执业</td><td>停止执业</td>' in body.replace("\n", "")
    assert "{&#x27;" not in body and "{'" not in body
    assert "共 1 条记录" in body
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        en = client.get(reverse("audit:event_list"), {"action": "lawyer.update"}).content.decode()
    assert "Lawyer changed" in en and "Practice suspended" in en


def test_filters_by_actor_object_result_and_time(client, world):
    lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], status="suspended")
    lawyer_update(actor=world["users"]["nanshan"], lawyer=world["ns_lawyer"], status="suspended")
    audit_record(actor=world["users"]["city"], action="auth.login_failed", result="failure")
    client.force_login(world["users"]["auditor"])
    url = reverse("audit:event_list")

    def shown(**query) -> set[str]:
        page = client.get(url, query).context["page"]
        return {f"{e.actor.username}:{e.action}" for e in page.object_list if e.action != "audit.search"}

    assert shown(actor_name="futian", action="lawyer.update") == {"futian:lawyer.update"}
    assert shown(obj="刘伟东") == {"nanshan:lawyer.update"}
    assert shown(result="failure") == {"city:auth.login_failed"}
    today = dt.date.today()
    assert shown(since=today - dt.timedelta(days=1), action="lawyer.update") == {
        "futian:lawyer.update",
        "nanshan:lawyer.update",
    }
    assert shown(until=today - dt.timedelta(days=2)) == set()


def test_numbered_pages(client, world):
    for n in range(120):
        audit_record(actor=world["users"]["city"], action="auth.login", object_repr=f"n{n}")
    client.force_login(world["users"]["auditor"])
    body = client.get(reverse("audit:event_list"), {"action": "auth.login", "page": 2}).content.decode()
    assert '<strong aria-current="page">2</strong>' in body
    assert "action=auth.login&amp;page=3" in body or "action=auth.login&page=3" in body


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_export_reads_in_words_in_local_time_and_is_audited(client, world, fmt):
    # Given one suspension in the log
    lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], status="suspended")
    event = AuditEvent.objects.get(action="lawyer.update")
    auditor = world["users"]["auditor"]
    client.force_login(auditor)
    # When the auditor exports the log filtered to that action
    response = client.get(reverse("audit:event_export", args=[fmt]), {"action": "lawyer.update"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]
    # Then one row, in words, at Shanghai time
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    local = event.created_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
    assert row["时间"] == local
    assert row["操作"] == "修改律师" and row["操作代码"] == "lawyer.update"
    assert "状态: 执业 → 停止执业" in row["变更"]
    # And the export itself is in the log, with its filter and count
    export = AuditEvent.objects.get(action="audit.export", actor_id=auditor.pk)
    assert export.after == {"format": fmt, "count": 1, "action": "lawyer.update"}


def test_an_unknown_export_format_is_404(client, world):
    client.force_login(world["users"]["auditor"])
    assert client.get(reverse("audit:event_export", args=["pdf"])).status_code == 404
    assert not AuditEvent.objects.filter(action="audit.export").exists()
