"""The import engine: from a parsed table to a report, and (when asked) to saved records.

Every row is checked before anything is written; the write is one transaction through the registry's
bulk services, so a file with one refused row changes nothing."""

from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from lvxie.audit.services import audit_record
from lvxie.core.bulk import COPY_FROM_ROWS, collector_paused
from lvxie.core.types import Actor

from .kinds import ImportKind
from .kinds.base import Prepared, RowError, fold_header
from .parsing import Table

PREVIEW_ROWS = 200
MAX_MESSAGES = 1000
Progress = Callable[[int, int], None]


def map_headers(kind: ImportKind, headers: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """Column index → field key; the headers not recognised; the required columns missing."""
    accepted: dict[str, str] = {}
    for column in kind.columns:
        for text in (column.label, column.key, *column.aliases):
            accepted[fold_header(text)] = column.key
    mapping: dict[int, str] = {}
    ignored = []
    for index, header in enumerate(headers):
        key = accepted.get(fold_header(header))
        if key is None or key in mapping.values():
            ignored.append(header)
        else:
            mapping[index] = key
    missing = [c.label for c in kind.columns if c.required and c.key not in mapping.values()]
    return mapping, ignored, missing


class Checking:
    """The check of one file's rows, shared by `check` and `check_and_save`: the report, filled as the rows
    are checked (`valid_rows`), then finished (`finish`). `progress` is told every 500 rows."""

    def __init__(self, kind: ImportKind, actor: Actor | None, table: Table, progress: Progress | None):
        self.kind, self.actor, self.table, self.progress = kind, actor, table, progress
        self.labels = {c.key: c.label for c in kind.columns}
        self.mapping, ignored, missing = map_headers(kind, table.headers)
        self.report: dict[str, Any] = {
            "kind": kind.name,
            "rows": len(table.rows),
            "create": 0,
            "update": 0,
            "refused": 0,
            "errors": [],
            "warnings": [],
            "ignored_headers": ignored,
            "file_errors": [],
            "preview": [],
        }
        if missing:
            self.report["file_errors"].append(
                _("Required columns are missing: %(columns)s. Download the template to see the headers.")
                % {"columns": "、".join(missing)}
            )

    @property
    def refused(self) -> bool:
        return bool(self.report["refused"] or self.report["file_errors"])

    def valid_rows(self) -> Iterator[tuple[int, Prepared]]:
        """Check every row, yielding each valid one as (row number, Prepared) once it is checked."""
        if self.report["file_errors"]:
            return
        kind, actor, table, mapping, report = self.kind, self.actor, self.table, self.mapping, self.report
        rows = [
            (number, {mapping[i]: v for i, v in enumerate(values) if i in mapping})
            for number, values in table.rows
        ]
        position = {key: index for index, key in mapping.items()}
        kind.load(actor, [values for _n, values in rows])
        seen: dict[str, dict[str, int]] = {key: {} for key in (kind.key, *kind.unique)}
        if self.progress:
            self.progress(0, len(rows))
        for done, (number, values) in enumerate(rows, start=1):
            # Every problem of the row at once, so that one upload shows all there is to correct.
            errors = [
                (mapping[i], message) for i, message in table.refused.get(number, {}).items() if i in mapping
            ]
            refused_cells = {key for key, _m in errors}
            for key, first in seen.items():
                value = values.get(key, "").strip().upper()
                if value and value in first:
                    errors.append(
                        (
                            key,
                            _("Repeats row %(row)d of this file: each value may appear once.")
                            % {"row": first[value]},
                        )
                    )
            try:
                prepared = kind.build(actor, values)
            except RowError as exc:
                # A refused cell's value was never read: what the kind says of it adds nothing.
                errors += [(key, message) for key, message in exc.errors if key not in refused_cells]
            if errors:
                report["refused"] += 1
                # In the order of the sheet's columns, as the user reads the row.
                errors.sort(key=lambda error: position.get(error[0], len(position)))
                for key, message in errors:
                    if len(report["errors"]) < MAX_MESSAGES:
                        report["errors"].append(
                            {"row": number, "column": str(self.labels.get(key, key)), "message": message}
                        )
            else:
                report["create" if prepared.created else "update"] += 1
                if len(report["preview"]) < PREVIEW_ROWS:
                    report["preview"].append(
                        {
                            "row": number,
                            "action": "create" if prepared.created else "update",
                            "summary": kind.summary(prepared.obj),
                        }
                    )
                yield number, prepared
            for key, first in seen.items():
                value = values.get(key, "").strip().upper()
                if value:
                    first.setdefault(value, number)
            if self.progress and done % 500 == 0:
                self.progress(done, len(rows))

    def finish(self, valid: list[tuple[int, Prepared]]) -> None:
        """The warnings over the valid rows, and the progress at its end (a file without its columns was
        not checked: nothing to add)."""
        if self.report["file_errors"]:
            return
        for warning in self.kind.warnings(valid):
            warning["column"] = str(self.labels.get(warning["column"], warning["column"]))
            self.report["warnings"].append(warning)
        if self.progress:
            self.progress(len(self.table.rows), len(self.table.rows))


def check(
    kind: ImportKind, actor: Actor | None, table: Table, *, progress: Progress | None = None
) -> tuple[dict, list]:
    """Check every row; returns the report and the (row number, Prepared) of the valid rows."""
    checking = Checking(kind, actor, table, progress)
    with collector_paused():  # (every valid row is held until the end)
        valid = list(checking.valid_rows())
        checking.finish(valid)
    return checking.report, valid


def streams(kind: ImportKind, rows: int) -> bool:
    """Whether `check_and_save` writes this file's new records while it checks the rest: a kind that can
    (`ImportKind.streams`), a file large enough for COPY, on PostgreSQL."""
    return kind.streams and rows >= COPY_FROM_ROWS and connection.vendor == "postgresql"


class _Refused(Exception):
    """A row was refused while the rows before it were being written: undo them."""


def check_and_save(checking: Checking, *, filename: str) -> dict:
    """`check`, then `save` if no row is refused, in one pass (where `streams`): each new record is written
    (one COPY) while the next rows are checked, so the database's work overlaps the checks', and if a
    row is refused, everything written is rolled back; the report is `check`'s. Nothing but the rows may
    use the connection meanwhile: the checking's `progress` must not write to the database. Returns the
    report (`checking.report`), with `committed` set when saved."""
    kind, actor = checking.kind, checking.actor
    valid: list[tuple[int, Prepared]] = []
    updates: list[Prepared] = []

    def creates() -> Iterator[models.Model]:
        for number, item in checking.valid_rows():
            valid.append((number, item))
            if checking.refused:
                continue  # every row is still checked, for the report; nothing more is written
            if item.created:
                yield item.obj
            else:
                updates.append(item)
        if checking.refused:
            raise _Refused

    rows = creates()
    try:
        with collector_paused(), transaction.atomic():
            kind.save_checking(actor, rows, updates, most=len(checking.table.rows))
            if next(rows, None) is not None:
                raise RuntimeError(f"{kind.name}: save_checking left new records unsaved")
            # (The warnings' lookups see the rows just written: they compare by the record's key, which
            # those rows share with the file's, so they warn as the check before saving did.)
            checking.finish(valid)
            _audit_commit(kind, actor, filename, created=len(valid) - len(updates), updated=len(updates))
    except _Refused:
        checking.finish(valid)
        return checking.report
    checking.report["committed"] = True
    return checking.report


@transaction.atomic
def save(kind: ImportKind, actor: Actor | None, valid: list[tuple[int, Prepared]], *, filename: str) -> None:
    """Write the checked rows in one transaction and record the import itself in the audit log."""
    creates = [item.obj for _n, item in valid if item.created]
    updates = [item for _n, item in valid if not item.created]
    with collector_paused():
        kind.save(actor, creates, updates)
    _audit_commit(kind, actor, filename, created=len(creates), updated=len(updates))


def _audit_commit(
    kind: ImportKind, actor: Actor | None, filename: str, *, created: int, updated: int
) -> None:
    audit_record(
        actor=actor,
        action="import.commit",
        object_type=f"dataio.{kind.name}",
        object_repr=filename[:200],
        after={"created": created, "updated": updated},
    )
