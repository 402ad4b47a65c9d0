"""What each export writes: headers and rows of a filtered list, scoped by its selector.

Rows come from one query read in chunks (`iterator()`), with everything a row shows joined in
(`select_related`, annotations), so an export costs the same few queries for ten rows or a million.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Model, QuerySet, Value, When
from django.utils.translation import gettext as _

from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.core.validators import mask_id_number, mask_phone
from lvxie.registry import selectors as registry
from lvxie.registry.models import BarCommittee, LawFirm, Lawyer

CHUNK = 2000


def _labels(model: type[Model], field: str) -> Callable[[object], str]:
    """A choice field's display, translated once per export: `get_FOO_display()` translates each
    label again on every row, which was a third of a large export's time."""
    choices = model._meta.get_field(field).flatchoices  # type: ignore[union-attr]  # a model field with choices
    labels: dict[object, str] = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, str(value))


@dataclass(frozen=True)
class Table:
    """One export: its headers, the scoped queryset, and how one object becomes a row."""

    headers: list[str]
    items: QuerySet
    row: Callable[[Any], list]  # takes an object of the queryset's own model
    sensitive: bool = False  # ID number and phone columns are present (masked unless `unmasked`)
    unmasked: bool = False

    def count(self) -> int:
        return self.items.count()

    def rows(self) -> Iterator[list]:
        for obj in self.items.iterator(chunk_size=CHUNK):
            yield self.row(obj)


def _firms(actor: Actor, filters, unmasked):
    headers = [
        _("Name"),
        _("Kind"),
        _("Status"),
        _("Unified social credit code"),
        _("Practice licence number"),
        _("District"),
        _("Address"),
        _("Head of firm"),
        _("Lawyers"),
    ]

    kind, status = _labels(LawFirm, "kind"), _labels(LawFirm, "status")

    def row(f):
        return [
            f.name,
            kind(f.kind),
            status(f.status),
            f.credit_code,
            f.licence_no,
            f.region.name,
            f.address,
            f.head_name,
            f.lawyer_count,
        ]

    return Table(headers, registry.firm_list(actor, **filters), row)


def _lawyers(actor: Actor, filters, unmasked):
    """ID number and phone appear only for an actor who may unmask them somewhere, masked unless the
    export is an unmasked one; even then only the lawyers in the actor's sensitive scope are unmasked
    (decided in the query itself)."""
    lawyers = registry.lawyer_list(actor, **filters)
    scope = scope_of(actor)
    sensitive = bool(scope.sensitive_region_paths)
    headers = [
        _("Name"),
        _("Gender"),
        _("Licence number"),
        _("Kind"),
        _("Status"),
        _("Law firm"),
        _("District"),
        _("First licensed"),
    ]
    if sensitive:
        headers += [_("ID number"), _("Phone")]
    unmasked = sensitive and unmasked
    if unmasked:
        lawyers = lawyers.annotate(
            unmasked=Case(
                When(Lawyer.scope_q(scope.sensitive()), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    gender, kind, status = (_labels(Lawyer, f) for f in ("gender", "kind", "status"))

    def row(lawyer):
        values = [
            lawyer.name,
            gender(lawyer.gender),
            lawyer.licence_no,
            kind(lawyer.kind),
            status(lawyer.status),
            lawyer.firm.name if lawyer.firm else lawyer.employer,
            lawyer.region.name,
            lawyer.first_licensed_year,
        ]
        if sensitive:
            show = unmasked and lawyer.unmasked
            values += [
                lawyer.id_number if show else mask_id_number(lawyer.id_number),
                lawyer.phone if show else mask_phone(lawyer.phone),
            ]
        return values

    return Table(headers, lawyers, row, sensitive=sensitive, unmasked=unmasked)


def _committees(actor: Actor, filters, unmasked):
    headers = [_("Name"), _("Kind"), _("Region"), _("Members")]
    kind = _labels(BarCommittee, "kind")
    return Table(
        headers,
        registry.committee_list(actor, **filters),
        lambda c: [c.name, kind(c.kind), c.region.name, c.member_count],
    )


def _offices(actor: Actor, filters, unmasked):
    headers = [_("Law firm"), _("Country"), _("City"), _("Address"), _("Opened")]
    return Table(
        headers,
        registry.office_list(actor, **filters),
        lambda o: [o.firm.name, o.country, o.city, o.address, o.opened_on],
    )


EXPORTS = {"firms": _firms, "lawyers": _lawyers, "committees": _committees, "offices": _offices}
# The exports that can carry unmasked ID numbers and phones (with the permission and a reason).
UNMASKABLE = {"lawyers"}


def export_table(actor: Actor, what: str, filters: dict, *, unmasked: bool = False) -> Table:
    """The table of one export; `unmasked` only after `services.export_start` has checked it."""
    return EXPORTS[what](actor, filters, unmasked)
