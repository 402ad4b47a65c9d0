"""Exports: a registry of the lists that can be downloaded, filled by the capability apps from their
AppConfig.ready (registry/exports.py: firms, lawyers, committees, offices), and the Table each one
builds. An export is a list's own definition (`lvxie.core.lists.ListDef`): the same filters as its page
and its API endpoint, read from the same query string, and its export columns. dataio streams the table
(core/tabular.py) and audits the download (services.export_start) with the list's name and the filters
the definition applied.

Rows come from one query read in chunks (`iterator()`), with everything a row shows joined in
(`select_related`, annotations), so an export costs the same few queries for ten rows or a million. Where
every column says which values it is made of (`Column.value_paths`), the rows are read as plain values
(`values_list`), building no model object: a national export's time is then mostly the database's.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from lvxie.core.lists import ListDef
from lvxie.core.types import Actor

CHUNK = 2000


@dataclass(frozen=True)
class Table:
    """One export: its headers, the scoped queryset, how one object becomes a row, and the filters that
    narrowed it (as the audit event records them)."""

    headers: list[str]
    items: QuerySet
    row: Callable[[Any], list]  # takes an object of the queryset's own model, or a tuple of `values`
    sensitive: bool = False  # ID number and phone columns are present (masked unless `unmasked`)
    unmasked: bool = False
    filters: dict[str, str] = field(default_factory=dict)
    values: tuple[str, ...] = ()  # read as these values, not as objects

    def count(self) -> int:
        return self.items.count()

    def rows(self) -> Iterator[list]:
        found = self.items.values_list(*self.values) if self.values else self.items
        for item in found.iterator(chunk_size=CHUNK):
            yield self.row(item)


def _never(actor: Actor) -> bool:
    return False


@dataclass(frozen=True)
class Export:
    """A downloadable list: its definition, and for one with masked columns (ID numbers, phones) who sees
    them at all (`sensitive(actor)`: masked unless unmasked) and, unmasked, which rows may be shown in
    clear (`unmask(actor, items)` annotates each row's boolean `unmasked`, decided in the query itself)."""

    list: ListDef
    sensitive: Callable[[Any], bool] = _never
    unmask: Callable[[Any, QuerySet], QuerySet] | None = None

    @property
    def name(self) -> str:
        return self.list.name

    @property
    def unmaskable(self) -> bool:
        """May carry unmasked ID numbers and phones (with the permission and a reason)."""
        return self.unmask is not None


EXPORTS: dict[str, Export] = {}


def register(export: Export) -> Export:
    if EXPORTS.get(export.name, export) is not export:
        raise ValueError(f"export {export.name!r} is registered twice")
    EXPORTS[export.name] = export
    return export


def is_unmaskable(what: str) -> bool:
    return what in EXPORTS and EXPORTS[what].unmaskable


def export_table(actor: Actor, what: str, data: Mapping | None, *, unmasked: bool = False) -> Table:
    """The table of one export, filtered by the list's definition from `data` (the query string);
    `unmasked` only after `services.export_start` has checked it."""
    export = EXPORTS[what]
    found = export.list.query(actor, data)
    sensitive = export.sensitive(actor)
    unmasked = sensitive and unmasked and export.unmask is not None
    items = export.unmask(actor, found.items) if unmasked and export.unmask else found.items
    columns = export.list.export_columns(sensitive=sensitive)
    headers = [str(c.label) for c in columns]
    paths = [c.value_paths(export.list.model, items.query.annotations) for c in columns]
    if all(paths):
        return _values_table(export, columns, paths, items, headers, sensitive, unmasked, found.applied)
    readers = [(c.reader(export.list.model), c.masked) for c in columns]

    def row(obj) -> list:
        show = unmasked and obj.unmasked
        return [read(obj) if mask is None or show else mask(read(obj)) for read, mask in readers]

    return Table(headers, items, row, sensitive=sensitive, unmasked=unmasked, filters=found.applied)


def _values_table(export, columns, paths, items, headers, sensitive, unmasked, applied) -> Table:
    """The same table read as plain values: each column's slice of the row, its cell made from them."""
    names: list[str] = []
    cells = []
    for column, wanted in zip(columns, paths, strict=True):
        start = len(names)
        names += wanted
        cells.append((start, start + len(wanted), column.value_reader(export.list.model), column.masked))
    if unmasked:
        names.append("unmasked")  # the annotation of `Export.unmask`: this row may be shown in clear
    last = len(names) - 1

    def row(values: tuple) -> list:
        show = unmasked and values[last]
        out = []
        for start, end, read, mask in cells:
            value = read(*values[start:end])
            out.append(value if mask is None or show else mask(value))
        return out

    return Table(headers, items, row, sensitive=sensitive, unmasked=unmasked, filters=applied,
                 values=tuple(names))  # fmt: skip
