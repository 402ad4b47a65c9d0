"""The handlers' pages and the staff API as anonymous, in-scope and out-of-scope users: the list, the
complaint, its steps, the people named, a declared conflict, its papers, the registration form."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lvxie.complaints import services
from lvxie.complaints.choices import ComplaintStatus
from lvxie.complaints.models import Complaint
from tests.complaints.conftest import SECRET_NAME, intake

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "complaints:list",
    "complaints:register",
    "complaints:detail",
    "complaints:step",
    "complaints:name",
    "complaints:conflict",
    "complaints:file",
    "api:complaint_list",
    "api:complaint_detail",
    "api:complaint_register",
    "api:complaint_step",
    "api:complaint_name",
    "api:complaint_conflict",
]


@pytest.fixture
def with_file(cw):
    upload = SimpleUploadedFile("票据.pdf", b"%PDF-1.4 receipt")
    from lvxie.core.uploads import check_upload

    return services.complaint_submit(intake=intake(cw), files=[check_upload(upload)]).complaint


def test_anonymous_callers_are_sent_to_log_in_or_refused(client, with_file):
    pk, file_pk = with_file.pk, with_file.files.get().pk
    for url in (
        reverse("complaints:list"),
        reverse("complaints:register"),
        reverse("complaints:detail", args=[pk]),
        reverse("complaints:file", args=[pk, file_pk]),
    ):
        assert client.get(url).status_code == 302
    for url in (
        reverse("complaints:step", args=[pk, "accept"]),
        reverse("complaints:name", args=[pk]),
        reverse("complaints:conflict", args=[pk]),
    ):
        assert client.post(url).status_code == 302
    assert client.get("/api/v1/complaints").status_code == 401
    assert client.get(f"/api/v1/complaints/{pk}").status_code == 401
    assert (
        client.post(f"/api/v1/complaints/{pk}/steps/accept", {}, content_type="application/json").status_code
        == 401
    )
    assert Complaint.objects.get().status == ComplaintStatus.RECEIVED


def test_the_officer_in_scope_works_the_complaint_on_its_pages(client, cw, with_file):
    pk = with_file.pk
    client.force_login(cw["officer"])
    listed = client.get(reverse("complaints:list"), {"status": "received"}).content.decode()
    assert with_file.number in listed and SECRET_NAME in listed
    page = client.get(reverse("complaints:detail", args=[pk])).content.decode()
    assert "受理" in page and "票据.pdf" in page
    download = client.get(reverse("complaints:file", args=[pk, with_file.files.get().pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    client.post(reverse("complaints:step", args=[pk, "accept"]), {"version": 1})
    with_file.refresh_from_db()
    assert with_file.status == ComplaintStatus.ACCEPTED
    response = client.post(
        reverse("complaints:step", args=[pk, "triage_simple"]),
        {"version": with_file.version, "track": "mediation"},
    )
    assert response.status_code == 302
    with_file.refresh_from_db()
    assert with_file.status == ComplaintStatus.ACCEPTED  # no criteria: refused, told on the page
    page = client.get(reverse("complaints:detail", args=[pk])).content.decode()
    assert "请记录繁简分流的依据" in page
    client.post(reverse("complaints:name", args=[pk]), {"username": "staff_named", "kind": "handler"})
    assert with_file.access.get().user == cw["staff"]
    client.post(reverse("complaints:name", args=[pk]), {"username": "lawyer", "kind": "handler"})
    assert with_file.access.count() == 1
    assert "该投诉针对的就是此人" in client.get(reverse("complaints:detail", args=[pk])).content.decode()


def test_the_officer_registers_a_letter(client, cw):
    client.force_login(cw["officer"])
    assert client.get(reverse("complaints:register")).status_code == 200
    response = client.post(
        reverse("complaints:register"),
        {
            "source": "letter",
            "received_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "lawyer": cw["ft_lawyer"].pk,
            "conduct": "neglect",
            "facts": "来信反映律师怠于履职",
            "complainant_name": "来信人",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.source == "letter" and complaint.created_by == cw["officer"]
    refused = client.post(reverse("complaints:register"), {"source": "court", "lawyer": cw["ft_lawyer"].pk})
    assert refused.status_code == 400 and Complaint.objects.count() == 1


def test_out_of_scope_users_get_404_and_change_nothing(client, cw, with_file):
    pk, file_pk = with_file.pk, with_file.files.get().pk
    for who in ("officer_ns", "staff"):
        client.force_login(cw[who])
        assert client.get(reverse("complaints:detail", args=[pk])).status_code == 404
        assert client.get(reverse("complaints:file", args=[pk, file_pk])).status_code == 404
        assert client.post(reverse("complaints:step", args=[pk, "accept"]), {"version": 1}).status_code == 404
        assert (
            client.post(
                reverse("complaints:name", args=[pk]), {"username": who, "kind": "handler"}
            ).status_code
            == 404
        )
        assert client.post(reverse("complaints:conflict", args=[pk]), {"note": "x"}).status_code == 404
        assert with_file.number not in client.get(reverse("complaints:list")).content.decode()
        assert client.get(f"/api/v1/complaints/{pk}").status_code == 404
        step = client.post(
            f"/api/v1/complaints/{pk}/steps/accept", {"version": 1}, content_type="application/json"
        )
        assert step.status_code == 404
    client.force_login(cw["users"]["futian"])
    assert client.get(reverse("complaints:register")).status_code == 404
    assert Complaint.objects.get().status == ComplaintStatus.RECEIVED and not with_file.access.exists()


def test_the_lawyer_reads_but_cannot_act_or_download(client, cw, with_file):
    services.complaint_step(actor=cw["officer"], complaint=with_file, action="accept")
    client.force_login(cw["users"]["lawyer"])
    page = client.get(reverse("complaints:detail", args=[with_file.pk])).content.decode()
    assert "票据.pdf" not in page and 'name="step"' not in page
    assert (
        client.get(reverse("complaints:file", args=[with_file.pk, with_file.files.get().pk])).status_code
        == 404
    )
    client.post(
        reverse("complaints:step", args=[with_file.pk, "triage_complex"]),
        {"version": 2, "criteria": ["serious"]},
    )
    with_file.refresh_from_db()
    assert with_file.status == ComplaintStatus.ACCEPTED


def test_the_staff_api_takes_every_step_the_page_does(client, cw):
    client.force_login(cw["officer"])
    made = client.post(
        "/api/v1/complaints",
        {
            "source": "12348",
            "referring_body": "12348热线",
            "lawyer_id": cw["ft_lawyer"].pk,
            "conduct": "fees",
            "facts": "热线转来",
            "complainant_name": "来电人",
            "confidential": True,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    pk = body["complaint"]["id"]
    assert body["code"] and body["complaint"]["steps"] == ["accept", "ask_papers", "refer", "decline"]

    def step(action, **payload):
        version = client.get(f"/api/v1/complaints/{pk}").json()["version"]
        return client.post(
            f"/api/v1/complaints/{pk}/steps/{action}",
            {"version": version, **payload},
            content_type="application/json",
        )

    assert step("ask_papers", reason="请补充证据").json()["status"] == "papers"
    assert step("papers_received").json()["status"] == "received"
    assert step("accept").json()["status"] == "accepted"
    refused = step("close", decision="no_breach", reason="x")
    assert refused.status_code == 422 and refused.json()["detail"][0]["code"] == "transition"
    assert step("triage_complex", criteria=["serious"]).json()["status"] == "complex"
    assert step("close", decision="decided", reason="处分程序终结").json()["status"] == "closed"
    named = client.post(
        f"/api/v1/complaints/{pk}/people",
        {"username": "staff_named", "kind": "reader"},
        content_type="application/json",
    )
    assert named.status_code == 422 and named.json()["detail"][0]["code"] == "finished"
    listed = client.get("/api/v1/complaints", {"source": "12348", "status": "closed"}).json()
    assert [row["id"] for row in listed["items"]] == [pk]
    assert client.get("/api/v1/complaints", {"conduct": "neglect"}).json()["count"] == 0


def test_the_api_names_people_and_takes_conflicts(client, cw, filed):
    complaint, _code = filed
    client.force_login(cw["officer"])
    named = client.post(
        f"/api/v1/complaints/{complaint.pk}/people",
        {"username": "staff_named", "kind": "handler"},
        content_type="application/json",
    )
    assert named.status_code == 200 and named.json() == [{"username": "staff_named", "kind": "handler"}]
    refused = client.post(
        f"/api/v1/complaints/{complaint.pk}/people",
        {"username": "lawyer", "kind": "handler"},
        content_type="application/json",
    )
    assert refused.status_code == 422 and refused.json()["detail"][0]["code"] == "conflict"
    client.force_login(cw["staff"])
    declared = client.post(
        f"/api/v1/complaints/{complaint.pk}/conflict", {"note": "认识该律师"}, content_type="application/json"
    )
    assert declared.status_code == 204
    assert client.get(f"/api/v1/complaints/{complaint.pk}").status_code == 404
