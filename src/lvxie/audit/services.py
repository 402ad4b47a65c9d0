"""Appending to the audit log. Every service that changes or reveals protected data calls
`audit_record` inside its own transaction, so the event and the change commit or fail together."""

import datetime as dt
import json
import threading
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lvxie.core import request_context
from lvxie.core.bulk import insert_one
from lvxie.core.logging import escape_control
from lvxie.core.types import Actor

from .choices import Result
from .models import GENESIS_HASH, AuditEvent

# Any constant key: serializes appenders on PostgreSQL so two events never claim the same predecessor.
_PG_LOCK_KEY = 0x6C7678  # "lvx"


def _jsonable(value: Any) -> Any:
    """Normalize to plain JSON so the hash computed now equals the hash recomputed from the database."""
    if value is None:
        return None
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _actor_name(actor: Actor | None) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return escape_control(getattr(actor, "display_name", "") or actor.get_username())[:150]


# The hash this thread's transaction appended last, with the no-op it registered to run on commit and
# where that no-op stands in Django's list. While it is still there, the transaction (and the savepoint
# the event was written in) is alive, so it still holds the chain (the lock is the transaction's), and its
# own last event is the head: the next event of the same change needs no round trip. Committed, rolled
# back, or rolled back to before the event: Django has dropped the no-op, and the head is read again.
# (Looked up by its place, not searched for: a transaction of many events would search a long list.)
_held = threading.local()


def _chain_head() -> str | None:
    """The newest event's hash, read once this appender has the chain to itself: on PostgreSQL after the
    advisory lock, in one round trip (migration audit 0005); SQLite writers are serialized already."""
    held = getattr(_held, "head", None)
    if held is not None:
        marker, place, head = held
        waiting = connection.run_on_commit
        if place < len(waiting) and waiting[place][1] is marker:
            return head
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT audit_chain_head(%s)", [_PG_LOCK_KEY])
            return cursor.fetchone()[0]
    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()


def _hold(head: str) -> None:
    def still_open() -> None:
        """(Nothing to do on commit: that it is still waiting is the sign.)"""

    transaction.on_commit(still_open)
    _held.head = (still_open, len(connection.run_on_commit) - 1, head)


# No savepoint of its own: inside a service's transaction, a failed append must undo the whole change.
@transaction.atomic(savepoint=False)
def audit_record(
    *,
    actor: Actor | None,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    scope_path: str = "",
    before: dict | None = None,
    after: dict | None = None,
    result: str = Result.SUCCESS,
) -> AuditEvent:
    """Append one event to the chain; returns it."""
    last = _chain_head()
    ctx = request_context.current()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
        scope_path = scope_path or getattr(obj, "scope_path", "") or ""
    event = AuditEvent(
        created_at=timezone.now().astimezone(dt.UTC),
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        actor_name=_actor_name(actor),
        ip=ctx.ip,
        request_id=ctx.request_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        # A line break in a name must not pass for a second event in any export or log of this row.
        object_repr=escape_control(object_repr)[:200],
        scope_path=scope_path,
        before=_jsonable(before),
        after=_jsonable(after),
        result=result,
        prev_hash=last or GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    insert_one(event)
    _hold(event.hash)
    return event


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that changed, as (before, after), for compact update events."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
