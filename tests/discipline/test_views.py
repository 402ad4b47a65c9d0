"""The case pages and endpoints for every kind of reader: anonymous, the officer over the case, an officer
elsewhere, the lawyer it is about, their firm, a district and a city administrator, a named person."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lvxie.audit.models import AuditEvent
from lvxie.discipline import services
from lvxie.discipline.choices import CaseStatus

from .conftest import RECORD
from .conftest import step as take

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(dw, case):
    return take(case, dw["officer"], "notify", reason="经查，你另行收取费用。", investigation_record=RECORD)


def readers(dw):
    users = dw["users"]
    return {
        "officer": dw["officer"],
        "city_officer": dw["officers"]["city"],
        "other_officer": dw["officers"]["nanshan"],
        "lawyer": users["lawyer"],
        "firm": users["firm"],
        "district_admin": users["futian"],
        "city_admin": users["city"],
    }


# Who sees a notified case against the Futian lawyer (the others get 404).
SEES = {"officer", "city_officer", "lawyer"}


def pages(case):
    return [
        reverse("discipline:detail", args=[case.pk]),
        reverse("discipline:document", args=[case.pk, "notice"]),
    ]


@pytest.mark.parametrize(
    "who", ["officer", "city_officer", "other_officer", "lawyer", "firm", "district_admin", "city_admin"]
)
def test_case_pages_by_reader(client, dw, notified, who):
    client.force_login(readers(dw)[who])
    for url in pages(notified):
        response = client.get(url)
        assert response.status_code == (200 if who in SEES else 404), (url, who)
    api = client.get(f"/api/v1/discipline/cases/{notified.pk}")
    assert api.status_code == (200 if who in SEES else 404)
    listed = client.get(reverse("discipline:list")).content.decode()
    assert (notified.number in listed) == (who in SEES)
    api_list = client.get("/api/v1/discipline/cases").json()
    assert (notified.number in [c["number"] for c in api_list["items"]]) == (who in SEES)


def test_anonymous_is_sent_to_log_in_and_the_api_refuses(client, notified):
    for url in [
        *pages(notified),
        reverse("discipline:list"),
        reverse("discipline:oversight"),
        reverse("discipline:open"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(f"/api/v1/discipline/cases/{notified.pk}").status_code == 401
    assert client.get("/api/v1/discipline/oversight").status_code == 401


def test_the_lawyer_sees_what_they_were_told_never_the_record(client, dw, notified):
    client.force_login(dw["users"]["lawyer"])
    body = client.get(reverse("discipline:detail", args=[notified.pk])).content.decode()
    assert "经查，你另行收取费用。" in body and RECORD not in body and "当事人反映" not in body
    data = client.get(f"/api/v1/discipline/cases/{notified.pk}").json()
    assert data["investigation_record"] is None and data["facts"] is None
    assert set(data["steps"]) == {"answer", "ask_hearing"}
    assert AuditEvent.objects.filter(action="discipline.case_read", object_id=str(notified.pk)).count() == 2
    client.get(reverse("discipline:list"))
    listed = AuditEvent.objects.filter(action="discipline.case_read", object_id="").get()
    assert listed.after == {"what": "list", "cases": [notified.number]}


def test_an_officer_reads_without_audit_a_named_person_with(client, dw, notified):
    client.force_login(dw["officer"])
    body = client.get(reverse("discipline:detail", args=[notified.pk])).content.decode()
    assert RECORD in body
    client.get(reverse("discipline:list"))
    assert not AuditEvent.objects.filter(action="discipline.case_read").exists()
    named = dw["users"]["nanshan"]
    response = client.post(reverse("discipline:grant", args=[notified.pk]), {"username": named.username})
    assert response.status_code == 302
    client.force_login(named)
    assert RECORD in client.get(reverse("discipline:detail", args=[notified.pk])).content.decode()
    event = AuditEvent.objects.get(action="discipline.case_read")
    assert event.actor_id == named.pk
    assert named.notifications.filter(title__contains=notified.number).exists()
    client.force_login(dw["officer"])
    client.post(reverse("discipline:ungrant", args=[notified.pk, named.pk]))
    client.force_login(named)
    assert client.get(reverse("discipline:detail", args=[notified.pk])).status_code == 404


def test_the_lawyer_cannot_be_named_on_their_case(client, dw, notified):
    client.force_login(dw["officer"])
    client.post(reverse("discipline:grant", args=[notified.pk]), {"username": "lawyer"}, follow=True)
    assert not notified.grants.exists()


def test_a_case_under_investigation_is_hidden_from_the_lawyer(client, dw, case):
    client.force_login(dw["users"]["lawyer"])
    assert client.get(reverse("discipline:detail", args=[case.pk])).status_code == 404


def test_the_lawyer_answers_from_their_account_and_the_officer_decides(client, dw, notified):
    client.force_login(dw["users"]["lawyer"])
    url = reverse("discipline:step", args=[notified.pk, "answer"])
    client.post(url, {"version": notified.version, "reason": "该费用有票据。"})
    notified.refresh_from_db()
    assert notified.status == CaseStatus.DELIBERATING and notified.answer == "该费用有票据。"
    client.force_login(dw["officer"])
    response = client.post(
        reverse("discipline:step", args=[notified.pk, "decide"]),
        {"version": notified.version, "reason": "违规属实。", "decision": "warning", "publish_days": "0"},
    )
    assert response.status_code == 302
    notified.refresh_from_db()
    assert notified.status == CaseStatus.DECIDED and notified.sanction_kind == "warning"
    pdf = client.get(reverse("discipline:document", args=[notified.pk, "decision"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(
        p.extract_text()
        for p in PdfReader(
            io.BytesIO(b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]))
        ).pages
    )
    assert notified.number in text and "警告" in text and "违规属实" in text and "十五个工作日" in text


def test_a_step_out_of_order_says_why_and_changes_nothing(client, dw, notified):
    client.force_login(dw["officer"])
    response = client.post(
        reverse("discipline:step", args=[notified.pk, "decide"]),
        {"version": notified.version, "reason": "x", "decision": "warning"},
        follow=True,
    )
    assert "不能" in response.content.decode() or "cannot" in response.content.decode()
    notified.refresh_from_db()
    assert notified.status == CaseStatus.NOTIFIED
    api = client.post(
        f"/api/v1/discipline/cases/{notified.pk}/steps/review",
        {"reason": "x", "decision": "granted"},
        content_type="application/json",
    )
    assert api.status_code == 422 and api.json()["detail"][0]["code"] == "transition"


def test_the_lawyer_cannot_take_the_officers_step(client, dw, notified):
    client.force_login(dw["users"]["lawyer"])
    api = client.post(
        f"/api/v1/discipline/cases/{notified.pk}/steps/no_answer", {}, content_type="application/json"
    )
    assert api.status_code == 403


def test_an_officer_opens_a_case_on_the_page_and_the_api(client, dw):
    client.force_login(dw["officer"])
    response = client.post(
        reverse("discipline:open"),
        {
            "lawyer_licence": dw["ft_lawyer"].licence_no,
            "conduct": "neglect",
            "summary": "怠于履职",
            "facts": "未按时出庭。",
        },
    )
    assert response.status_code == 302
    api = client.post(
        "/api/v1/discipline/cases",
        {
            "firm": dw["ft_firm"].pk,
            "conduct": "management",
            "summary": "管理不善",
            "facts": "未建立利冲审查制度。",
        },
        content_type="application/json",
    )
    assert api.status_code == 201 and api.json()["status"] == "investigating"
    outside = client.post(
        "/api/v1/discipline/cases",
        {"lawyer": dw["ns_lawyer"].pk, "conduct": "fees", "summary": "x", "facts": "y"},
        content_type="application/json",
    )
    assert outside.status_code == 403
    bad = client.post(reverse("discipline:open"), {"conduct": "fees", "summary": "x", "facts": "y"})
    assert bad.status_code == 400


def test_the_firm_sees_a_case_against_the_firm_itself(client, dw):
    case = services.case_open(
        actor=dw["officer"], firm=dw["ft_firm"], conduct="management", summary="管理不善", facts="x"
    )
    take(case, dw["officer"], "notify", reason="告知。", investigation_record="记录。")
    client.force_login(dw["users"]["firm"])
    assert client.get(reverse("discipline:detail", args=[case.pk])).status_code == 200
    client.force_login(dw["users"]["lawyer"])
    assert client.get(reverse("discipline:detail", args=[case.pk])).status_code == 404


@pytest.mark.parametrize(
    "who", ["officer", "city_officer", "other_officer", "lawyer", "firm", "district_admin", "city_admin"]
)
def test_oversight_by_reader(client, dw, notified, who):
    client.force_login(readers(dw)[who])
    futian = dw["regions"]["futian"].code
    officer = who in {"officer", "city_officer"}
    page = client.get(reverse("discipline:oversight"), {"region": futian})
    assert page.status_code == (200 if officer else 404)
    export = client.get(reverse("discipline:oversight_export"), {"region": futian})
    assert export.status_code == (200 if officer else 404)
    api = client.get("/api/v1/discipline/oversight", {"region": futian})
    assert api.status_code == (200 if officer else 404)
    if officer:
        assert api.json()["open"] == 1 and api.json()["by_source"][0]["count"] == 1


def test_sanctions_show_on_the_registry_pages_to_staff_in_scope(client, dw, notified):
    take(notified, dw["users"]["lawyer"], "answer", reason="答辩。")
    take(notified, dw["officer"], "decide", decision="warning", reason="警告理由。")
    url = reverse("registry:lawyer_detail", args=[dw["ft_lawyer"].pk])
    for who, shown in (("district_admin", True), ("firm", True), ("lawyer", True), ("city_admin", True)):
        client.force_login(readers(dw)[who])
        assert ('id="sanctions"' in client.get(url).content.decode()) == shown, who
    client.force_login(dw["users"]["nanshan"])
    assert client.get(url).status_code == 404


def test_a_firms_sanction_shows_on_its_registry_page(client, dw):
    case = services.case_open(
        actor=dw["officer"], firm=dw["ft_firm"], conduct="management", summary="管理不善", facts="x"
    )
    take(case, dw["officer"], "notify", reason="告知。", investigation_record="记录。")
    take(case, dw["officer"], "answer", reason="书面申辩（纸质，代为录入）。")
    take(case, dw["officer"], "decide", decision="criticism", reason="管理不善属实。")
    url = reverse("registry:firm_detail", args=[dw["ft_firm"].pk])
    client.force_login(dw["users"]["firm"])
    assert 'id="sanctions"' in client.get(url).content.decode()
    client.force_login(dw["users"]["futian"])
    assert "管理不善属实。" in client.get(url).content.decode()


def test_public_sanctions_need_no_log_in(client):
    assert client.get(reverse("public:sanctions")).status_code == 200
    assert client.get("/api/v1/public/sanctions").json() == []


MATRIX_URLS = [
    "discipline:list",
    "discipline:open",
    "discipline:detail",
    "discipline:record",
    "discipline:step",
    "discipline:grant",
    "discipline:ungrant",
    "discipline:document",
    "discipline:oversight",
    "discipline:oversight_export",
    "api:discipline_case_list",
    "api:discipline_case_detail",
    "api:discipline_case_open",
    "api:discipline_case_step",
    "api:discipline_case_record",
    "api:discipline_case_grant",
    "api:discipline_case_document",
    "api:discipline_oversight",
    "api:public_sanctions",
    "public:sanctions",
]


def writes(case, user_pk):
    """Every write of a case, on the pages and in the API: (method path, body)."""
    return [
        (reverse("discipline:record", args=[case.pk]), {"version": case.version, "text": "改"}, False),
        (reverse("discipline:step", args=[case.pk, "no_answer"]), {"version": case.version}, False),
        (reverse("discipline:grant", args=[case.pk]), {"username": "city"}, False),
        (reverse("discipline:ungrant", args=[case.pk, user_pk]), {}, False),
        (f"/api/v1/discipline/cases/{case.pk}/record", {"version": case.version, "text": "改"}, True),
        (f"/api/v1/discipline/cases/{case.pk}/steps/no_answer", {}, True),
        (f"/api/v1/discipline/cases/{case.pk}/grants", {"username": "city"}, True),
    ]


@pytest.mark.parametrize("who", ["anonymous", "other_officer", "district_admin", "city_admin", "firm"])
def test_writes_by_those_who_may_not_see_the_case_change_nothing(client, dw, notified, who):
    if who != "anonymous":
        client.force_login(readers(dw)[who])
    for url, body, api in writes(notified, dw["users"]["nanshan"].pk):
        response = client.post(url, body, content_type="application/json") if api else client.post(url, body)
        expected = (401 if api else 302) if who == "anonymous" else 404
        assert response.status_code == expected, (url, who)
    assert client.get(f"/api/v1/discipline/cases/{notified.pk}/documents/notice").status_code == (
        401 if who == "anonymous" else 404
    )
    notified.refresh_from_db()
    assert notified.status == CaseStatus.NOTIFIED and notified.version == 2 and not notified.grants.exists()


def test_the_lawyer_may_read_but_not_handle(client, dw, notified):
    client.force_login(dw["users"]["lawyer"])
    api = client.post(
        f"/api/v1/discipline/cases/{notified.pk}/grants",
        {"username": "city"},
        content_type="application/json",
    )
    assert api.status_code == 403
    record = client.post(
        f"/api/v1/discipline/cases/{notified.pk}/record",
        {"version": notified.version, "text": "x"},
        content_type="application/json",
    )
    assert record.status_code == 403
    assert client.get(f"/api/v1/discipline/cases/{notified.pk}/documents/notice").content.startswith(b"%PDF")
    assert client.get(f"/api/v1/discipline/cases/{notified.pk}/documents/decision").status_code == 404
