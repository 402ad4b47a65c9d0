"""Moving audit events past retention to a file, and checking such a file later.

The file is JSON lines: a header (`prev_hash`, the hash the first event links to; the count, first and last
event; signed with the audit key), then one event per line with its id, links and every hashed field, so
`verify_archive` recomputes each hash without the database. A restore keeps the events it erases in the
same format (`kind: restore`).
The rows leave the database in the same transaction that records the checkpoint; the database refuses to
delete rows younger than `triggers.MIN_RETENTION_DAYS` whatever the application asks.
"""

import datetime as dt
import getpass
import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lvxie.core.types import Actor

from .chain import sign, signature_ok
from .checkpoint import Gap, write_new_file
from .models import ArchiveCheckpoint, AuditEvent
from .services import audit_record
from .triggers import MIN_RETENTION_DAYS
from .verify import ChainReport, chain_start, verify_events

FORMAT = "lvxie-audit-archive"


@dataclass(frozen=True)
class ArchiveResult:
    path: Path
    checkpoint: ArchiveCheckpoint


def retention_cutoff() -> dt.datetime:
    days = max(settings.LVXIE_AUDIT_RETENTION_DAYS, MIN_RETENTION_DAYS)
    return timezone.now() - dt.timedelta(days=days)


def event_line(event: AuditEvent) -> str:
    """One event as a line of an archive file: its id, links and every hashed field."""
    row = {"id": event.pk, "prev_hash": event.prev_hash, "hash": event.hash, **event.payload()}
    return json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"


def write_events_file(
    directory: Path, name: str, events: list[AuditEvent], *, prev_hash: str, kind: str
) -> str:
    """Write `events` (a run of the chain, linking to `prev_hash`) to a new file; returns its SHA-256. The
    header names the run's first and last event and is signed with the audit key, so a file cut short or
    re-counted is detected; each line keeps its keyed hash, so no event in it can be altered."""
    first, last = events[0], events[-1]
    header = {
        "format": FORMAT,
        "version": 2,
        "kind": kind,
        "prev_hash": prev_hash,
        "events": len(events),
        "first_id": first.pk,
        "last_id": last.pk,
        "last_hash": last.hash,
    }
    header["signature"] = sign(header)
    lines = itertools.chain([json.dumps(header, sort_keys=True) + "\n"], map(event_line, events))
    return write_new_file(directory / name, lines)


def archive_events(*, actor: Actor | None, directory: Path) -> ArchiveResult | None:
    """Write every online event older than the retention period (a run from the chain's start) to a new
    file in `directory`, then remove them, record a checkpoint and audit it. None when nothing is due."""
    start_id, start_hash = chain_start()
    online = AuditEvent.objects.filter(id__gt=start_id).order_by("id")
    first_young = online.filter(created_at__gte=retention_cutoff()).values_list("id", flat=True).first()
    due = online.filter(id__lt=first_young) if first_young else online
    events = list(due)
    if not events:
        return None
    report = verify_events(events, prev_hash=start_hash, must_end_keyed=False)
    if not report.ok:
        raise ValidationError(
            f"the audit chain is broken at event {report.broken_id}: not archived", code="broken_chain"
        )
    first, last = events[0], events[-1]
    path = directory / f"audit-{first.pk:012d}-{last.pk:012d}.jsonl"
    sha256 = write_events_file(directory, path.name, events, prev_hash=start_hash, kind="archive")
    with transaction.atomic():
        checkpoint = ArchiveCheckpoint.objects.create(
            created_at=timezone.now(),
            first_event_id=first.pk,
            last_event_id=last.pk,
            last_hash=last.hash,
            events=len(events),
            file_name=path.name,
            file_sha256=sha256,
        )
        AuditEvent.objects.filter(id__gt=start_id, id__lte=last.pk).delete()
        audit_record(
            actor=actor,
            action="audit.archive",
            obj=checkpoint,
            after={
                "file": path.name,
                "sha256": checkpoint.file_sha256,
                "events": len(events),
                "first_id": first.pk,
                "last_id": last.pk,
                "os_user": getpass.getuser(),
            },
        )
    return ArchiveResult(path, checkpoint)


def _events(lines: Iterator[str]) -> Iterator[AuditEvent]:
    for line in lines:
        row = json.loads(line)
        row["created_at"] = dt.datetime.fromisoformat(row["created_at"])
        yield AuditEvent(pk=row.pop("id"), **row)


def verify_archive(path: Path) -> tuple[ChainReport, ArchiveCheckpoint | None]:
    """Check an archive file on its own (every hash and link; the signed header's count and last event),
    and find the checkpoint that recorded it, when this database has it (its digest must match).
    Version 1 files (written before the audit key) have an unsigned header: only the count is checked."""
    with path.open(encoding="utf-8") as lines:
        header = json.loads(next(lines, "{}"))
        if header.get("format") != FORMAT:
            raise ValueError(f"{path} is not an lvxie audit archive")
        signed = header.get("version", 1) >= 2
        if signed and not signature_ok(header):
            report = ChainReport(0, -1, "signature")
        else:
            report = verify_events(_events(lines), prev_hash=header["prev_hash"], must_end_keyed=False)
    if report.ok and report.checked != header["events"]:
        report = ChainReport(report.checked, -1, "count")
    elif (
        signed
        and report.ok
        and (report.head_id, report.head_hash) != (header["last_id"], header["last_hash"])
    ):
        report = ChainReport(report.checked, -1, "head")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return report, ArchiveCheckpoint.objects.filter(file_sha256=digest).first()


def verify_kept(gap: Gap, directory: Path) -> tuple[bool | None, str]:
    """Is the file a restore kept its erased events in whole, and the one the restore recorded? None when
    it is not in `directory` (moved to other storage, say)."""
    if not gap.kept_in:
        return True, "nothing was erased"
    path = directory / gap.kept_in
    if not path.exists():
        return None, f"kept in {gap.kept_in}, which is not in {directory}"
    report, _ = verify_archive(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if not report.ok or report.checked != gap.lost or digest != gap.kept_sha256:
        return False, f"kept in {gap.kept_in}, which does NOT match what the restore recorded"
    return True, f"kept in {gap.kept_in} (verified)"
