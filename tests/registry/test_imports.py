"""The registry's import kinds (registry/imports/: firms, lawyers, trainees) read from real workbooks:
given a file, when it is checked, then rows outside the scope or naming an unknown firm are refused,
registered records are updated by their numbers, header variants are read, and every error of a row is
reported at once."""

from django.urls import reverse

from lvxie.dataio.models import ImportJob
from lvxie.registry.models import LawFirm, Lawyer, Trainee
from tests.dataio import files
from tests.dataio.test_import import upload
from tests.factories import credit_code, firm_licence, lawyer_licence


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
