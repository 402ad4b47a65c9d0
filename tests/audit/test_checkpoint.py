"""Signed checkpoints (GB/T 22239-2019 8.1.4.3 c): deleting the newest events leaves a chain that is whole,
only shorter; the checkpoint files, written where the database's users cannot rewrite them, name it."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from lvxie.audit.models import AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain
from tests.conftest import audit_guard

pytestmark = pytest.mark.usefixtures("audit_archive_dir")


def _checkpoint() -> str:
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    return out.getvalue()


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def _delete_newest(count: int) -> None:
    """What a person with direct database access might do: lift the guard, delete the newest events."""
    newest = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:count])
    audit_guard(False)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM audit_auditevent WHERE id IN ({', '.join(map(str, newest))})")
    audit_guard(True)


def test_a_checkpoint_records_the_head_signed(db, audit_archive_dir):
    events = [audit_record(actor=None, action=f"test.{i}") for i in range(3)]
    assert f"Checkpoint at event id={events[-1].pk}" in _checkpoint()
    (path,) = audit_archive_dir.glob("checkpoint-*.json")
    document = json.loads(path.read_text())
    assert (document["last_id"], document["last_hash"], document["count"]) == (
        events[-1].pk,
        events[-1].hash,
        3,
    )
    assert len(document["signature"]) == 64 and path.stat().st_mode & 0o077 == 0
    audit_record(actor=None, action="test.later")
    assert f"The chain matches checkpoint {path.name}" in _verify() and "3 events; 1 since" in _verify()


def test_a_truncated_chain_fails_verify_against_the_last_checkpoint(db):
    # Given events, a checkpoint of them, and someone who deletes the newest two
    events = [audit_record(actor=None, action=f"test.{i}") for i in range(5)]
    _checkpoint()
    _delete_newest(2)
    # The chain alone is whole (only shorter), so the chain check cannot see it
    assert verify_chain().ok and verify_chain().checked == 3
    # But verify, against the checkpoint, names the truncation
    with pytest.raises(
        CommandError, match=rf"TRUNCATED: .* event id={events[-1].pk}, which is missing .* id={events[2].pk}"
    ):
        _verify()


def test_a_checkpoint_is_not_written_for_a_truncated_chain(db, audit_archive_dir):
    # Otherwise the next cron run would vouch for the shorter chain
    [audit_record(actor=None, action=f"test.{i}") for i in range(3)]
    _checkpoint()
    _delete_newest(1)
    with pytest.raises(CommandError, match=r"TRUNCATED.*No new checkpoint written"):
        _checkpoint()
    assert len(list(audit_archive_dir.glob("checkpoint-*.json"))) == 1


def test_a_truncated_and_regrown_chain_fails_verify(audit_purge):
    # Deleted, then new events written: the checkpoint's event is still missing (each step its own
    # transaction, as they would be: within one, the appender knows its own last event)
    events = [audit_record(actor=None, action=f"test.{i}") for i in range(3)]
    _checkpoint()
    _delete_newest(1)
    audit_record(actor=None, action="test.new")
    with pytest.raises(CommandError, match=f"event id={events[-1].pk}, which is missing"):
        _verify()


def test_an_altered_checkpoint_file_is_refused(db, audit_archive_dir):
    [audit_record(actor=None, action=f"test.{i}") for i in range(3)]
    _checkpoint()
    (path,) = audit_archive_dir.glob("checkpoint-*.json")
    document = json.loads(path.read_text())
    document["last_id"] -= 1  # as if the checkpoint had been written before the last event
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="not signed with this audit key"):
        _verify()


def test_verify_without_a_checkpoint_says_truncation_would_go_unnoticed(db):
    audit_record(actor=None, action="test.one")
    assert "No checkpoint in" in _verify() and "from cron" in _verify()


def test_the_audit_key_is_required_in_production_and_by_check_deploy(tmp_path):
    # Production settings refuse to start without it
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "lvxie.config.settings.production",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "sqlite:///:memory:",
        "LVXIE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "LVXIE_AUDIT_KEY" in result.stderr
    # A key file works
    (tmp_path / "audit_key").write_text("k" * 40 + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.LVXIE_AUDIT_KEY)",
        ],
        env={**env, "LVXIE_AUDIT_KEY_FILE": str(tmp_path / "audit_key")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "k" * 40, result.stderr
    # check --deploy reports a missing, short or reused key
    for key in ("", "short", "test-only-not-secret-but-long-enough-0123456789"):
        with override_settings(
            LVXIE_AUDIT_KEY=key, SECRET_KEY="test-only-not-secret-but-long-enough-0123456789"
        ):
            assert "audit.E001" in [problem.id for problem in run_checks(include_deployment_checks=True)]
    assert "audit.E001" not in [problem.id for problem in run_checks(include_deployment_checks=True)]
