"""Backup and restore (GB/T 22239-2019 8.1.4.9 data backup and recovery): a restore drill rebuilds the
database from a backup, checks row counts per table and verifies the audit chain."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lvxie.audit.models import AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain
from lvxie.core.backup import manifest_path
from lvxie.registry.models import LawFirm
from lvxie.registry.services import lawyer_update
from tests.factories import LawFirmFactory


@pytest.fixture
def saved(world, audit_purge, tmp_path):
    """A city with audited changes, backed up."""
    lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], status="suspended")
    audit_record(actor=None, action="test.before_backup")
    path = tmp_path / "lvxie.backup"
    out = StringIO()
    call_command("backup", str(path), stdout=out)
    assert "Backed up" in out.getvalue()
    return path


def test_restore_drill_rebuilds_the_database_and_its_audit_chain_verifies(world, saved):
    manifest = json.loads(manifest_path(saved).read_text())
    firms, events = LawFirm.objects.count(), manifest["tables"]["audit_auditevent"]
    assert manifest["tables"]["registry_lawfirm"] == firms == 2
    # Given a disaster after the backup: new rows, changed rows
    LawFirmFactory(name="事后律师事务所", region=world["regions"]["futian"])
    audit_record(actor=None, action="test.after_backup")
    # When the backup is restored
    out = StringIO()
    call_command("restore", str(saved), "--yes", stdout=out)
    # Then the database is as it was at the backup, row for row, and its chain verifies
    assert "row counts match" in out.getvalue()
    assert LawFirm.objects.count() == firms
    assert not AuditEvent.objects.filter(action="test.after_backup").exists()
    assert AuditEvent.objects.filter(action="lawyer.update").exists()
    # (plus the backup's own event, written after the copy, and the restore's)
    assert AuditEvent.objects.exclude(action="system.restore").count() == events
    assert AuditEvent.objects.filter(action="system.restore").exists()
    report = verify_chain()
    assert report.ok and report.checked == events + 1
    call_command("audit", "verify", stdout=out)


def test_restore_check_fails_when_the_backup_does_not_match_its_manifest(saved):
    manifest = json.loads(manifest_path(saved).read_text())
    manifest["tables"]["registry_lawfirm"] += 1
    manifest_path(saved).write_text(json.dumps(manifest))
    err = StringIO()
    with pytest.raises(CommandError, match="Restore check FAILED"):
        call_command("restore", str(saved), "--yes", stderr=err)
    assert "registry_lawfirm: 2 rows, the backup had 3" in err.getvalue()


def test_restore_needs_confirmation_and_a_backup_never_overwrites(saved):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(saved))
    with pytest.raises(CommandError, match="never overwrites"):
        call_command("backup", str(saved))
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(saved) + ".missing", "--yes")


def test_backup_files_are_private(saved):
    assert saved.stat().st_mode & 0o077 == 0
    assert manifest_path(saved).stat().st_mode & 0o077 == 0
