"""The sanctions section on the registry's lawyer and firm pages (registered with
`registry.sections`): the sanctions on the record that the reader's scope shows."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from lvxie.core.scoping import scope_of
from lvxie.core.statements import Statements
from lvxie.core.types import Actor
from lvxie.registry.models import Lawyer

from .selectors import sanctions_of

# On every lawyer's and firm's page, for every reader: compiled once per kind of record and scope.
_SECTIONS = Statements()


def sanction_section(actor: Actor, obj: Any) -> str:
    subject = "lawyer" if isinstance(obj, Lawyer) else "firm"
    rows = _SECTIONS.rows(
        (subject, scope_of(actor).reads()), lambda pk: sanctions_of(actor, **{subject: pk}), obj.pk
    )
    if not rows:
        return ""
    return render_to_string("discipline/_sanctions.html", {"sanctions": rows})
