"""`lvxie import KIND FILE [--dry-run] [--user NAME]`: the same checks as the web import."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from lvxie.dataio import services
from lvxie.registry.models import Lawyer
from tests.dataio import files


@pytest.fixture
def workbook(tmp_path, lawyer_rows):
    path = tmp_path / "lawyers.xlsx"
    path.write_bytes(files.xlsx(files.LAWYER_HEADERS, lawyer_rows))
    return path


def test_dry_run_reports_and_saves_nothing(world, workbook, capsys):
    before = Lawyer.objects.count()
    call_command("import", "lawyers", str(workbook), "--dry-run")
    assert "create 3, update 0, refused 0" in capsys.readouterr().out
    assert Lawyer.objects.count() == before


def test_import_saves_in_the_users_scope(world, workbook):
    before = Lawyer.objects.count()
    call_command("import", "lawyers", str(workbook), "--user", "futian")
    assert Lawyer.objects.count() == before + 3
    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command("import", "lawyers", str(workbook), "--user", "nanshan")  # Futian's firm: out of scope


def test_hostile_file_fails_with_a_message(world, tmp_path, lawyer_rows):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(files.zip_bomb(files.xlsx(files.LAWYER_HEADERS, lawyer_rows)))
    with pytest.raises(CommandError):
        call_command("import", "lawyers", str(path))


def test_import_file_checks_and_saves_synchronously(world, lawyer_rows):
    """The function the command and the benchmark call: the same checks, scope and services."""
    data = files.xlsx(files.LAWYER_HEADERS, lawyer_rows)
    futian, nanshan = world["users"]["futian"], world["users"]["nanshan"]
    # a dry run reports and saves nothing
    report = services.import_file(actor=futian, kind="lawyers", content=data, commit=False)
    assert report["create"] == 3 and not report.get("committed")
    assert not Lawyer.objects.filter(licence_no=lawyer_rows[0][2]).exists()
    # out of scope: refused rows, nothing saved
    report = services.import_file(actor=nanshan, kind="lawyers", content=data, commit=True)
    assert report["refused"] == 3 and not report.get("committed")
    # in scope, committed
    report = services.import_file(actor=futian, kind="lawyers", content=data, commit=True)
    assert report["committed"] and Lawyer.objects.filter(licence_no=lawyer_rows[0][2]).exists()
    # a kind the actor may not import is refused outright
    with pytest.raises(PermissionDenied):
        services.import_file(actor=futian, kind="members", content=data, commit=False)
