"""The API for search, imports and exports: anonymous 401, in scope 200/201, out of scope 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.core.validators import mask_id_number
from lvxie.dataio.models import ImportJob
from lvxie.dataio.services import export_unmasked_grant
from lvxie.registry.models import Lawyer
from tests.api.conftest import API
from tests.dataio import files
from tests.downloads import content_of
from tests.factories import lawyer_licence, make_user

MATRIX_URLS = [
    "api:search_view",
    "api:import_upload",
    "api:import_detail",
    "api:import_commit",
    "api:export",
    "api:export_unmasked",
]


def test_search_needs_a_login(client, world):
    assert client.get(f"{API}/search", {"q": "zhang"}).status_code == 401


def test_search_finds_in_scope_only(as_user, world):
    body = as_user(world["users"]["futian"]).get(f"{API}/search", {"q": "張斌"}).json()
    assert [row["name"] for row in body["lawyers"]] == ["張斌"]
    assert body["lawyers"][0]["id_number_masked"] != ""
    body = as_user(world["users"]["nanshan"]).get(f"{API}/search", {"q": "張斌"}).json()
    assert body == {"firms": [], "lawyers": []}


def test_search_refuses_blank_query(as_user, world):
    assert as_user(world["users"]["city"]).get(f"{API}/search", {"q": ""}).status_code == 422


def _upload(client, rows):
    data = files.xlsx(files.LAWYER_HEADERS, rows)
    return client.post(f"{API}/imports", {"kind": "lawyers", "file": SimpleUploadedFile("l.xlsx", data)})


def test_import_report_then_commit(as_user, world):
    client = as_user(world["users"]["futian"])
    rows = [["欧阳明", "男", lawyer_licence(9101), "", world["ft_firm"].credit_code, 2015, ""]]
    response = _upload(client, rows)
    assert response.status_code == 201
    job = response.json()
    assert job["status"] == "previewed" and job["report"]["create"] == 1 and job["can_commit"]
    response = client.post(f"{API}/imports/{job['id']}/commit")
    assert response.status_code == 202 and response.json()["status"] == "committed"
    assert Lawyer.objects.filter(licence_no=lawyer_licence(9101)).exists()


def test_import_bad_row_report(as_user, world):
    client = as_user(world["users"]["futian"])
    rows = [["欧阳明", "男", "123", "", world["ft_firm"].credit_code, 2015, ""]]
    job = _upload(client, rows).json()
    assert job["report"]["refused"] == 1 and job["report"]["errors"][0]["row"] == 2
    assert client.post(f"{API}/imports/{job['id']}/commit").status_code == 422


def test_import_hostile_file_is_422_and_leaves_nothing(as_user, world):
    client = as_user(world["users"]["futian"])
    data = files.xml_bomb(files.xlsx(files.LAWYER_HEADERS, [["a"]]))
    response = client.post(f"{API}/imports", {"kind": "lawyers", "file": SimpleUploadedFile("l.xlsx", data)})
    assert response.status_code == 422 and not ImportJob.objects.exists()


@pytest.mark.parametrize("user", ["nobody", "lawyer"])
def test_import_out_of_scope_is_404(as_user, world, user):
    assert _upload(as_user(world["users"][user]), []).status_code == 404


def test_import_anonymous_is_401(client, world):
    assert _upload(client, []).status_code == 401


def test_other_users_job_is_404(as_user, world):
    client = as_user(world["users"]["futian"])
    row = ["欧阳明", "男", lawyer_licence(9102), "", world["ft_firm"].credit_code, 2015, ""]
    job = _upload(client, [row]).json()
    client = as_user(world["users"]["city"])
    assert client.get(f"{API}/imports/{job['id']}").status_code == 404
    assert client.post(f"{API}/imports/{job['id']}/commit").status_code == 404


def test_export_scoped(as_user, client, world):
    assert client.get(f"{API}/exports/lawyers").status_code == 401
    response = as_user(world["users"]["futian"]).get(f"{API}/exports/lawyers", {"format": "csv"})
    text = content_of(response).decode("utf-8-sig")
    assert response.status_code == 200 and "張斌" in text and "刘伟东" not in text
    # ID numbers are masked by default, for a sensitive reader too
    assert world["ft_lawyer"].id_number not in text and mask_id_number(world["ft_lawyer"].id_number) in text
    assert as_user(world["users"]["nobody"]).get(f"{API}/exports/lawyers").status_code == 404


def _unmasked(client, data):
    return client.post(f"{API}/exports/lawyers?q=張斌", data)


@pytest.mark.parametrize("user", ["futian", "city", "firm"])
def test_unmasked_export_without_the_permission_is_403(as_user, world, user):
    response = _unmasked(as_user(world["users"][user]), {"format": "csv", "reason": "核查"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="export.download").exists()


def test_unmasked_export_over_the_api_needs_the_permission_and_a_reason(as_user, client, world):
    assert _unmasked(client, {"reason": "核查"}).status_code == 401
    user = world["users"]["futian"]
    export_unmasked_grant(actor=make_user(Role.SECURITY_ADMIN), user=user)
    client = as_user(user)
    # Without a reason: 422, nothing exported, nothing recorded
    for data in ({"format": "csv"}, {"format": "csv", "reason": "  "}):
        assert _unmasked(client, data).status_code == 422
    assert not AuditEvent.objects.filter(action="export.download").exists()
    # With one: the file, unmasked, and the reason and the count in the audit log
    response = _unmasked(client, {"format": "csv", "reason": "核查执业信息"})
    assert response.status_code == 200 and world["ft_lawyer"].id_number in content_of(response).decode()
    event = AuditEvent.objects.get(action="export.download")
    assert event.after["reason"] == "核查执业信息" and event.after["rows"] == 1 and event.after["unmasked"]
    # Only lawyers carry ID numbers: another list is 404
    assert client.post(f"{API}/exports/firms", {"reason": "核查"}).status_code == 404


def test_import_reads_every_row_and_reports_every_error(as_user, world):
    # given a sheet declaring 2 rows that holds 3, the third with three errors
    client = as_user(world["users"]["futian"])
    firm = world["ft_firm"].credit_code
    rows = [
        ["欧阳明", "男", lawyer_licence(9201), "", firm, 2015, ""],
        ["单晓红", "女", lawyer_licence(9202), "", firm, 2016, ""],
        ["李四", "未知", "123", "", firm, "去年", ""],
    ]
    data = files.lying_dimension(files.xlsx(files.LAWYER_HEADERS, rows), b"A1:G2")
    response = client.post(f"{API}/imports", {"kind": "lawyers", "file": SimpleUploadedFile("l.xlsx", data)})
    report = response.json()["report"]
    assert (report["rows"], report["create"], report["refused"]) == (3, 2, 1)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (4, "性别"),
        (4, "执业证号"),
        (4, "首次执业年份"),
    ]
