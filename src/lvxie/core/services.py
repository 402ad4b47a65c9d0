"""Shared machinery for services: snapshots for the audit log and the save-validate-audit step."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import model_to_dict

from lvxie.audit.services import audit_record, changed_fields
from lvxie.core.validators import mask_id_number, mask_phone

_MASKS = {"id_number": mask_id_number, "phone": mask_phone}


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's fields as JSON-able values, sensitive ones masked: the audit log must not become a
    second, less protected copy of ID numbers and phones."""
    data = model_to_dict(obj, fields=[f.name for f in obj._meta.concrete_fields if f.editable])
    for name in getattr(obj, "SENSITIVE_FIELDS", ()):
        if data.get(name):
            data[name] = _MASKS.get(name, lambda v: "***")(data[name])
    return data


def save_audited(*, actor, obj: models.Model, action: str, before: dict | None = None) -> models.Model:
    """Validate, save and audit one object (the caller holds the transaction)."""
    obj.full_clean()
    obj.save()
    after = snapshot(obj)
    if before is None:
        audit_record(actor=actor, action=action, obj=obj, after=after)
    else:
        old, new = changed_fields(before, after)
        audit_record(actor=actor, action=action, obj=obj, before=old, after=new)
    return obj


def require(allowed: bool) -> None:
    """Refuse an action the actor's scope does not grant. Callers have already shown the object is
    visible (else it would be a 404), so this is a plain 403."""
    if not allowed:
        raise PermissionDenied
