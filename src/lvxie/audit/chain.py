"""The audit chain's arithmetic: which fields an event's hash covers, the keyed hash (HMAC-SHA256 with
`LVXIE_AUDIT_KEY`, kept outside the database), the plain SHA-256 of events written before the key, and
signatures of the files that vouch for the chain (checkpoints, archives).

No model is imported here: migrations use these functions on historical models.
"""

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS_HASH = "0" * 64
AUDIT_KEY_MIN_LENGTH = 32
# The event that ends the unkeyed prefix of a chain that existed before the key (migration 0004).
KEY_START_ACTION = "audit.key_start"


def audit_key() -> bytes:
    """The HMAC key; refuses to go on without one, so no unkeyed event is ever written again."""
    key = settings.LVXIE_AUDIT_KEY
    if not key:
        raise ImproperlyConfigured(
            "Set LVXIE_AUDIT_KEY (or LVXIE_AUDIT_KEY_FILE): the audit chain is keyed with a secret kept "
            "outside the database (docs/security.md)."
        )
    return key.encode()


def payload_of(event: Any) -> dict:
    """The fields the hash covers, in a form that survives a round trip through either database."""
    return {
        "created_at": event.created_at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "ip": event.ip,
        "request_id": event.request_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "scope_path": event.scope_path,
        "before": event.before,
        "after": event.after,
        "result": event.result,
    }


def _message(prev_hash: str, payload: dict) -> bytes:
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (prev_hash + body).encode()


def keyed_hash(prev_hash: str, payload: dict, key: bytes | None = None) -> str:
    """HMAC-SHA256 of the link and the fields: without the key nobody can recompute it."""
    return hmac.new(key or audit_key(), _message(prev_hash, payload), hashlib.sha256).hexdigest()


def legacy_hash(prev_hash: str, payload: dict) -> str:
    """Plain SHA-256, as events were hashed before the key (accepted only before the first keyed event)."""
    return hashlib.sha256(_message(prev_hash, payload)).hexdigest()


def sign(document: dict) -> str:
    """Signature of a JSON document (without its own `signature` member). The prefix keeps it apart from
    event hashes, whose messages begin with 64 hex digits."""
    body = json.dumps({k: v for k, v in document.items() if k != "signature"}, sort_keys=True)
    return hmac.new(audit_key(), f"lvxie-audit-signature\n{body}".encode(), hashlib.sha256).hexdigest()


def signature_ok(document: dict) -> bool:
    return hmac.compare_digest(str(document.get("signature", "")), sign(document))


def seal_legacy_chain(event_model, *, now: dt.datetime) -> Any | None:
    """Append one keyed event after a chain hashed without the key, so that its newest event is keyed.
    Rewriting the unkeyed events then breaks the link into this one, and a chain rewritten entirely
    without the key ends unkeyed, which `verify_events` refuses. None when there is nothing to seal."""
    last = event_model.objects.order_by("-id").first()
    if last is None or keyed_hash(last.prev_hash, payload_of(last)) == last.hash:
        return None
    event = event_model(
        created_at=now.astimezone(dt.UTC),
        actor_name="",
        request_id="",
        action=KEY_START_ACTION,
        object_type="audit.auditevent",
        object_id=str(last.pk),
        object_repr="",
        scope_path="",
        after={
            "scheme": "HMAC-SHA256",
            "unkeyed_events": event_model.objects.count(),
            "unkeyed_last_id": last.pk,
        },
        result="success",
        prev_hash=last.hash,
    )
    event.hash = keyed_hash(event.prev_hash, payload_of(event))
    event.save(force_insert=True)
    return event
