"""Audit retention (GB/T 22239-2019 8.1.4.3 d; 网络安全法 art. 21: at least six months online): events past
retention move to an archive file that stays verifiable; the database refuses to delete younger ones."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from lvxie.audit.archive import archive_events, verify_archive
from lvxie.audit.models import ArchiveCheckpoint, AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain


def _events_at(when, count, prefix):
    with time_machine.travel(when, tick=False):
        return [
            audit_record(actor=None, action=f"{prefix}.{i}", object_repr=f"{prefix}{i}") for i in range(count)
        ]


@pytest.fixture
def history(db):
    """Events written 200 days ago, 100 days ago and now (clock frozen at each)."""
    now = timezone.now()
    return {
        "old": _events_at(now - timedelta(days=200), 3, "old"),
        "middle": _events_at(now - timedelta(days=100), 2, "middle"),
        "new": _events_at(now, 2, "new"),
    }


def test_archive_moves_only_events_past_180_days_and_both_parts_verify(history, tmp_path):
    # When the archive runs
    out = StringIO()
    call_command("audit", "archive", "--dir", str(tmp_path), stdout=out)
    # Then the three old events are in a file and gone from the database; younger ones stay
    assert "Archived 3 events" in out.getvalue()
    remaining = set(AuditEvent.objects.values_list("action", flat=True))
    assert not any(a.startswith("old.") for a in remaining)
    assert {"middle.0", "middle.1", "new.0", "new.1", "audit.archive"} <= remaining
    (archive,) = tmp_path.glob("audit-*.jsonl")
    # and a signed checkpoint of the chain's head is written beside it
    (checkpoint_file,) = tmp_path.glob("checkpoint-*.json")
    assert json.loads(checkpoint_file.read_text())["last_id"] == AuditEvent.objects.order_by("-id").first().pk
    lines = archive.read_text().splitlines()
    assert len(lines) == 4 and json.loads(lines[1])["hash"] == history["old"][0].hash
    # The online chain verifies from the checkpoint; the archive verifies on its own
    checkpoint = ArchiveCheckpoint.objects.get()
    assert checkpoint.last_hash == history["old"][-1].hash
    assert verify_chain().ok
    call_command("audit", "verify", stdout=out)
    call_command("audit", "verify", "--file", str(archive), stdout=out)
    assert "Archive audit-" in out.getvalue() and "3 events verified" in out.getvalue()
    assert "matches the checkpoint" in out.getvalue()
    # The archiving itself is audited
    event = AuditEvent.objects.get(action="audit.archive")
    assert event.after["events"] == 3 and event.after["sha256"] == checkpoint.file_sha256
    # Nothing more is due on a second run
    assert archive_events(actor=None, directory=tmp_path) is None


def test_a_changed_archive_file_fails_verification(history, tmp_path):
    result = archive_events(actor=None, directory=tmp_path)
    lines = result.path.read_text().splitlines()
    row = json.loads(lines[2])
    row["object_repr"] = "forged"
    lines[2] = json.dumps(row, ensure_ascii=False)
    result.path.write_text("\n".join(lines) + "\n")
    report, checkpoint = verify_archive(result.path)
    assert not report.ok and report.broken_id == row["id"] and checkpoint is None
    with pytest.raises(CommandError, match=f"id={row['id']}"):
        call_command("audit", "verify", "--file", str(result.path))


def test_a_removed_archive_line_fails_verification(history, tmp_path):
    result = archive_events(actor=None, directory=tmp_path)
    lines = result.path.read_text().splitlines()
    result.path.write_text("\n".join(lines[:2] + lines[3:]) + "\n")
    assert not verify_archive(result.path)[0].ok


def test_the_database_refuses_to_delete_recent_events_even_with_a_forged_checkpoint(history):
    # Given someone with the application's database account who records a checkpoint over everything
    newest = AuditEvent.objects.order_by("-id").first()
    ArchiveCheckpoint.objects.create(
        created_at=timezone.now(),
        first_event_id=1,
        last_event_id=newest.pk,
        last_hash=newest.hash,
        events=0,
        file_name="forged",
        file_sha256="0" * 64,
    )
    # Then events younger than 180 days cannot be deleted
    for event in history["middle"] + history["new"]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    # And no event can ever be changed
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [history["old"][0].pk])
    assert AuditEvent.objects.count() == 7


def test_old_events_not_yet_archived_cannot_be_deleted(history):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [history["old"][0].pk])


def test_archive_refuses_a_broken_chain(history, tmp_path):
    from tests.conftest import audit_guard

    audit_guard(False)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_repr = 'x' WHERE id = %s", [history["old"][1].pk])
    audit_guard(True)
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "archive", "--dir", str(tmp_path))
    assert AuditEvent.objects.count() == 7


def test_nothing_to_archive(db, tmp_path):
    audit_record(actor=None, action="test.now")
    out = StringIO()
    call_command("audit", "archive", "--dir", str(tmp_path), stdout=out)
    assert "Nothing to archive" in out.getvalue()


def test_line_breaks_and_control_characters_are_escaped_in_the_log(db):
    event = audit_record(actor=None, action="test", object_repr="张三\n2026-01-01 admin auth.login\x1b[0m")
    assert event.object_repr == "张三\\n2026-01-01 admin auth.login\\x1b[0m"
    assert "\n" not in AuditEvent.objects.get(pk=event.pk).object_repr
    assert verify_chain().ok


def test_an_archive_cut_short_with_its_count_edited_fails_verification(history, tmp_path):
    # Given an archive whose last event is removed and whose header is re-counted to match
    result = archive_events(actor=None, directory=tmp_path)
    lines = result.path.read_text().splitlines()
    header = json.loads(lines[0])
    header["events"] -= 1
    result.path.write_text("\n".join([json.dumps(header), *lines[1:-1]]) + "\n")
    # Then the signed header gives it away
    report, _ = verify_archive(result.path)
    assert not report.ok and report.reason == "signature"
    with pytest.raises(CommandError, match="signed header"):
        call_command("audit", "verify", "--file", str(result.path))
