"""The save-validate-audit step of the services: one object validated, saved and its change recorded.
It lives with the audit log (not in core), so that core imports no app."""

from typing import TypeVar

from django.db import models

from lvxie.core.bulk import save_row
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor

from .services import audit_record, changed_fields

M = TypeVar("M", bound=models.Model)


def save_audited(*, actor: Actor | None, obj: M, action: str, before: dict | None = None) -> M:
    """Validate, save and audit one object (the caller holds the transaction)."""
    if before is None:
        validate(obj)
    else:
        # (a masked value that looks the same may have changed: sensitive fields never count as kept)
        current, masked = snapshot(obj), set(getattr(obj, "SENSITIVE_FIELDS", ()))
        kept = frozenset(k for k, v in before.items() if current.get(k) == v and k not in masked)
        validate(obj, unchanged=kept)
    save_row(obj)
    after = snapshot(obj)
    if before is None:
        audit_record(actor=actor, action=action, obj=obj, after=after)
    else:
        old, new = changed_fields(before, after)
        audit_record(actor=actor, action=action, obj=obj, before=old, after=new)
    return obj
