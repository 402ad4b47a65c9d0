"""Exports: a registry of the lists that can be downloaded, filled by the capability apps from their
AppConfig.ready (registry/exports.py: firms, lawyers, committees, offices), and the Table each one
builds. dataio streams the table (core/tabular.py) and audits the download (services.export_start).

Rows come from one query read in chunks (`iterator()`), with everything a row shows joined in
(`select_related`, annotations), so an export costs the same few queries for ten rows or a million.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model, QuerySet

CHUNK = 2000


def choice_labels(model: type[Model], field: str) -> Callable[[object], str]:
    """A choice field's display, translated once per export: `get_FOO_display()` translates each
    label again on every row, which was a third of a large export's time."""
    labels = {value: str(label) for value, label in model._meta.get_field(field).flatchoices}
    return lambda value: labels.get(value, value)


@dataclass(frozen=True)
class Table:
    """One export: its headers, the scoped queryset, and how one object becomes a row."""

    headers: list[str]
    items: QuerySet
    row: Callable[[Any], list]
    sensitive: bool = False  # ID number and phone columns are present (masked unless `unmasked`)
    unmasked: bool = False

    def count(self) -> int:
        return self.items.count()

    def rows(self) -> Iterator[list]:
        for obj in self.items.iterator(chunk_size=CHUNK):
            yield self.row(obj)


@dataclass(frozen=True)
class Export:
    """A downloadable list: its name in the URL, how it builds its table for (actor, filters, unmasked),
    the list page's filter form (read from the same query string), and whether it may be unmasked."""

    name: str
    table: Callable[[Any, dict, bool], Table]
    filter_form: type[forms.Form]
    unmaskable: bool = False  # may carry unmasked ID numbers and phones (with the permission and a reason)


EXPORTS: dict[str, Export] = {}


def register(export: Export) -> Export:
    if EXPORTS.get(export.name, export) is not export:
        raise ValueError(f"export {export.name!r} is registered twice")
    EXPORTS[export.name] = export
    return export


def is_unmaskable(what: str) -> bool:
    return what in EXPORTS and EXPORTS[what].unmaskable


def export_table(actor, what: str, filters: dict, *, unmasked: bool = False) -> Table:
    """The table of one export; `unmasked` only after `services.export_start` has checked it."""
    return EXPORTS[what].table(actor, filters, unmasked)
