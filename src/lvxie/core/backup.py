"""Backups that can be trusted: a consistent copy of the database with a manifest (row counts per table,
the audit chain's last hash), and a restore that checks the rebuilt database against that manifest.

SQLite uses its online backup API (a consistent copy while the application runs). PostgreSQL uses
pg_dump in the custom format, from a snapshot the manifest's counts were taken in, and pg_restore.
"""

import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore run with fixed arguments, never through a shell.
import subprocess  # nosec B404
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, transaction
from django.utils import timezone

from lvxie.audit.models import AuditEvent
from lvxie.audit.verify import verify_chain

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


def _audit_head(cursor) -> str | None:
    cursor.execute(f"SELECT hash FROM {AuditEvent._meta.db_table} ORDER BY id DESC LIMIT 1")  # noqa: S608
    row = cursor.fetchone()
    return row[0] if row else None


def backup(path: Path, *, using: str = "default") -> dict:
    """Write a backup of the database to `path` and its manifest beside it; returns the manifest."""
    connection = connections[using]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} exists: a backup never overwrites a file")
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
    elif connection.vendor == "postgresql":
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
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    manifest = {
        "format": FORMAT,
        "version": 1,
        "vendor": connection.vendor,
        "created_at": timezone.now().isoformat(),
        "tables": counts,
        "audit_head": head,
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    path.chmod(0o600)
    manifest_path(path).chmod(0o600)
    return manifest


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(manifest_path(path).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"no manifest beside the backup ({manifest_path(path).name})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path(path)} is not an lvxie backup manifest")
    return manifest


def restore(path: Path, *, using: str = "default") -> RestoreCheck:
    """Replace the database's contents with the backup at `path`, then check it against the manifest."""
    manifest = read_manifest(path)
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"a {manifest['vendor']} backup cannot be restored into {connection.vendor}")
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
    return check(manifest, using=using)


def check(manifest: dict, *, using: str = "default") -> RestoreCheck:
    """Compare the database with a backup's manifest: row counts per table, and the audit chain (whole,
    and ending at the same event)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        counts = _counts(cursor, [t for t in manifest["tables"] if t in present], connection.ops.quote_name)
        head = _audit_head(cursor)
    mismatches = {
        table: (expected, counts.get(table))
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    }
    report = verify_chain()
    return RestoreCheck(mismatches, report.ok, report.checked, head == manifest["audit_head"])
