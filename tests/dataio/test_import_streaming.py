"""A large lawyers file saved as it is checked (importing.check_and_save): given a file of more rows than
COPY takes, when it is committed, then on PostgreSQL each new lawyer is written while the next rows are
checked, and the outcome is the two-step path's: every row saved with the same report, or, when a row is
refused anywhere in the file, nothing saved and every refused row reported. On SQLite the same tests run
the two-step path (no COPY)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.core.bulk import COPY_FROM_ROWS
from lvxie.dataio import importing, services
from lvxie.dataio.choices import JobStatus
from lvxie.dataio.kinds import get_kind
from lvxie.dataio.models import ImportJob
from lvxie.dataio.parsing import read_table
from lvxie.registry.imports.lawyers import LawyerImport
from lvxie.registry.models import LawFirm, Lawyer
from tests.dataio import files
from tests.dataio.test_import import upload
from tests.factories import lawyer_licence

ROWS = COPY_FROM_ROWS + 40


def _rows(world, count=ROWS, start=20_000):
    firm = world["ft_firm"]
    return [
        [
            f"导入{n}号",
            "男" if n % 2 else "女",
            lawyer_licence(start + n),
            "专职律师",
            firm.credit_code,
            2016,
            "",
        ]
        for n in range(count)
    ]


def _streams() -> bool:
    return connection.vendor == "postgresql"


def test_a_large_file_is_saved_as_it_is_checked_with_the_preview_s_report(client, world):
    client.force_login(world["users"]["futian"])
    rows = _rows(world)
    known = world["ft_lawyer"]
    # an update of a registered lawyer, and a likely duplicate (warned of, not refused)
    rows[3] = [known.name, "男", known.licence_no, "专职律师", world["ft_firm"].credit_code, 2016, ""]
    rows[5][0] = rows[6][0] = "同名律师"
    before = Lawyer.objects.count()
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    job = ImportJob.objects.get()
    preview = dict(job.report)
    assert job.can_commit and preview["create"] == ROWS - 1 and preview["update"] == 1
    assert len(preview["warnings"]) == 2
    assert importing.streams(get_kind("lawyers"), ROWS) is _streams()
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("dataio:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and job.processed_rows == ROWS
    assert {**job.report, "committed": False} == {**preview, "committed": False} and job.report["committed"]
    assert Lawyer.objects.count() == before + ROWS - 1
    saved = Lawyer.objects.get(licence_no=lawyer_licence(20_000 + ROWS - 1))
    assert saved.region_path == world["ft_firm"].region.path and saved.name_pinyin
    commit = AuditEvent.objects.get(action="import.commit")
    assert commit.after == {"created": ROWS - 1, "updated": 1}
    assert AuditEvent.objects.get(action="lawyer.bulk_create").after == {"count": ROWS - 1}
    copies = [q for q in queries.captured_queries if q["sql"].startswith("COPY ")]
    assert len(copies) == (1 if _streams() else 0)


def test_a_row_refused_late_saves_nothing_and_every_refused_row_is_reported(world):
    actor = world["users"]["futian"]
    rows = _rows(world)
    rows[ROWS - 5][2] = "not a licence"
    rows[ROWS - 1][6] = "440304198503120010"  # a wrong check character
    content = files.xlsx(files.LAWYER_HEADERS, rows)
    before = Lawyer.objects.count()
    report = services.import_file(actor=actor, kind="lawyers", content=content, commit=True)
    assert not report.get("committed") and report["refused"] == 2
    assert {error["row"] for error in report["errors"]} == {ROWS - 5 + 2, ROWS - 1 + 2}
    expected, _valid = importing.check(get_kind("lawyers"), actor, read_table(content))
    assert report == expected  # the report of a check alone
    assert Lawyer.objects.count() == before
    assert not AuditEvent.objects.filter(action__in=["import.commit", "lawyer.bulk_create"]).exists()


def test_a_conflict_met_while_saving_fails_the_job_with_the_check_s_report(client, world, monkeypatch):
    """A lawyer registered between the check's look-up and the save (here: hidden from the look-up, as a
    concurrent registration would be): the database refuses the row, nothing is saved, the job says so."""
    client.force_login(world["users"]["futian"])
    rows = _rows(world)
    taken = world["ft_lawyer"].licence_no
    rows[ROWS - 2][2] = taken
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, rows))
    job = ImportJob.objects.get()
    load = LawyerImport.load

    def unaware(self, actor, rows):
        load(self, actor, rows)
        self.existing.pop(taken, None)

    monkeypatch.setattr(LawyerImport, "load", unaware)
    before = Lawyer.objects.count()
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.report["file_errors"]
    assert job.report["create"] == ROWS  # the check's own figures are kept beside the refusal
    assert Lawyer.objects.count() == before


def test_while_a_save_holds_the_job_its_readers_see_the_progress_it_keeps(world):
    actor = world["users"]["futian"]
    job = ImportJob.objects.create(
        created_by=actor, kind="lawyers", filename="big.xlsx", content=b"", status=JobStatus.COMMITTING
    )
    services._held_progress(job)(500, ROWS)
    seen = services.import_recover(actor=actor, job=job)
    assert (seen.processed_rows, seen.total_rows, seen.percent) == (500, ROWS, 500 * 100 // ROWS)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.COMMITTED, processed_rows=ROWS)
    done = services.import_recover(actor=actor, job=ImportJob.objects.get(pk=job.pk))
    assert done.processed_rows == ROWS  # done: the row says


@pytest.mark.parametrize("kind", ["firms", "trainees"])
def test_kinds_that_do_not_stream_take_the_two_step_path(kind):
    assert not importing.streams(get_kind(kind), 100_000)


def test_a_kind_that_does_not_stream_saves_checked_rows_all_at_once_the_same(world):
    """`save_checking` of a kind that does not stream: every row checked first, then saved as `save` does."""
    from tests.factories import credit_code, firm_licence

    headers = ["律所名称", "统一社会信用代码", "执业许可证号", "所在区"]
    rows = [[f"测试{n}律师事务所", credit_code(7000 + n), firm_licence(7000 + n), "福田区"] for n in range(3)]
    table = read_table(files.xlsx(headers, rows))
    report = importing.check_and_save(
        importing.Checking(get_kind("firms"), world["users"]["city"], table, None), filename="firms.xlsx"
    )
    assert report["committed"] and report["create"] == 3
    assert LawFirm.objects.filter(name__startswith="测试", name__endswith="律师事务所").count() == 3
    assert AuditEvent.objects.get(action="import.commit").after == {"created": 3, "updated": 0}
