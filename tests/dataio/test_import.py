"""Importing real workbooks: given a file, when it is checked and committed, then the registry holds
exactly the good rows, or nothing at all when any row is refused."""

import pytest
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.dataio.choices import JobStatus
from lvxie.dataio.models import ImportJob
from lvxie.registry.models import LawFirm, Lawyer
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


def test_an_import_reads_only_the_firms_and_districts_its_file_names(world):
    """A national administrator's small file costs what a district administrator's does: the firms
    are looked up by what the file writes (credit code or name), not all loaded."""
    from lvxie.registry.imports.common import Places

    city, ft_firm, ns_firm = world["users"]["city"], world["ft_firm"], world["ns_firm"]
    places = Places(city, firms=[f" {ft_firm.credit_code.lower()} ", "", ns_firm.name], districts=["", " "])
    assert (
        places.firm("firm", ft_firm.credit_code) == ft_firm and places.firm("firm", ns_firm.name) == ns_firm
    )
    assert set(places.firms.values()) == {ft_firm, ns_firm} and places.districts == {}
    # Out of scope stays unknown, named or not.
    assert Places(world["users"]["futian"], firms=[ns_firm.credit_code]).firms == {}
    assert (
        Places(city, firms=[], districts=["福田区"]).district("region", "福田区")
        == world["regions"]["futian"]
    )
