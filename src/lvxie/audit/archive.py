"""Moving audit events past retention to a file, and checking such a file later.

The file is JSON lines: a header (`prev_hash`, the hash the first event links to), then one event per line
with its id, links and every hashed field, so `verify_archive` recomputes each hash without the database.
The rows leave the database in the same transaction that records the checkpoint; the database refuses to
delete rows younger than `triggers.MIN_RETENTION_DAYS` whatever the application asks.
"""

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import GENESIS_HASH, ArchiveCheckpoint, AuditEvent
from .services import audit_record
from .triggers import MIN_RETENTION_DAYS
from .verify import ChainReport, verify_events

FORMAT = "lvxie-audit-archive"


@dataclass(frozen=True)
class ArchiveResult:
    path: Path
    checkpoint: ArchiveCheckpoint


def retention_cutoff() -> dt.datetime:
    days = max(settings.LVXIE_AUDIT_RETENTION_DAYS, MIN_RETENTION_DAYS)
    return timezone.now() - dt.timedelta(days=days)


def chain_start() -> tuple[int, str]:
    """(last archived event id, its hash): where the online chain starts."""
    checkpoint = ArchiveCheckpoint.objects.order_by("-last_event_id").first()
    return (checkpoint.last_event_id, checkpoint.last_hash) if checkpoint else (0, GENESIS_HASH)


def _line(event: AuditEvent) -> str:
    row = {"id": event.pk, "prev_hash": event.prev_hash, "hash": event.hash, **event.payload()}
    return json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"


def archive_events(*, actor, directory: Path) -> ArchiveResult | None:
    """Write every online event older than the retention period (a run from the chain's start) to a new
    file in `directory`, then remove them, record a checkpoint and audit it. None when nothing is due."""
    start_id, start_hash = chain_start()
    online = AuditEvent.objects.filter(id__gt=start_id).order_by("id")
    first_young = online.filter(created_at__gte=retention_cutoff()).values_list("id", flat=True).first()
    due = online.filter(id__lt=first_young) if first_young else online
    events = list(due)
    if not events:
        return None
    report = verify_events(events, prev_hash=start_hash)
    if not report.ok:
        raise ValidationError(
            f"the audit chain is broken at event {report.broken_id}: not archived", code="broken_chain"
        )
    first, last = events[0], events[-1]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"audit-{first.pk:012d}-{last.pk:012d}.jsonl"
    header = {"format": FORMAT, "version": 1, "prev_hash": start_hash, "events": len(events)}
    digest = hashlib.sha256()
    # O_EXCL: an archive is never overwritten.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as file:
        for text in [json.dumps(header) + "\n", *map(_line, events)]:
            file.write(text)
            digest.update(text.encode())
        file.flush()
        os.fsync(file.fileno())
    with transaction.atomic():
        checkpoint = ArchiveCheckpoint.objects.create(
            created_at=timezone.now(),
            first_event_id=first.pk,
            last_event_id=last.pk,
            last_hash=last.hash,
            events=len(events),
            file_name=path.name,
            file_sha256=digest.hexdigest(),
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


def _read(path: Path) -> tuple[dict, Iterator[AuditEvent]]:
    lines = path.open(encoding="utf-8")
    header = json.loads(next(lines))
    if header.get("format") != FORMAT:
        raise ValueError(f"{path} is not an lvxie audit archive")

    def events() -> Iterator[AuditEvent]:
        with lines:
            for line in lines:
                row = json.loads(line)
                row["created_at"] = dt.datetime.fromisoformat(row["created_at"])
                yield AuditEvent(pk=row.pop("id"), **row)

    return header, events()


def verify_archive(path: Path) -> tuple[ChainReport, ArchiveCheckpoint | None]:
    """Check an archive file on its own (every hash and link, and the count in its header), and find the
    checkpoint that recorded it, when this database has it (its digest must match)."""
    header, events = _read(path)
    report = verify_events(events, prev_hash=header["prev_hash"])
    if report.ok and report.checked != header["events"]:
        report = ChainReport(report.checked, -1, "count")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return report, ArchiveCheckpoint.objects.filter(file_sha256=digest).first()
