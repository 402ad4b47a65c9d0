"""A commendation round's results exported to .xlsx and PDF, on the page and through the API: the
issuing side only (a Party round is Party-side data: the bar's staff get 404 like anyone out of scope),
each export audited."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.commendations import services
from lvxie.commendations.choices import NominationStatus
from lvxie.workflow import publication
from lvxie.workflow import services as workflow_services
from tests.api.conftest import API
from tests.factories import make_user

from .conftest import fresh, vote_all

pytestmark = pytest.mark.django_db

MATRIX_URLS = ["commendations:export", "api:round_export"]


@pytest.fixture
def decided(cw, rnd, nominated):
    """The panel recommended A支部 and A's member (one place: N's member is not), the notice is open."""
    vote_all(cw, nominated, {"org": (True, True), "a_member": (True, True), "n_member": (False, True)})
    services.panel_decide(actor=cw["issuer"], call=rnd)
    services.notice_open(actor=cw["issuer"], call=rnd)
    return nominated


def _urls(rnd):
    return [
        reverse("commendations:export", args=[rnd.pk, "xlsx"]),
        reverse("commendations:export", args=[rnd.pk, "pdf"]),
        f"{API}/commendations/rounds/{rnd.pk}/results.xlsx",
        f"{API}/commendations/rounds/{rnd.pk}/results.pdf",
    ]


def test_anonymous_callers_are_sent_to_log_in_or_refused(client, rnd, decided):
    page_xlsx, page_pdf, api_xlsx, api_pdf = _urls(rnd)
    for url in (page_xlsx, page_pdf):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url in (api_xlsx, api_pdf):
        assert client.get(url).status_code == 401


def test_out_of_scope_non_party_and_non_issuing_users_get_404(client, cw, rnd, decided):
    elsewhere = make_user(Role.PARTY_ADMIN, region=cw["regions"]["tianhe"], username="party_tianhe")
    non_party = [cw["users"]["city"], cw["users"]["futian"], cw["users"]["firm"]]
    in_scope = [cw["users"]["secretary_a"], cw["secretary_n"]]  # they see the round, but do not issue it
    for user in (elsewhere, *non_party, *in_scope):
        client.force_login(user)
        for url in _urls(rnd):
            assert client.get(url).status_code == 404, (user.username, url)
        page = client.get(reverse("commendations:round", args=[rnd.pk]))
        assert 'id="export-xlsx"' not in page.content.decode()
    assert not AuditEvent.objects.filter(action="commendation.results_export").exists()


def _rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("via", ["page", "api"])
def test_the_issuing_side_exports_the_results(client, cw, rnd, decided, via):
    client.force_login(cw["issuer"])
    page = client.get(reverse("commendations:round", args=[rnd.pk])).content.decode()
    assert 'id="export-xlsx"' in page and 'id="export-pdf"' in page
    xlsx_url, pdf_url = _urls(rnd)[0:2] if via == "page" else _urls(rnd)[2:4]
    response = client.get(xlsx_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = _rows(response.content)
    assert header == ["推荐对象", "单位", "类别", "赞成票", "反对票", "评审推荐", "公示", "表彰"]
    a_org, a_member, n_member = (cw["orgs"]["a"], cw["lawyers"]["a"][0], cw["lawyers"]["n"][0])
    by_name = {r[0]: r for r in rows}
    assert len(rows) == 3 and set(by_name) == {a_org.name, a_member.name, n_member.name}
    assert by_name[a_org.name][2:7] == ["先进基层党组织", 2, 0, "评审通过", "公示中"]
    assert by_name[a_member.name][3:6] == [2, 0, "评审通过"]
    assert by_name[n_member.name][3:6] == [1, 1, "未通过评审"]
    assert [r[2] for r in rows] == ["先进基层党组织", "优秀共产党员", "优秀共产党员"]  # the kind's order
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"
    events = AuditEvent.objects.filter(action="commendation.results_export").order_by("pk")
    assert [e.after["format"] for e in events] == ["xlsx", "pdf"]
    assert all(e.after["rows"] == 3 and e.actor_id == cw["issuer"].pk for e in events)


def test_an_unknown_format_is_404(client, cw, rnd):
    client.force_login(cw["issuer"])
    assert client.get(reverse("commendations:export", args=[rnd.pk, "csv"])).status_code == 404
    assert client.get(f"{API}/commendations/rounds/{rnd.pk}/results.csv").status_code == 404


def test_the_export_shows_the_notice_outcome_and_the_award(client, cw, rnd, decided):
    window = publication.windows_of(fresh(decided["a_member"]))[0]
    objection = workflow_services.objection_submit(window=window, text="该同志曾受到行业处分。")
    services.objection_decide(actor=cw["issuer"], objection=objection, upheld=True, reason="经核实属实。")
    services.award_confirm(actor=cw["issuer"], call=rnd, now=window.ends_at + dt.timedelta(seconds=1))
    client.force_login(cw["issuer"])
    _, *rows = _rows(client.get(_urls(rnd)[0]).content)
    by_name = {r[0]: r for r in rows}
    org = by_name[cw["orgs"]["a"].name]
    assert org[6] == "公示无异议" and org[7].startswith(rnd.title)
    member = by_name[cw["lawyers"]["a"][0].name]
    assert member[6] == str(NominationStatus.STOPPED.label) and member[7] is None
