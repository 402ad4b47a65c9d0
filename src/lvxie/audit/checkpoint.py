"""Signed checkpoints of the audit chain, and the gaps restores leave in it.

A checkpoint file records the chain's head (last event id and hash), its length and the time, signed with
the audit key, in the archive directory: a place the database's users cannot rewrite. Deleting the newest
events leaves a chain that is whole, only shorter; `lvxie audit verify` compares the online chain with the
newest checkpoint and names such a truncation. Run `lvxie audit checkpoint` from cron: events written
after the newest checkpoint are covered only by the next one.

A restore erases the events written after its backup; it keeps them in a file and records the gap in a
`backup.restore` event (ops/backup.py). A checkpoint whose last event fell in such a gap is answered by it.
"""

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from .chain import sign, signature_ok
from .models import ArchiveCheckpoint, AuditEvent
from .verify import chain_start

FORMAT = "lvxie-audit-checkpoint"
GAP_ACTION = "backup.restore"


class CheckpointError(Exception):
    pass


@dataclass(frozen=True)
class Checkpoint:
    path: Path
    created_at: str
    last_id: int
    last_hash: str
    count: int


@dataclass(frozen=True)
class CheckpointCheck:
    ok: bool
    message: str


@dataclass(frozen=True)
class Gap:
    """Events a restore erased: ids after `backup_last_id` up to `last_id_before`, `lost` of them, kept in
    the file `kept_in` of the archive directory. `event_id`: the `backup.restore` event that records it."""

    backup: str
    backup_last_id: int
    last_id_before: int
    lost: int
    kept_in: str
    kept_sha256: str
    event_id: int | None = None
    recorded_at: dt.datetime | None = None

    def record(self) -> dict:
        """The restore event's `after`."""
        return {k: v for k, v in dataclasses.asdict(self).items() if k not in {"event_id", "recorded_at"}}

    def covers(self, event_id: int) -> bool:
        return self.backup_last_id < event_id <= self.last_id_before


def write_new_file(path: Path, texts: Iterable[str]) -> str:
    """Write a file that must not exist yet (O_EXCL: nothing in the archive directory is ever overwritten),
    synced to disk; returns its SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as file:
        for text in texts:
            file.write(text)
            digest.update(text.encode())
        file.flush()
        os.fsync(file.fileno())
    return digest.hexdigest()


def recorded_gaps() -> list[Gap]:
    """Every gap a restore recorded in the online chain, oldest first."""
    fields = {f.name for f in dataclasses.fields(Gap)} - {"event_id", "recorded_at"}
    return [
        Gap(**{k: (event.after or {})[k] for k in fields}, event_id=event.pk, recorded_at=event.created_at)
        for event in AuditEvent.objects.filter(action=GAP_ACTION).order_by("id")
    ]


def chain_count(up_to_id: int) -> int:
    """Events in the chain up to `up_to_id`: the archived ones and those online."""
    archived = ArchiveCheckpoint.objects.aggregate(total=Sum("events"))["total"] or 0
    return archived + AuditEvent.objects.filter(id__lte=up_to_id).count()


def newest_checkpoint(directory: Path) -> Checkpoint | None:
    """The checkpoint with the highest last event id (then the latest) in `directory`; CheckpointError
    when its signature does not match the audit key."""
    paths = sorted(directory.glob("checkpoint-*.json")) if directory.is_dir() else []
    if not paths:
        return None
    path = paths[-1]
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise CheckpointError(f"{path.name} is not a checkpoint file.") from exc
    if document.get("format") != FORMAT or not signature_ok(document):
        raise CheckpointError(f"{path.name} is not signed with this audit key: altered or forged.")
    return Checkpoint(
        path, document["created_at"], document["last_id"], document["last_hash"], document["count"]
    )


def check_against(checkpoint: Checkpoint, gaps: list[Gap]) -> CheckpointCheck:
    """Does the online chain still hold the checkpoint's last event, with its hash and the events before
    it? An event archived since, or erased by a recorded restore, answers for itself."""
    label = f"checkpoint {checkpoint.path.name} (written {checkpoint.created_at})"
    start_id, _ = chain_start()
    if checkpoint.last_id == 0:
        return CheckpointCheck(True, f"The {label} recorded an empty chain.")
    if checkpoint.last_id <= start_id:
        return CheckpointCheck(True, f"The chain reaches {label}: its last event has been archived since.")
    found = AuditEvent.objects.filter(pk=checkpoint.last_id).values_list("hash", flat=True).first()
    if found is None:
        gap = next((g for g in gaps if g.covers(checkpoint.last_id)), None)
        if gap is not None:
            return CheckpointCheck(
                True, f"The last event of {label} was erased by the restore of event id={gap.event_id}."
            )
        head = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return CheckpointCheck(
            False,
            f"TRUNCATED: {label} records event id={checkpoint.last_id}, which is missing (the chain now ends "
            f"at id={head}): events were deleted after it.",
        )
    if found != checkpoint.last_hash:
        return CheckpointCheck(
            False, f"REWRITTEN: event id={checkpoint.last_id} does not carry the hash {label} recorded."
        )
    count = chain_count(checkpoint.last_id)
    if count != checkpoint.count:
        return CheckpointCheck(
            False,
            f"{label} counted {checkpoint.count} events up to id={checkpoint.last_id}, the chain {count}.",
        )
    since = AuditEvent.objects.filter(id__gt=checkpoint.last_id).count()
    return CheckpointCheck(
        True, f"The chain matches {label}: event id={checkpoint.last_id}, {count} events; {since} since."
    )


def checkpoint_write(*, directory: Path) -> Checkpoint:
    """Write a new signed checkpoint of the chain's head to `directory`. Refused (CheckpointError) when the
    chain no longer reaches the newest checkpoint there: a truncated chain must not be vouched for."""
    newest = newest_checkpoint(directory)
    if newest is not None:
        check = check_against(newest, recorded_gaps())
        if not check.ok:
            raise CheckpointError(f"{check.message} No new checkpoint written.")
    head = AuditEvent.objects.order_by("-id").values_list("id", "hash").first() or chain_start()
    now = timezone.now().astimezone(dt.UTC)
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "created_at": now.isoformat(timespec="seconds"),
        "last_id": head[0],
        "last_hash": head[1],
        "count": chain_count(head[0]),
    }
    document["signature"] = sign(document)
    path = directory / f"checkpoint-{head[0]:012d}-{now:%Y%m%dT%H%M%S%fZ}.json"
    write_new_file(path, [json.dumps(document, indent=2, sort_keys=True) + "\n"])
    return Checkpoint(path, document["created_at"], head[0], head[1], document["count"])
