"""Backups that can be trusted: a consistent copy of the database with a manifest (row counts per table,
the audit chain's last event), and a restore that checks the rebuilt database against that manifest.

SQLite uses its online backup API (a consistent copy while the application runs). PostgreSQL uses
pg_dump in the custom format, from a snapshot the manifest's counts were taken in, and pg_restore.

The audit log must survive both: the backup's own event is written before the copy, so the backup holds
it; a restore erases the events written after the backup, so it first keeps them in a verifiable file
in the archive directory, moves the id sequence past them (no later event reuses an erased id) and
records the gap in a `backup.restore` event, which `lvxie audit verify` reports.
"""

import datetime as dt
import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore run with fixed arguments, never through a shell.
import subprocess  # nosec B404
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from lvxie.audit.archive import write_events_file
from lvxie.audit.checkpoint import GAP_ACTION, Checkpoint, CheckpointError, Gap, checkpoint_write
from lvxie.audit.choices import Result
from lvxie.audit.models import AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain
from lvxie.core.types import Actor

FORMAT = "lvxie-backup"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreCheck:
    """Differences between the manifest and the restored database; empty and `chain_ok` when it is whole."""

    count_mismatches: dict[str, tuple[int, int | None]]
    chain_ok: bool
    chain_checked: int
    head_matches: bool

    @property
    def ok(self) -> bool:
        return not self.count_mismatches and self.chain_ok and self.head_matches


@dataclass(frozen=True)
class RestoreResult:
    """The check of the restored database, the gap the restore opened in the audit chain (recorded by
    `event`), and the checkpoint written after it (or why none was)."""

    check: RestoreCheck
    gap: Gap
    event: AuditEvent
    checkpoint: Checkpoint | None
    checkpoint_error: str = ""


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def _counts(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(settings: dict) -> dict[str, str]:
    env = {**os.environ, "PGDATABASE": settings["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[var] = str(settings[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client)")
    return found


def _audit_head(cursor) -> tuple[int, str | None]:
    """(id, hash) of the newest audit event; (0, None) when there is none."""
    cursor.execute(f"SELECT id, hash FROM {AuditEvent._meta.db_table} ORDER BY id DESC LIMIT 1")  # noqa: S608
    row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, None)


def backup(path: Path, *, actor: Actor | None = None, using: str = "default") -> dict:
    """Write a backup of the database to `path` and its manifest beside it; returns the manifest. The
    backup's audit event is committed first, so the backup holds it (a failure is recorded too)."""
    connection = connections[using]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} exists: a backup never overwrites a file")
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"no backup method for {connection.vendor}")
    event = audit_record(
        actor=actor, action="system.backup", object_repr=path.name, after={"file": str(path)}
    )
    try:
        counts, (head_id, head) = _copy(connection, path, using)
    except BackupError as exc:
        audit_record(
            actor=actor,
            action="system.backup",
            object_repr=path.name,
            after={"file": str(path), "error": str(exc)},
            result=Result.FAILURE,
        )
        raise
    manifest = {
        "format": FORMAT,
        "version": 2,
        "vendor": connection.vendor,
        "created_at": timezone.now().isoformat(),
        "tables": counts,
        "audit_head": head,
        "audit_last_id": head_id,
        "backup_event_id": event.pk,
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    path.chmod(0o600)
    manifest_path(path).chmod(0o600)
    return manifest


def _copy(connection, path: Path, using: str) -> tuple[dict[str, int], tuple[int, str | None]]:
    """Copy the database to `path`; returns the row counts per table and the audit head, both read from
    the copy (SQLite) or from the snapshot the dump was taken from (PostgreSQL)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
            # Counted in the copy itself, so they describe exactly what was saved.
            cursor = target.cursor()
            tables = [
                row[0]
                for row in cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            counts = _counts(cursor, tables, lambda name: f'"{name}"')
            head = _audit_head(cursor)
        finally:
            target.close()
    else:
        # The counts and the dump see the same snapshot: the manifest describes exactly the dump.
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = connection.introspection.table_names(cursor)
            counts = _counts(cursor, tables, connection.ops.quote_name)
            head = _audit_head(cursor)
            result = subprocess.run(  # noqa: S603  # nosec B603
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--no-owner",
                    "-f",
                    str(path),
                ],
                env=_pg_env(connection.settings_dict),
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts, head


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(manifest_path(path).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"no manifest beside the backup ({manifest_path(path).name})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path(path)} is not an lvxie backup manifest")
    return manifest


def restore(path: Path, *, directory: Path | None = None, using: str = "default") -> RestoreResult:
    """Replace the database's contents with the backup at `path`, then check it against the manifest.

    The audit events written after the backup are erased by it: they are first kept in a verifiable file
    in `directory` (the archive directory by default), the id sequence is moved past every id seen, and
    a `backup.restore` event records the gap (and whether the check passed); then a checkpoint is written."""
    manifest = read_manifest(path)
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"a {manifest['vendor']} backup cannot be restored into {connection.vendor}")
    directory = directory or Path(settings.LVXIE_AUDIT_ARCHIVE_DIR)
    gap, high_water = _keep_erased(manifest, path, directory, connection)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()  # no session of ours holds a lock on a table pg_restore drops
        result = subprocess.run(  # noqa: S603  # nosec B603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "-d",
                connection.settings_dict["NAME"],
                str(path),
            ],
            env=_pg_env(connection.settings_dict),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    _move_audit_sequence(connection, high_water)
    checked = check(manifest, using=using)
    event = audit_record(
        actor=None,
        action=GAP_ACTION,
        object_repr=path.name,
        after={**gap.record(), "check_ok": checked.ok},
        result=Result.SUCCESS if checked.ok else Result.FAILURE,
    )
    try:
        checkpoint, error = checkpoint_write(directory=directory), ""
    except CheckpointError as exc:
        checkpoint, error = None, str(exc)
    return RestoreResult(checked, gap, event, checkpoint, error)


def _keep_erased(manifest: dict, path: Path, directory: Path, connection) -> tuple[Gap, int]:
    """Before a restore: write the audit events it will erase (those after the backup's last one) to a
    file in `directory`; returns the gap and the highest event id the database holds."""
    with connection.cursor() as cursor:
        present = AuditEvent._meta.db_table in connection.introspection.table_names(cursor)
    events = AuditEvent.objects.using(connection.alias)
    high_water = (events.order_by("-id").values_list("id", flat=True).first() or 0) if present else 0
    backup_last_id = manifest.get("audit_last_id")
    if backup_last_id is None and high_water:  # a manifest of version 1 names only the head's hash
        head = manifest["audit_head"]
        backup_last_id = 0 if head is None else events.filter(hash=head).values_list("id", flat=True).first()
        if backup_last_id is None:
            raise BackupError(
                "the manifest does not name the backup's last audit event and this database does not hold "
                "it: the events the restore would erase cannot be told apart"
            )
    backup_last_id = backup_last_id or 0
    erased = list(events.filter(id__gt=backup_last_id).order_by("id")) if high_water else []
    kept_in = sha256 = ""
    if erased:
        stamp = timezone.now().astimezone(dt.UTC)
        kept_in = f"audit-restore-{erased[0].pk:012d}-{erased[-1].pk:012d}-{stamp:%Y%m%dT%H%M%S%fZ}.jsonl"
        sha256 = write_events_file(directory, kept_in, erased, prev_hash=erased[0].prev_hash, kind="restore")
    gap = Gap(
        backup=path.name,
        backup_last_id=backup_last_id,
        last_id_before=max(high_water, backup_last_id),
        lost=len(erased),
        kept_in=kept_in,
        kept_sha256=sha256,
    )
    return gap, high_water


def _move_audit_sequence(connection, high_water: int) -> None:
    """After a restore: the next audit event gets an id past every id the database held before it, so
    no event ever reuses an id the restore erased (the kept file and checkpoints name them)."""
    if not high_water:
        return
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT %s, 0 "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
                [table, table],
            )
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [high_water, table]
            )
        else:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 (the model's own table)
                f"GREATEST(%s, (SELECT COALESCE(MAX(id), 0) FROM {table})))",
                [table, high_water],
            )


def check(manifest: dict, *, using: str = "default") -> RestoreCheck:
    """Compare the database with a backup's manifest: row counts per table, and the audit chain (whole,
    and ending at the same event)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        counts = _counts(cursor, [t for t in manifest["tables"] if t in present], connection.ops.quote_name)
        _, head = _audit_head(cursor)
    mismatches = {
        table: (expected, counts.get(table))
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    }
    report = verify_chain()
    return RestoreCheck(mismatches, report.ok, report.checked, head == manifest["audit_head"])
