"""The import engine: from a parsed table to a report, and (when asked) to saved records.

Every row is checked before anything is written; the write is one transaction through the registry's
bulk services, so a file with one refused row changes nothing."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lvxie.audit.services import audit_record
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


def check(
    kind: ImportKind, actor: Actor | None, table: Table, *, progress: Progress | None = None
) -> tuple[dict, list]:
    """Check every row; returns the report and the (row number, Prepared) of the valid rows."""
    labels = {c.key: c.label for c in kind.columns}
    mapping, ignored, missing = map_headers(kind, table.headers)
    report: dict[str, Any] = {
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
        report["file_errors"].append(
            _("Required columns are missing: %(columns)s. Download the template to see the headers.")
            % {"columns": "、".join(missing)}
        )
        return report, []
    rows = [
        (number, {mapping[i]: v for i, v in enumerate(values) if i in mapping})
        for number, values in table.rows
    ]
    position = {key: index for index, key in mapping.items()}
    kind.load(actor, [values for _n, values in rows])
    seen: dict[str, dict[str, int]] = {key: {} for key in (kind.key, *kind.unique)}
    valid: list[tuple[int, Prepared]] = []
    if progress:
        progress(0, len(rows))
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
                        {"row": number, "column": str(labels.get(key, key)), "message": message}
                    )
        else:
            valid.append((number, prepared))
            report["create" if prepared.created else "update"] += 1
            if len(report["preview"]) < PREVIEW_ROWS:
                report["preview"].append(
                    {
                        "row": number,
                        "action": "create" if prepared.created else "update",
                        "summary": kind.summary(prepared.obj),
                    }
                )
        for key, first in seen.items():
            value = values.get(key, "").strip().upper()
            if value:
                first.setdefault(value, number)
        if progress and done % 500 == 0:
            progress(done, len(rows))
    for warning in kind.warnings(valid):
        warning["column"] = str(labels.get(warning["column"], warning["column"]))
        report["warnings"].append(warning)
    if progress:
        progress(len(rows), len(rows))
    return report, valid


@transaction.atomic
def save(kind: ImportKind, actor: Actor | None, valid: list[tuple[int, Prepared]], *, filename: str) -> None:
    """Write the checked rows in one transaction and record the import itself in the audit log."""
    creates = [item.obj for _n, item in valid if item.created]
    updates = [item for _n, item in valid if not item.created]
    kind.save(actor, creates, updates)
    audit_record(
        actor=actor,
        action="import.commit",
        object_type=f"dataio.{kind.name}",
        object_repr=filename[:200],
        after={"created": len(creates), "updated": len(updates)},
    )
