"""The sanctions section on the registry's lawyer and firm pages (registered with
`registry.sections`): the sanctions on the record that the reader's scope shows."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from lvxie.core.types import Actor
from lvxie.registry.models import Lawyer

from .selectors import sanctions_of


def sanction_section(actor: Actor, obj: Any) -> str:
    rows = list(sanctions_of(actor, lawyer=obj) if isinstance(obj, Lawyer) else sanctions_of(actor, firm=obj))
    if not rows:
        return ""
    return render_to_string("discipline/_sanctions.html", {"sanctions": rows})
