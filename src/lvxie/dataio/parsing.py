"""Reading an uploaded spreadsheet without trusting it.

The kind of file is decided by its bytes, never its name: an .xlsx is a zip whose first entry starts
"PK\\x03\\x04" and holds the parts of a workbook; anything else must decode as text (UTF-8, or GB18030 as
Chinese Excel writes CSV). Before anything is unpacked, the zip's directory is checked: how many parts,
their declared sizes and compression ratios (a zip bomb declares gigabytes in kilobytes); then no part may
declare a DOCTYPE or an entity anywhere in it (entity expansion, "billion laughs"); openpyxl parses them
with defusedxml as well (`lvxie.core.uploads.check_zip`, shared with attachments).

A sheet claiming ten million rows in its <dimension> is refused before a single row is parsed, but the
dimension is never trusted to say where the rows end: python-calamine (Rust: a 100,000-row sheet in about
a second, where openpyxl with defusedxml took 16) reads every cell there is, and the limits count the rows
really there. What the values alone do not say comes from one scan of the sheet's XML (`_sheet_marks`): a
row or cell given twice or out of order refuses the file, and a cell holding a formula, or an error such
as #N/A, is not imported as its cached value (a name "=1+1" would become "2"): the cell is named in the
row's errors, to be pasted as values.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from defusedxml import ElementTree as DefusedET  # type: ignore[import-untyped]
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

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
        part = _first_sheet_part(archive)
        marks = _sheet_marks(archive.read(part)) if part else Marks()
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except UnsafeFile:
        raise
    except Exception as exc:  # zipfile and calamine raise many kinds for a damaged file
        raise UnsafeFile(
            _("The workbook cannot be opened (%(error)s). Save it again as .xlsx and retry.")
            % {"error": _damage(exc)}
        ) from exc
    try:
        return _collect(_sheet_rows(workbook, marks), lim)
    except UnsafeFile:
        raise
    except Exception as exc:
        raise UnsafeFile(
            _("The workbook cannot be read (%(error)s). Save it again as .xlsx and retry.")
            % {"error": _damage(exc)}
        ) from exc
    finally:
        workbook.close()


@dataclass
class Marks:
    """What the values alone do not say, found in the sheet's XML: the cells holding a formula and those
    holding an error value (by row number, then column index: the error's text)."""

    formulas: dict[int, set[int]] = field(default_factory=dict)
    errors: dict[int, dict[int, str]] = field(default_factory=dict)


# The sheet's own markup: <row r="…">, <c r="…" t="…">, <f>, in any namespace prefix. Text never holds a
# raw "<", so each match is an element.
_TAG_RE = re.compile(rb"<(?:\w+:)?(row|c|f)\b([^>]*)>")
_REF_RE = re.compile(rb'\br="([A-Z]{0,3})(\d*)"')
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_ERROR_TYPE = re.compile(rb'\bt="e"')


def _column(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _first_sheet_part(archive: zipfile.ZipFile) -> str | None:
    """The part of the workbook's first worksheet (the sheet the reader reads), by workbook.xml and
    its relationships (parsed by defusedxml; check_zip refused DOCTYPEs and entities already)."""
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = DefusedET.fromstring(archive.read("xl/workbook.xml"))
    sheet = next((e for e in book.iter() if e.tag.endswith("}sheet") or e.tag == "sheet"), None)
    if sheet is None or rel not in sheet.attrib:
        return None
    rels = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for item in rels.iter():
        if item.get("Id") == sheet.attrib[rel]:
            target = item.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


# The fast path reads unprefixed markup with the reference first, as Excel and the libraries write it:
# patterns that begin with a literal are searched at memchr speed (a 100,000-row sheet is 40 MB of XML).
_ROW_NUMBER_RE = re.compile(rb'<row r="(\d+)"')
_CELL_REF_RE = re.compile(rb'<c r="([A-Z]+\d+)"')
_CELL_OPEN_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")


def _sheet_marks(xml: bytes) -> Marks:
    """Formula and error cells, and the order of rows and cells: a row or cell that comes twice or out
    of order would be dropped by any reader, so the file is refused. Whole-sheet searches when every row
    and cell names itself first; element by element otherwise, or to say which row is wrong."""
    rows = [int(number) for number in _ROW_NUMBER_RE.findall(xml)]
    cells = _CELL_REF_RE.findall(xml)
    if (
        b":row" in xml
        or b":c " in xml
        or len(rows) != xml.count(b"<row ") + xml.count(b"<row>")
        or len(cells) != xml.count(b"<c ") + xml.count(b"<c>")
        or any(later <= earlier for earlier, later in pairwise(rows))
        or (rows and rows[-1] > EXCEL_MAX_ROWS)
        or len(set(cells)) != len(cells)
    ):
        return _sheet_marks_by_element(xml)
    marks = Marks()
    for needle in (b"<f>", b"<f ", b"<f/>", b' t="e"'):  # rare: each looks back for its cell
        at = xml.find(needle)
        while at != -1:
            openings = list(_CELL_OPEN_RE.finditer(xml, max(0, at - 4096), at + len(needle) + 256))
            opening = next((o for o in reversed(openings) if o.start() <= at), None)
            if opening is None:
                return _sheet_marks_by_element(xml)
            row, column = _cell_of(opening.group(1))
            if needle == b' t="e"':
                value = _VALUE_RE.search(xml, opening.end())
                text = value.group(1).decode("utf-8", "replace") if value else ""
                marks.errors.setdefault(row, {})[column] = text
            else:
                marks.formulas.setdefault(row, set()).add(column)
            at = xml.find(needle, at + 1)
    return marks


def _cell_of(attributes: bytes) -> tuple[int, int]:
    ref = _REF_RE.search(attributes)
    if ref is None or not ref.group(1) or not ref.group(2):
        raise UnsafeFile(_("The workbook cannot be read (%(error)s). Save it again as .xlsx and retry.")
                         % {"error": _("its contents are damaged")})  # fmt: skip
    return int(ref.group(2)), _column(ref.group(1))


def _sheet_marks_by_element(xml: bytes) -> Marks:
    """`_sheet_marks` one element at a time: rows and cells without their reference, or out of order."""
    marks = Marks()
    last_row, row, cell = 0, 0, (0, -1)
    seen: set[int] = set()
    for found in _TAG_RE.finditer(xml):
        tag, attributes = found.group(1), found.group(2)
        if tag == b"row":
            ref = _REF_RE.search(attributes)
            row = int(ref.group(2)) if ref and ref.group(2) else last_row + 1
            if row <= last_row or row > EXCEL_MAX_ROWS:
                raise _out_of_order(row)
            last_row, seen, cell = row, set(), (row, -1)
        elif tag == b"c":
            ref = _REF_RE.search(attributes)
            column = _column(ref.group(1)) if ref and ref.group(1) else cell[1] + 1
            if column in seen:
                raise _out_of_order(row)
            seen.add(column)
            cell = (row, column)
            if _ERROR_TYPE.search(attributes):
                value = _VALUE_RE.search(xml, found.end())
                text = value.group(1).decode("utf-8", "replace") if value else ""
                marks.errors.setdefault(row, {})[column] = text
        else:  # <f> or <f/> (a shared formula): the formula of the cell it is in
            marks.formulas.setdefault(cell[0], set()).add(cell[1])
    return marks


def _sheet_rows(workbook, marks: Marks) -> Iterator[RawRow]:
    """Every row of the first sheet, whatever its <dimension> says (python-calamine reads the cells
    there are, from A1), with the formula and error cells that `marks` found refused by name."""
    sheet = workbook.get_sheet_by_index(0)
    for index, raw in enumerate(sheet.iter_rows()):
        number = index + 1
        formulas, errors = marks.formulas.get(number, ()), marks.errors.get(number, {})
        if not formulas and not errors:
            yield number, raw, {}
            continue
        values, refused = list(raw), {}
        for column in sorted({*formulas, *errors}):
            while len(values) <= column:
                values.append(None)
            name = f"{get_column_letter(column + 1)}{number}"
            if column in formulas:
                refused[column] = _(
                    "%(cell)s: a formula cannot be imported. Copy the column and paste it as values."
                ) % {"cell": name}
                values[column] = "="  # the row is not blank; what the formula says is never imported
            else:
                refused[column] = _(
                    "%(cell)s: the cell holds the error %(value)s. Correct it or clear the cell."
                ) % {"cell": name, "value": errors[column]}
                values[column] = errors[column]
        yield number, values, refused


def _out_of_order(number: int) -> UnsafeFile:
    return UnsafeFile(
        _("Row %(row)d of the sheet is out of order. Open the file in Excel, save it again and retry.")
        % {"row": number}
    )
