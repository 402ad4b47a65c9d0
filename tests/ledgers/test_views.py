"""Ledger pages as anonymous, in-scope and out-of-scope users; the item's life through the pages, the
stale-version message, evidence served only in scope; the exports read back (.xlsx, PDF)."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from lvxie.ledgers.choices import ItemStatus
from lvxie.ledgers.models import Ledger, RectificationItem
from lvxie.ledgers.services import item_evidence_add
from tests import uploads
from tests.downloads import content_of
from tests.ledgers.conftest import add_item

MATRIX_URLS = [
    "ledgers:create",
    "ledgers:detail",
    "ledgers:evidence",
    "ledgers:evidence_add",
    "ledgers:export",
    "ledgers:item",
    "ledgers:item_create",
    "ledgers:item_update",
    "ledgers:list",
    "ledgers:summary",
    "ledgers:transition",
]


@pytest.fixture
def evidence(world, item):
    item_evidence_add(
        actor=world["users"]["firm"], item=item, files=[uploads.checked(uploads.pdf("记录.pdf"))]
    )
    return item.evidence.get()


def _pages(ledger, item, evidence):
    return [
        reverse("ledgers:detail", args=[ledger.pk]),
        reverse("ledgers:export", args=[ledger.pk, "xlsx"]),
        reverse("ledgers:item_create", args=[ledger.pk]),
        reverse("ledgers:item", args=[item.pk]),
        reverse("ledgers:evidence", args=[item.pk, evidence.pk]),
    ]


def test_detail_pages_matrix(client, world, ledger, item, evidence):
    for url in _pages(ledger, item, evidence):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
        for role in ("futian", "city", "firm"):
            client.force_login(world["users"][role])
            assert client.get(url).status_code == 200, (url, role)
        for role in ("nanshan", "lawyer", "auditor"):
            client.force_login(world["users"][role])
            assert client.get(url).status_code == 404, (url, role)
        client.cookies.clear()  # forget the session; a log-out would end all of the user's sessions


@pytest.mark.parametrize("name", ["ledgers:list", "ledgers:summary", "ledgers:create"])
def test_list_pages_matrix(client, world, ledger, item, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["futian"])
    assert client.get(url).status_code == 200
    client.force_login(world["users"]["nanshan"])
    other = client.get(url)
    assert other.status_code == 200
    assert "福田律师事务所" not in other.content.decode()


def test_post_actions_matrix(client, world, item):
    start = reverse("ledgers:transition", args=[item.pk, "start"])
    update = reverse("ledgers:item_update", args=[item.pk])
    upload = reverse("ledgers:evidence_add", args=[item.pk])
    for url in (start, update, upload):
        assert client.post(url, {"version": item.version}).status_code == 302
    client.force_login(world["users"]["nanshan"])
    for url in (start, update, upload):
        assert client.post(url, {"version": item.version}).status_code == 404
    item.refresh_from_db()
    assert item.status == ItemStatus.OPEN
    client.force_login(world["users"]["firm"])
    assert client.post(start, {"version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_the_firm_sees_no_close_button_and_its_post_is_refused(client, world, item, evidence):
    client.force_login(world["users"]["firm"])
    client.post(reverse("ledgers:transition", args=[item.pk, "submit"]), {"version": item.version})
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    page = client.get(item.get_absolute_url()).content.decode()
    assert "do-close" not in page
    assert (
        client.post(
            reverse("ledgers:transition", args=[item.pk, "close"]), {"version": item.version}
        ).status_code
        == 403
    )
    client.force_login(world["users"]["futian"])
    assert "do-close" in client.get(item.get_absolute_url()).content.decode()
    client.post(reverse("ledgers:transition", args=[item.pk, "close"]), {"version": item.version})
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_the_second_editor_is_told_and_their_change_is_not_saved(client, world, item):
    url = reverse("ledgers:item_update", args=[item.pk])
    data = {
        "problem": item.problem,
        "goal": item.goal,
        "responsible": item.responsible,
        "deadline": item.deadline.isoformat(),
        "version": item.version,
    }
    client.force_login(world["users"]["firm"])
    assert client.post(url, {**data, "measures": "主任的措施"}).status_code == 302
    client.force_login(world["users"]["futian"])
    response = client.post(url, {**data, "measures": "区里的措施"})
    assert response.status_code == 400
    assert "其他人已修改" in response.content.decode()
    item.refresh_from_db()
    assert item.measures == "主任的措施"


def test_add_an_item_and_a_ledger_through_the_pages(client, world):
    client.force_login(world["users"]["firm"])
    response = client.post(
        reverse("ledgers:create"), {"firm": world["ft_firm"].credit_code, "title": "台账", "year": 2024}
    )
    assert response.status_code == 302
    ledger = Ledger.objects.get()
    data = {
        "problem": "问题",
        "goal": "目标",
        "measures": "措施",
        "responsible": "李四",
        "deadline": "2030-01-01",
        "evidence": [uploads.text()],
    }
    assert client.post(reverse("ledgers:item_create", args=[ledger.pk]), data).status_code == 302
    assert RectificationItem.objects.get().number == "2024-001"
    # A firm outside scope is reported like one that does not exist
    response = client.post(
        reverse("ledgers:create"), {"firm": world["ns_firm"].credit_code, "title": "台账", "year": 2024}
    )
    assert response.status_code == 400 and Ledger.objects.count() == 1


def _ledger_with_items(world, ledger):
    firm = world["users"]["firm"]
    today = timezone.localdate()
    late = add_item(firm, ledger, problem="逾期的问题", deadline=today - timedelta(days=3))
    done = add_item(firm, ledger, problem='=HYPERLINK("http://x")', deadline=today + timedelta(days=5))
    item_evidence_add(actor=firm, item=done, files=[uploads.checked(uploads.text())])
    return late, done


def test_the_xlsx_export_has_the_numbers_statuses_and_deadlines_the_page_shows(client, world, ledger):
    late, _done = _ledger_with_items(world, ledger)
    client.force_login(world["users"]["futian"])
    page = client.get(ledger.get_absolute_url()).content.decode()
    response = client.get(reverse("ledgers:export", args=[ledger.pk, "xlsx"]))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("编号", "查摆问题", "整改目标", "整改措施", "责任人", "完成时限", "状态")
    assert [row[0] for row in rows[1:]] == ["2023-001", "2023-002"]
    assert rows[1][5].date() == late.deadline and rows[1][6] == "未开始" and rows[1][7] == "逾期"
    assert rows[2][7] in (None, "")
    # Formula-like text stays text
    assert sheet["B3"].data_type == "s" and rows[2][1].startswith("=HYPERLINK")
    for row in rows[1:]:
        assert row[0] in page and row[5].date().isoformat() in page and row[6] in page


def test_the_pdf_export_lists_the_numbered_items(client, world, ledger):
    _ledger_with_items(world, ledger)
    client.force_login(world["users"]["firm"])
    response = client.get(reverse("ledgers:export", args=[ledger.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "2023-001" in text and "2023-002" in text and "逾期" in text
    assert client.get(reverse("ledgers:export", args=[ledger.pk, "doc"])).status_code == 404


def test_the_summary_counts_overdue_by_district_and_firm(client, world, ledger):
    _ledger_with_items(world, ledger)
    client.force_login(world["users"]["city"])
    response = client.get(reverse("ledgers:summary"))
    assert response.context["overdue"] == 1
    assert response.context["by_firm"][0]["ledger__firm__name"] == "福田律师事务所"
    assert 'data-chart="summary-chart"' in response.content.decode()
    client.force_login(world["users"]["nanshan"])
    assert client.get(reverse("ledgers:summary")).context["total"] == 0


def test_the_responsible_lawyer_reads_their_item_but_cannot_change_it(client, world, ledger):
    lawyer = world["users"]["lawyer"]
    mine = add_item(world["users"]["firm"], ledger, responsible_user=lawyer)
    other = add_item(world["users"]["firm"], ledger)
    client.force_login(lawyer)
    page = client.get(mine.get_absolute_url())
    assert page.status_code == 200 and "do-start" not in page.content.decode()
    assert client.get(other.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("ledgers:transition", args=[mine.pk, "start"]), {"version": mine.version}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_the_ledger_export_costs_the_same_queries_for_two_items_or_twelve(client, world, ledger, fmt):
    # Given a ledger with two items, exported; when ten more items are added and it is exported again
    client.force_login(world["users"]["futian"])
    url = reverse("ledgers:export", args=[ledger.pk, fmt])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            content_of(client.get(url))
        return len(captured)

    firm = world["users"]["firm"]
    _ledger_with_items(world, ledger)
    two = queries()
    for n in range(10):
        add_item(firm, ledger, problem=f"问题{n}")
    # Then no query per item
    assert queries() == two
