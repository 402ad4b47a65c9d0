"""Checking the audit chain end to end."""

from collections.abc import Iterable
from dataclasses import dataclass

from .chain import GENESIS_HASH, audit_key
from .models import ArchiveCheckpoint, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    """`checked` events verified; the first broken one and why, or None. `head_id`/`head_hash`: the last
    event verified; `unkeyed`: how many of them were hashed before the audit key (all at the start)."""

    checked: int
    broken_id: int | None = None
    reason: str = ""
    head_id: int | None = None
    head_hash: str = ""
    unkeyed: int = 0

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_events(
    events: Iterable[AuditEvent], prev_hash: str = GENESIS_HASH, *, must_end_keyed: bool = True
) -> ChainReport:
    """Walk events in id order; report the first whose link or content does not match.

    Every event carries the keyed hash, except a run at the start hashed before the key existed (plain
    SHA-256). Once one keyed event is seen, an unkeyed one is a forgery. A chain that *ends* unkeyed is
    refused too (`must_end_keyed`): rewriting every event with plain SHA-256 must not pass. Files whose
    head is signed (archives) may hold only unkeyed events."""
    key = audit_key()
    checked = unkeyed = 0
    keyed = False
    head: AuditEvent | None = None

    def report(broken: AuditEvent | None = None, reason: str = "") -> ChainReport:
        return ChainReport(
            checked,
            broken.pk if broken else None,
            reason,
            head.pk if head else None,
            head.hash if head else "",
            unkeyed,
        )

    for event in events:
        if event.prev_hash != prev_hash:
            return report(event, "link")
        if event.compute_hash(key) == event.hash:
            keyed = True
        elif not keyed and event.legacy_hash() == event.hash:
            unkeyed += 1
        else:
            return report(event, "content")
        prev_hash = event.hash
        head = event
        checked += 1
    if must_end_keyed and head is not None and not keyed:
        return report(head, "unkeyed")
    return report()


def chain_start() -> tuple[int, str]:
    """(last archived event id, its hash): where the online chain starts."""
    checkpoint = ArchiveCheckpoint.objects.order_by("-last_event_id").first()
    return (checkpoint.last_event_id, checkpoint.last_hash) if checkpoint else (0, GENESIS_HASH)


def verify_chain() -> ChainReport:
    """The online chain, from the last archive checkpoint (or the beginning) to the newest event."""
    start_id, start_hash = chain_start()
    events = AuditEvent.objects.filter(id__gt=start_id).order_by("id").iterator(chunk_size=2000)
    return verify_events(events, prev_hash=start_hash)
