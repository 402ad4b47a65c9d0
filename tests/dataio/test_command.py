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


def test_a_sheet_declaring_fewer_rows_is_imported_whole(world, tmp_path, lawyer_rows, capsys):
    # given a file of three lawyers whose <dimension> says it ends at row 2
    path = tmp_path / "lying.xlsx"
    path.write_bytes(files.lying_dimension(files.xlsx(files.LAWYER_HEADERS, lawyer_rows)))
    # when it is imported, then all three are saved, not one
    call_command("import", "lawyers", str(path), "--user", "futian")
    assert "create 3, update 0, refused 0" in capsys.readouterr().out
    assert Lawyer.objects.filter(licence_no__in=[row[2] for row in lawyer_rows]).count() == 3


def test_every_error_of_a_row_is_printed_and_a_formula_named(world, tmp_path, lawyer_rows, capsys):
    # given a row with a formula for a name, an unknown gender and a bad licence number
    bad = ["x", "未知", "123", "", world["ft_firm"].credit_code, 2015, ""]
    data = files.formula(files.xlsx(files.LAWYER_HEADERS, [*lawyer_rows, bad]), "A5", b"1+1", b"2")
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command("import", "lawyers", str(path), "--user", "futian")
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("row 5")]
    assert len(errors) == 3 and "A5" in errors[0], errors
    assert not Lawyer.objects.filter(licence_no=lawyer_rows[0][2]).exists()
