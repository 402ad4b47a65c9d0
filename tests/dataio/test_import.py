"""Importing real workbooks: given a file, when it is checked and committed, then the registry holds
exactly the good rows, or nothing at all when any row is refused."""

import pytest
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.dataio.choices import JobStatus
from lvxie.dataio.models import ImportJob
from lvxie.registry.models import LawFirm, Lawyer, Trainee
from tests.dataio import files
from tests.factories import credit_code, firm_licence, lawyer_licence

MATRIX_URLS = [
    "dataio:import_list",
    "dataio:import_detail",
    "dataio:import_progress",
    "dataio:import_commit",
    "dataio:import_template",
]


def upload(client, kind, data, name="data.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("dataio:import_list"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


def test_good_file_previews_then_commits(client, world, lawyer_rows):
    client.force_login(world["users"]["futian"])
    before = Lawyer.objects.count()
    response = upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, lawyer_rows))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.PREVIEWED
    assert job.report["create"] == 3 and job.report["refused"] == 0
    assert Lawyer.objects.count() == before  # a dry run saves nothing
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200 and "歐陽明" in page.content.decode()
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and job.content == b""
    assert Lawyer.objects.count() == before + 3
    assert Lawyer.objects.get(licence_no=lawyer_licence(9001)).name_pinyin == "ouyangming"
    assert Lawyer.objects.get(licence_no=lawyer_licence(9003)).name_pinyin.startswith("zeng")
    assert AuditEvent.objects.filter(action="import.commit").count() == 1


def test_one_bad_row_changes_nothing_and_is_reported(client, world, lawyer_rows):
    client.force_login(world["users"]["futian"])
    bad = [
        "李四",
        "男",
        lawyer_licence(9004)[:-1] + "X",
        "",
        world["ft_firm"].credit_code,
        2015,
        "440304198503120010",
    ]
    rows = [*lawyer_rows, bad, lawyer_rows[0]]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    job = ImportJob.objects.get()
    assert job.report["refused"] == 2 and not job.can_commit
    by_row = {(e["row"], e["column"]) for e in job.report["errors"]}
    assert (5, "执业证号") in by_row and (5, "身份证号") in by_row  # bad licence format, bad check digit
    assert (6, "执业证号") in by_row  # repeats row 2
    assert "重复" in str(job.report["errors"]) or "Repeats" in str(job.report["errors"])
    response = client.post(reverse("dataio:import_commit", args=[job.pk]))
    assert response.status_code == 302
    assert not Lawyer.objects.filter(licence_no__in=[r[2] for r in lawyer_rows]).exists()


def test_out_of_scope_and_unknown_firm_are_refused(client, world):
    client.force_login(world["users"]["futian"])
    rows = [
        ["王五", "男", lawyer_licence(9005), "", world["ns_firm"].credit_code, 2015, ""],
        ["赵六", "男", lawyer_licence(9006), "", "不存在律师事务所", 2015, ""],
    ]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    errors = ImportJob.objects.get().report["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "律师事务所"), (3, "律师事务所")]


def test_records_registered_outside_the_scope_are_refused_and_left_alone(client, world):
    """A district administrator's sheet names a lawyer and a firm of another district by their keys."""
    client.force_login(world["users"]["futian"])
    lawyer, firm = world["ns_lawyer"], world["ns_firm"]
    rows = [["改名", "男", lawyer.licence_no, "", world["ft_firm"].credit_code, 2015, ""]]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    firm_headers = ["律所名称", "统一社会信用代码", "执业许可证号", "所在区"]
    upload(
        client, "firms", files.xlsx(firm_headers, [["改名所", firm.credit_code, firm.licence_no, "福田区"]])
    )
    lawyer_job, firm_job = ImportJob.objects.order_by("pk")
    for job, column in ((lawyer_job, "执业证号"), (firm_job, "统一社会信用代码")):
        assert not job.can_commit
        assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(2, column)]
        assert "范围" in job.report["errors"][0]["message"] or "scope" in job.report["errors"][0]["message"]
    lawyer.refresh_from_db()
    firm.refresh_from_db()
    assert (lawyer.name, firm.name) == ("刘伟东", "南山律师事务所")


def test_upsert_by_licence_number_and_duplicate_name_warning(client, world):
    client.force_login(world["users"]["futian"])
    lawyer = world["ft_lawyer"]  # 張斌
    rows = [
        [lawyer.name, "男", lawyer.licence_no, "", world["ft_firm"].credit_code, 2017, ""],
        ["张斌", "男", lawyer_licence(9007), "", world["ft_firm"].credit_code, 2016, ""],
    ]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    job = ImportJob.objects.get()
    assert (job.report["create"], job.report["update"]) == (1, 1)
    assert any(w["row"] == 3 and lawyer.licence_no in w["message"] for w in job.report["warnings"])
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    lawyer.refresh_from_db()
    assert lawyer.first_licensed_year == 2017


def test_header_variants_and_traditional_headers_are_accepted(client, world):
    client.force_login(world["users"]["city"])
    headers = ["律所名稱", "統一社會信用代碼（必填）", "许可证号", "區", "党建写入章程"]
    rows = [["新律师事务所", credit_code(8001), firm_licence(8001), "南山区", "是"]]
    upload(client, "firms", files.xlsx(headers, rows))
    job = ImportJob.objects.get()
    assert job.report["create"] == 1, job.report
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    assert LawFirm.objects.get(credit_code=credit_code(8001)).party_building_in_bylaws


def test_firm_admin_imports_trainees_of_own_firm_only(client, world):
    client.force_login(world["users"]["firm"])
    headers = ["姓名", "性别", "实习证号", "律师事务所", "实习开始日期"]
    rows = [
        ["单晓", "女", "S1", world["ft_firm"].credit_code, "2024-07-01"],
        ["仇七", "男", "S2", world["ns_firm"].credit_code, "2024/7/1"],
    ]
    upload(client, "trainees", files.xlsx(headers, rows))
    job = ImportJob.objects.get()
    assert job.report["create"] == 1 and [e["row"] for e in job.report["errors"]] == [3]
    assert "firms" not in dict(
        client.get(reverse("dataio:import_list")).context["form"].fields["kind"].choices
    )
    assert not Trainee.objects.filter(certificate_no="S1").exists()


@pytest.mark.parametrize("make", [files.zip_bomb, files.xml_bomb, files.huge_declared])
def test_hostile_upload_is_refused_and_leaves_nothing(client, world, lawyer_rows, make):
    client.force_login(world["users"]["futian"])
    response = upload(client, "lawyers", make(files.xlsx(files.LAWYER_HEADERS, lawyer_rows)))
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_renamed_binary_upload_is_refused(client, world):
    client.force_login(world["users"]["futian"])
    response = upload(client, "lawyers", files.renamed_binary(), name="lawyers.xlsx")
    assert response.status_code == 400 and not ImportJob.objects.exists()
    assert "xlsx" in response.content.decode()


@pytest.mark.parametrize(
    "user, status", [("nobody", 404), ("lawyer", 404), ("auditor", 404), ("futian", 200), ("firm", 200)]
)
def test_import_page_access(client, world, user, status):
    client.force_login(world["users"][user])
    assert client.get(reverse("dataio:import_list")).status_code == status


def test_import_page_anonymous_redirects(client, world):
    assert client.get(reverse("dataio:import_list")).status_code == 302


def test_job_of_another_user_is_404(client, world, lawyer_rows):
    client.force_login(world["users"]["futian"])
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, lawyer_rows))
    job = ImportJob.objects.get()
    client.force_login(world["users"]["city"])
    for name in ("dataio:import_detail", "dataio:import_progress"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("dataio:import_commit", args=[job.pk])).status_code == 404


def test_template_download(client, world):
    client.force_login(world["users"]["city"])
    response = client.get(reverse("dataio:import_template", args=["lawyers"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    client.force_login(world["users"]["lawyer"])
    assert client.get(reverse("dataio:import_template", args=["lawyers"])).status_code == 404


def test_conflict_found_only_at_save_fails_the_job_and_saves_nothing(client, world):
    # given a new firm whose practice licence number already belongs to another firm
    client.force_login(world["users"]["city"])
    headers = ["律所名称", "统一社会信用代码", "执业许可证号", "所在区"]
    rows = [
        ["甲律师事务所", credit_code(8101), firm_licence(8101), "福田区"],
        ["乙律师事务所", credit_code(8102), world["ns_firm"].licence_no, "南山区"],
    ]
    upload(client, "firms", files.xlsx(headers, rows))
    job = ImportJob.objects.get()
    assert job.can_commit
    # when it is committed, then the database refuses it as a whole and the job says so
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.report["file_errors"]
    assert not LawFirm.objects.filter(credit_code=credit_code(8101)).exists()


def test_import_list_queries_do_not_grow_with_jobs(client, world, lawyer_rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["users"]["futian"])
    url = reverse("dataio:import_list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, lawyer_rows))
    few = count()
    for _ in range(3):
        upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, lawyer_rows))
    assert count() == few <= 8


def test_reimporting_a_large_file_updates_every_row(client, world):
    # given 950 lawyers imported (more than one chunk of look-ups)
    client.force_login(world["users"]["futian"])
    firm = world["ft_firm"]
    rows = [[f"王{i}", "男", lawyer_licence(20000 + i), "", firm.credit_code, 2015, ""] for i in range(950)]
    data = files.xlsx(files.LAWYER_HEADERS, rows)
    upload(client, "lawyers", data)
    client.post(reverse("dataio:import_commit", args=[ImportJob.objects.get().pk]))
    # when the same file comes again, then every row is an update and nothing is duplicated
    upload(client, "lawyers", data)
    again = ImportJob.objects.order_by("-id").first()
    assert (again.report["create"], again.report["update"], again.report["refused"]) == (0, 950, 0)
    assert Lawyer.objects.filter(firm=firm).count() == 951


@pytest.mark.parametrize("kind", ["firms", "lawyers", "trainees"])
def test_downloaded_template_is_read_back_with_every_column(client, world, kind):
    client.force_login(world["users"]["city"])
    template = client.get(reverse("dataio:import_template", args=[kind])).content
    upload(client, kind, template, name="template.xlsx")
    report = ImportJob.objects.get().report
    assert report["file_errors"] == [] and report["ignored_headers"] == [] and report["rows"] == 1


def test_a_sheet_declaring_fewer_rows_is_imported_whole_or_not_at_all(client, world):
    # given 30 lawyers in a sheet whose <dimension> says it ends at row 2
    client.force_login(world["users"]["futian"])
    firm = world["ft_firm"]
    rows = [[f"王{i}", "男", lawyer_licence(30000 + i), "", firm.credit_code, 2015, ""] for i in range(30)]
    upload(client, "lawyers", files.lying_dimension(files.xlsx(files.LAWYER_HEADERS, rows)))
    job = ImportJob.objects.get()
    # when it is checked and saved, then every row is counted, and every row saved
    assert (job.report["rows"], job.report["create"]) == (30, 30)
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    assert Lawyer.objects.filter(licence_no__in=[row[2] for row in rows]).count() == 30


def test_a_formula_cell_refuses_its_row_naming_the_cell(client, world, lawyer_rows):
    # given a sheet whose second lawyer's name is "=1+1", saved by Excel with the cached value 2
    client.force_login(world["users"]["futian"])
    data = files.formula(files.xlsx(files.LAWYER_HEADERS, lawyer_rows), "A3", b"1+1", b"2")
    upload(client, "lawyers", data)
    job = ImportJob.objects.get()
    # then the row is refused, the cell named, and nothing can be saved
    assert job.report["refused"] == 1 and not job.can_commit
    [error] = job.report["errors"]
    assert (error["row"], error["column"]) == (3, "姓名") and error["message"].startswith("A3")
    assert not Lawyer.objects.filter(name="2").exists()


def test_a_formula_in_a_column_not_imported_is_ignored(client, world, lawyer_rows):
    client.force_login(world["users"]["futian"])
    headers = [*files.LAWYER_HEADERS, "备注"]
    data = files.xlsx(headers, [[*row, "x"] for row in lawyer_rows])
    upload(client, "lawyers", files.formula(data, "H2", b'"x"&amp;"y"', b"xy", b"str"))
    job = ImportJob.objects.get()
    assert job.can_commit and job.report["ignored_headers"] == ["备注"], job.report


def test_every_error_of_a_row_is_reported_at_once(client, world):
    # given a row with five things wrong: gender, licence number, firm, year and ID number
    client.force_login(world["users"]["futian"])
    rows = [["李四", "未知", "123", "", "不存在律师事务所", "二〇一五", "440304198503120019"]]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    job = ImportJob.objects.get()
    # then the report names all five, so that one correction of the file is enough
    columns = [e["column"] for e in job.report["errors"]]
    assert sorted(columns) == sorted(["性别", "执业证号", "律师事务所", "首次执业年份", "身份证号"]), columns
    assert job.report["refused"] == 1


def test_a_repeated_key_is_reported_with_the_rows_other_errors(client, world, lawyer_rows):
    client.force_login(world["users"]["futian"])
    repeat = [*lawyer_rows[0][:1], "未知", *lawyer_rows[0][2:]]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, [lawyer_rows[0], repeat]))
    errors = ImportJob.objects.get().report["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(3, "执业证号"), (3, "性别")}


def test_every_error_of_a_firm_row_is_reported_at_once(client, world):
    client.force_login(world["users"]["city"])
    headers = ["律所名称", "统一社会信用代码", "执业许可证号", "所在区", "成立日期"]
    rows = [["新所", credit_code(8201)[:-1] + "0", "123", "不存在区", "昨天"]]
    upload(client, "firms", files.xlsx(headers, rows))
    columns = {e["column"] for e in ImportJob.objects.get().report["errors"]}
    assert columns == {"统一社会信用代码", "执业许可证号", "所在区", "成立日期"}


@pytest.mark.parametrize("kind", ["firms", "lawyers", "trainees", "members"])
def test_each_kinds_template_as_downloaded_passes_its_own_checks(client, world, kind):
    # given the records the examples refer to (a firm, a district, a Party branch and its lawyer)
    from lvxie.registry.imports import LAWYER_LICENCE_EXAMPLE
    from tests.factories import LawyerFactory
    from tests.party.world import build_party_world

    party = build_party_world(world)
    LawyerFactory(name="欧阳明", licence_no=LAWYER_LICENCE_EXAMPLE, firm=party["firms"]["a"])
    user = party["users"]["party_futian"] if kind == "members" else world["users"]["city"]
    client.force_login(user)
    # when the template is downloaded and uploaded unchanged (a dry run)
    template = client.get(reverse("dataio:import_template", args=[kind])).content
    upload(client, kind, template, name="template.xlsx")
    # then its example row is accepted, as it stands
    report = ImportJob.objects.get().report
    assert (report["refused"], report["errors"], report["file_errors"]) == (0, [], []), report
    assert report["create"] + report["update"] == 1


def test_a_record_outside_the_scope_is_refused_with_the_rows_own_errors_only(client, world):
    # given a Futian sheet naming a Nanshan lawyer by licence number, its gender cell wrong too
    client.force_login(world["users"]["futian"])
    lawyer = world["ns_lawyer"]
    rows = [["改名", "未知", lawyer.licence_no, "", world["ft_firm"].credit_code, 2015, ""]]
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    # then both are reported, and nothing drawn from the registered record
    errors = ImportJob.objects.get().report["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "性别"), (2, "执业证号")]
    lawyer.refresh_from_db()
    assert lawyer.name == "刘伟东"


def test_the_job_list_names_the_kind_in_the_readers_language(client, world):
    admin = world["users"]["futian"]
    ImportJob.objects.create(kind="lawyers", filename="律师名册.xlsx", content=b"", created_by=admin)
    client.force_login(admin)
    for language, label in (("en", "Lawyers"), ("zh-hans", "律师")):
        client.cookies["django_language"] = language
        page = client.get(reverse("dataio:import_list")).content.decode()
        row = page[page.index("律师名册.xlsx") :].split("</tr>")[0]
        assert f"<td>{label}</td>" in row, language
        assert "<td>lawyers</td>" not in row
