"""Checking the audit chain end to end."""

from collections.abc import Iterable
from dataclasses import dataclass

from .models import GENESIS_HASH, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_events(events: Iterable[AuditEvent], prev_hash: str = GENESIS_HASH) -> ChainReport:
    """Walk events in id order; report the first whose link or content does not match."""
    checked = 0
    for event in events:
        if event.prev_hash != prev_hash:
            return ChainReport(checked, event.pk, "link")
        if event.compute_hash() != event.hash:
            return ChainReport(checked, event.pk, "content")
        prev_hash = event.hash
        checked += 1
    return ChainReport(checked)


def verify_chain() -> ChainReport:
    """The online chain, from the last archive checkpoint (or the beginning) to the newest event."""
    from .archive import chain_start

    start_id, start_hash = chain_start()
    events = AuditEvent.objects.filter(id__gt=start_id).order_by("id").iterator(chunk_size=2000)
    return verify_events(events, prev_hash=start_hash)
