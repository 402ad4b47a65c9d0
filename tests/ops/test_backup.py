"""Backup and restore (GB/T 22239-2019 8.1.4.9 data backup and recovery): a restore drill rebuilds the
database from a backup, checks row counts per table and verifies the audit chain. The audit log survives
both: a backup holds its own event; a restore keeps the events it erases and records the gap."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lvxie.audit.archive import verify_archive
from lvxie.audit.models import AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain
from lvxie.ops.backup import manifest_path
from lvxie.registry.models import LawFirm
from lvxie.registry.services import lawyer_update, sensitive_reveal
from tests.factories import LawFirmFactory

pytestmark = pytest.mark.usefixtures("audit_archive_dir")


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
    # (the backup's own event among them, plus the restore's)
    assert AuditEvent.objects.exclude(action="backup.restore").count() == events
    assert AuditEvent.objects.filter(action="backup.restore").exists()
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


def test_the_backup_holds_its_own_event(saved):
    # Given a backup; its own event is the newest event inside it
    manifest = json.loads(manifest_path(saved).read_text())
    event = AuditEvent.objects.get(action="system.backup")
    assert event.after["file"] == str(saved) and manifest["backup_event_id"] == event.pk
    assert manifest["audit_last_id"] == event.pk and manifest["audit_head"] == event.hash
    # When it is restored, the event is there, part of the verified chain
    call_command("restore", str(saved), "--yes", stdout=StringIO())
    assert AuditEvent.objects.filter(pk=event.pk, hash=event.hash, action="system.backup").exists()
    assert verify_chain().ok


def test_restore_records_the_gap_and_keeps_the_erased_events_in_a_verifiable_file(
    world, saved, audit_archive_dir
):
    # Given events after the backup, one of them the reveal of an ID number, and a checkpoint of them
    backup_last_id = json.loads(manifest_path(saved).read_text())["audit_last_id"]
    sensitive_reveal(actor=world["users"]["futian"], obj=world["ft_lawyer"])
    audit_record(actor=None, action="test.after_backup")
    call_command("audit", "checkpoint", stdout=StringIO())
    erased = list(AuditEvent.objects.filter(id__gt=backup_last_id).order_by("id"))
    assert len(erased) == 2 and erased[0].action == "lawyer.reveal"
    # When the backup is restored
    out = StringIO()
    call_command("restore", str(saved), "--yes", stdout=out)
    # Then the events are gone from the database, and the restore's event records the gap
    assert not AuditEvent.objects.filter(action="lawyer.reveal").exists()
    event = AuditEvent.objects.get(action="backup.restore")
    assert event.after["backup_last_id"] == backup_last_id
    assert event.after["last_id_before"] == erased[-1].pk and event.after["lost"] == 2
    assert "2 audit events written after the backup" in out.getvalue()
    # and no erased id is reused, by the restore's event or any later one
    assert event.pk > erased[-1].pk
    assert audit_record(actor=None, action="test.later").pk > event.pk
    # The erased events are kept in a file that verifies on its own, the reveal among them
    kept = audit_archive_dir / event.after["kept_in"]
    report, _ = verify_archive(kept)
    assert report.ok and report.checked == 2 and report.head_id == erased[-1].pk
    kept_actions = [json.loads(line)["action"] for line in kept.read_text().splitlines()[1:]]
    assert kept_actions == [e.action for e in erased] and kept_actions[0] == "lawyer.reveal"
    # lvxie audit verify: whole, and it names the gap, the kept file, and the checkpoint the restore answers
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    text = out.getvalue()
    assert "Audit chain whole" in text
    assert f"Gap recorded by event id={event.pk}" in text and "erased 2 events" in text
    assert f"kept in {kept.name} (verified)" in text
    # The checkpoint taken before the restore is answered by the gap, so the restore wrote its own, which
    # the chain matches
    before, after = sorted(audit_archive_dir.glob("checkpoint-*.json"))
    assert json.loads(before.read_text())["last_id"] == erased[-1].pk
    assert json.loads(after.read_text())["last_id"] == event.pk
    assert f"The chain matches checkpoint {after.name}" in text


def test_a_kept_file_that_was_altered_fails_verify(world, saved, audit_archive_dir):
    audit_record(actor=None, action="test.after_backup", object_repr="真")
    call_command("restore", str(saved), "--yes", stdout=StringIO())
    kept = audit_archive_dir / AuditEvent.objects.get(action="backup.restore").after["kept_in"]
    kept.write_text(kept.read_text().replace("真", "假"))
    with pytest.raises(CommandError, match="does NOT match"):
        call_command("audit", "verify", stdout=StringIO())
