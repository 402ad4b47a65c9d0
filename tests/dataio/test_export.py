"""Exports: given a filtered list, when it is downloaded, then the file holds exactly the rows the user
may see, formula-like text is defused, sensitive columns appear only for those who may unmask them,
and the download is in the audit log."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from tests.factories import LawyerFactory

MATRIX_URLS = ["dataio:export"]


def rows_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("what", ["firms", "lawyers", "committees", "offices"])
def test_export_anonymous_redirects_and_nobody_gets_404(client, world, what):
    url = reverse("dataio:export", args=[what])
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["nobody"])
    assert client.get(url).status_code == 404


def test_unknown_export_is_404(client, world):
    client.force_login(world["users"]["city"])
    assert client.get(reverse("dataio:export", args=["users"])).status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_lawyer_export_is_scoped_and_audited(client, world, fmt):
    client.force_login(world["users"]["futian"])
    response = client.get(reverse("dataio:export", args=["lawyers"]), {"format": fmt})
    rows = rows_of(response)
    assert [r[0] for r in rows[1:]] == ["張斌"]
    event = AuditEvent.objects.filter(action="export.download").get()
    assert event.after["rows"] == 1 and event.after["format"] == fmt and event.object_type == "lawyers"


def test_filters_apply_to_the_export(client, world):
    client.force_login(world["users"]["city"])
    rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"q": "liu", "format": "csv"}))
    assert [r[0] for r in rows[1:]] == ["刘伟东"]
    assert AuditEvent.objects.get(action="export.download").after["filters"] == {"q": "liu"}


def test_formula_like_text_is_not_a_formula(client, world):
    LawyerFactory(name="=HYPERLINK(1)", firm=world["ft_firm"], employer="")
    client.force_login(world["users"]["city"])
    csv_rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"format": "csv"}))
    assert [r[0] for r in csv_rows if "HYPERLINK" in r[0]] == ["'=HYPERLINK(1)"]
    response = client.get(reverse("dataio:export", args=["lawyers"]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(c for c in sheet["A"] if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.quotePrefix


def test_sensitive_columns_only_for_those_who_may_unmask(client, world):
    lawyer = world["ft_lawyer"]
    client.force_login(world["users"]["firm"])
    rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"format": "csv"}))
    assert len(rows[0]) == 8 and all(lawyer.id_number not in r for r in rows)
    client.force_login(world["users"]["futian"])
    rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"format": "csv"}))
    assert rows[1][-2] == lawyer.id_number
    page = client.get(reverse("registry:lawyer_list")).content.decode()
    assert reverse("dataio:export", args=["lawyers"]) in page and 'class="muted"' in page
