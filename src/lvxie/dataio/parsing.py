"""Reading an uploaded spreadsheet without trusting it.

The kind of file is decided by its bytes, never its name: an .xlsx is a zip whose first entry starts
"PK\\x03\\x04" and holds the parts of a workbook; anything else must decode as text (UTF-8, or GB18030 as
Chinese Excel writes CSV). Before anything is unpacked, the zip's directory is checked: how many parts,
their declared sizes and compression ratios (a zip bomb declares gigabytes in kilobytes); then no part may
declare a DOCTYPE or an entity anywhere in it (entity expansion, "billion laughs"); openpyxl parses them
with defusedxml as well (`lvxie.core.uploads.check_zip`, shared with attachments).

A sheet claiming ten million rows in its <dimension> is refused before a single row is parsed, but the
dimension is never trusted to say where the rows end: every <row> element is read (openpyxl's read-only
sheets stop at the declared last row, dropping the rest without a word), and the limits count the rows
really there. A cell holding a formula, or an error such as #N/A, is not imported as its cached value
(a name "=1+1" would become "2"): the cell is named in the row's errors, to be pasted as values.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from lvxie.core.uploads import UnsafeFile, check_zip

__all__ = ["Limits", "Table", "UnsafeFile", "limits", "read_table", "refuse_unsafe"]

EXCEL_MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 100_000
    max_columns: int = 60
    max_cell_chars: int = 1_000
    max_parts: int = 200
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 200  # real sheets compress 5–20 times; bombs thousands of times


def limits() -> Limits:
    return Limits(**getattr(settings, "LVXIE_IMPORT_LIMITS", {}))


_DIMENSION_RE = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:?[A-Z]*(\d*)\"")
_PROLOG_BYTES = 4096


@dataclass
class Table:
    """Header cells and the data rows after them, as text, with their 1-based row numbers; `refused`
    holds, by row number and column index, the cells that cannot be imported as they are (formulas,
    error values), with the message naming the cell."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    refused: dict[int, dict[int, str]] = field(default_factory=dict)


# A row as read: its number, its cells' values (None for an empty cell), the cells refused in it.
RawRow = tuple[int, list, dict[int, str]]


def refuse_unsafe(data: bytes, *, lim: Limits | None = None) -> None:
    """The quick checks, before a file is accepted: size, real type, zip directory, XML prologs, the
    sheet's declared rows. Raises UnsafeFile."""
    lim = lim or limits()
    _check_size(data, lim)
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise UnsafeFile(_("The workbook cannot be opened. Save it again as .xlsx and retry.")) from exc
        _check_zip(archive, lim)
        _check_declared_rows(archive, lim)
    else:
        _decode(data)


def read_table(data: bytes, *, lim: Limits | None = None) -> Table:
    """Parse an upload into a Table, or raise UnsafeFile with a message for the user."""
    lim = lim or limits()
    _check_size(data, lim)
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, lim)
    return _read_csv(data, lim)


def _check_size(data: bytes, lim: Limits) -> None:
    if len(data) > lim.max_bytes:
        raise UnsafeFile(
            _("The file is %(size)d MB; at most %(max)d MB can be imported. Split it into smaller files.")
            % {"size": len(data) // 2**20, "max": lim.max_bytes // 2**20}
        )


def _cell(value, lim: Limits, row: int) -> str:
    text = "" if value is None else str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # 2015.0 typed as a number in Excel is the year 2015
    if len(text) > lim.max_cell_chars:
        raise UnsafeFile(
            _("Row %(row)d has a cell longer than %(max)d characters. Check the file.")
            % {"row": row, "max": lim.max_cell_chars}
        )
    return text


def _collect(raw_rows: Iterable[RawRow], lim: Limits) -> Table:
    headers: list[str] | None = None
    table = Table(headers=[], rows=[])
    for number, raw, refused in raw_rows:
        if len(raw) > lim.max_columns:
            if any(v not in (None, "") for v in raw[lim.max_columns :]):
                raise UnsafeFile(
                    _("Row %(row)d has more than %(max)d columns. Use the template's columns.")
                    % {"row": number, "max": lim.max_columns}
                )
            raw = raw[: lim.max_columns]
        values = [_cell(value, lim, number) for value in raw]
        while values and not values[-1]:
            values.pop()
        if not any(values):
            continue  # blank lines between rows are common in hand-made sheets
        if headers is None:
            headers = table.headers = values
            continue
        if len(table.rows) >= lim.max_rows:
            raise UnsafeFile(
                _("The file has more than %(max)d rows. Split it into smaller files.") % {"max": lim.max_rows}
            )
        table.rows.append((number, values))
        if refused:
            table.refused[number] = refused
    if headers is None:
        raise UnsafeFile(_("The file is empty: the first row must hold the column headers."))
    return table


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnsafeFile(
            _(
                "This is neither an .xlsx workbook nor a .csv text file. "
                "Save it as .xlsx or .csv and try again."
            )
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnsafeFile(_("The .csv file is not UTF-8 or GB18030 text. Save it as CSV UTF-8 and try again."))


def _read_csv(data: bytes, lim: Limits) -> Table:
    text = _decode(data)
    try:
        lines = csv.reader(io.StringIO(text, newline=""))
        return _collect(((number, row, {}) for number, row in enumerate(lines, start=1)), lim)
    except csv.Error as exc:
        raise UnsafeFile(_("The .csv file cannot be read: %(error)s") % {"error": _csv_damage(exc)}) from exc


def _check_zip(archive: zipfile.ZipFile, lim: Limits) -> None:
    check_zip(
        archive, max_parts=lim.max_parts, max_unpacked_bytes=lim.max_unpacked_bytes, max_ratio=lim.max_ratio
    )
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnsafeFile(_("This zip file is not an .xlsx workbook. Save the sheet as .xlsx and try again."))


def _check_declared_rows(archive: zipfile.ZipFile, lim: Limits) -> None:
    sheets = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    if not sheets:
        return
    with archive.open(sheets[0]) as part:
        found = _DIMENSION_RE.search(part.read(_PROLOG_BYTES))
    declared = int(found.group(1)) if found and found.group(1) else 0
    if declared > lim.max_rows + 1:
        raise UnsafeFile(
            _(
                "The sheet declares %(rows)d rows; at most %(max)d can be imported. "
                "Split it into smaller files."
            )
            % {"rows": declared, "max": lim.max_rows}
        )


def _damage(exc: Exception) -> str | Promise:
    """What is wrong with a workbook, in the user's words: never an exception's class name."""
    if isinstance(exc, zipfile.BadZipFile):
        return _("it is not a whole .xlsx file")
    if isinstance(exc, KeyError):
        return _("a part of the workbook is missing")
    return _("its contents are damaged")


def _csv_damage(exc: csv.Error) -> str | Promise:
    """The csv module's English reason, said in the user's language."""
    if "field limit" in str(exc):
        return _("a cell is longer than allowed")
    return _("a quotation mark or a line break is out of place")


def _read_xlsx(data: bytes, lim: Limits) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(archive, lim)
        _check_declared_rows(archive, lim)
        # Not data_only: a formula must be seen as one, not as the value Excel cached for it.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except UnsafeFile:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds for a damaged file
        raise UnsafeFile(
            _("The workbook cannot be opened (%(error)s). Save it again as .xlsx and retry.")
            % {"error": _damage(exc)}
        ) from exc
    try:
        return _collect(_sheet_rows(workbook, workbook.worksheets[0], lim), lim)
    except UnsafeFile:
        raise
    except Exception as exc:
        raise UnsafeFile(
            _("The workbook cannot be read (%(error)s). Save it again as .xlsx and retry.")
            % {"error": _damage(exc)}
        ) from exc
    finally:
        workbook.close()


def _sheet_rows(workbook, sheet, lim: Limits) -> Iterator[RawRow]:
    """Every <row> of the sheet, whatever its <dimension> says, by openpyxl's own sheet parser (the one
    its read-only sheets use, without their stop at the declared last row and their padding of gaps).
    A row or cell that comes twice or out of order would be dropped by any reader: the file is refused."""
    last = 0
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=False,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            if number <= last or number > EXCEL_MAX_ROWS:
                raise _out_of_order(number)
            last = number
            yield number, *_row_values(number, cells, lim)


def _out_of_order(number: int) -> UnsafeFile:
    return UnsafeFile(
        _("Row %(row)d of the sheet is out of order. Open the file in Excel, save it again and retry.")
        % {"row": number}
    )


def _row_values(number: int, cells: list[dict], lim: Limits) -> tuple[list, dict[int, str]]:
    values: dict[int, object] = {}
    refused: dict[int, str] = {}
    for cell in cells:
        index, value = cell["column"] - 1, cell["value"]
        if index in values:
            raise _out_of_order(number)
        if value is None or index >= lim.max_columns:
            if value not in (None, ""):
                raise UnsafeFile(
                    _("Row %(row)d has more than %(max)d columns. Use the template's columns.")
                    % {"row": number, "max": lim.max_columns}
                )
            continue
        values[index] = value
        name = f"{get_column_letter(index + 1)}{number}"
        if cell["data_type"] == "f":
            refused[index] = _(
                "%(cell)s: a formula cannot be imported. Copy the column and paste it as values."
            ) % {"cell": name}
            values[index] = "="  # the row is not blank; what the formula says is never imported
        elif cell["data_type"] == "e":
            refused[index] = _(
                "%(cell)s: the cell holds the error %(value)s. Correct it or clear the cell."
            ) % {
                "cell": name,
                "value": value,
            }
    width = max(values, default=-1) + 1
    return [values.get(i) for i in range(width)], refused
