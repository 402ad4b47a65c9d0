"""The coverage report as .xlsx and PDF: both open, carry Chinese text, and match the dashboard."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from lvxie.party.coverage import region_figures
from lvxie.party.report import report_rows
from tests.downloads import content_of

pytestmark = pytest.mark.django_db


def test_xlsx_report_matches_the_dashboard_figures(client, party):
    city = party["regions"]["city"]
    client.force_login(party["users"]["party_city"])
    response = client.get(reverse("party:coverage_export", args=["xlsx"]), {"region": city.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    total, children = region_figures(city)
    assert rows[1:] == report_rows(total, children)
    futian = rows[1]
    assert futian[0] == "福田区" and futian[1] == 7 and futian[8] == 8
    assert rows[-1][1:4] == [9, 17, 3]
    dashboard = client.get(reverse("party:coverage"), {"region": city.pk}).content.decode()
    assert f">{total.org_coverage_rate}%<" in dashboard


def test_pdf_report_has_chinese_glyphs_and_the_same_totals(client, party):
    city = party["regions"]["city"]
    client.force_login(party["users"]["party_city"])
    response = client.get(reverse("party:coverage_export", args=["pdf"]), {"region": city.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    fonts = {
        str(f)
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
        for f in [f.get_object()["/BaseFont"]]
    }
    assert any("WenQuanYi" in f for f in fonts)
    assert "福田区" in text and "南山区" in text and "75.0" in text


def test_exports_out_of_scope_are_404(client, party):
    client.force_login(party["users"]["futian"])
    for fmt in ("xlsx", "pdf"):
        url = reverse("party:coverage_export", args=[fmt])
        assert client.get(url, {"region": party["regions"]["nanshan"].pk}).status_code == 404
    client.force_login(party["users"]["firm"])
    assert client.get(reverse("party:coverage_export", args=["xlsx"])).status_code == 404
