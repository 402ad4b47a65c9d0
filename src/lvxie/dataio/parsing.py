"""Reading an uploaded spreadsheet without trusting it.

The kind of file is decided by its bytes, never its name: an .xlsx is a zip whose first entry starts
"PK\\x03\\x04" and holds the parts of a workbook; anything else must decode as text (UTF-8, or GB18030 as
Chinese Excel writes CSV). Before anything is unpacked, the zip's directory is checked: how many parts,
their declared sizes and compression ratios (a zip bomb declares gigabytes in kilobytes). XML parts may
not declare a DOCTYPE (entity expansion, "billion laughs"); openpyxl parses them with defusedxml as well.
The sheet's declared dimension is read before its rows, so a sheet claiming ten million rows is refused
before a single row is parsed; rows and cells are capped while reading too, for sheets that lie.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook


class UnsafeFile(Exception):
    """The file is refused as a whole; the message says why and what to do."""


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
    """Header cells and the data rows after them, as text, with their 1-based row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]


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


def _collect(raw_rows: Iterator, lim: Limits) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(raw_rows, start=1):
        if len(raw) > lim.max_columns:
            raw = list(raw)
            if any(v not in (None, "") for v in raw[lim.max_columns :]):
                raise UnsafeFile(
                    _("Row %(row)d has more than %(max)d columns. Use the template's columns.")
                    % {"row": number, "max": lim.max_columns}
                )
            raw = raw[: lim.max_columns]
        end = len(raw)
        while end and raw[end - 1] is None:
            end -= 1  # read-only sheets pad rows to the width asked for: convert only the real cells
        values = [_cell(raw[i], lim, number) for i in range(end)]
        while values and not values[-1]:
            values.pop()
        if not any(values):
            continue  # blank lines between rows are common in hand-made sheets
        if headers is None:
            headers = values
            continue
        if len(rows) >= lim.max_rows:
            raise UnsafeFile(
                _("The file has more than %(max)d rows. Split it into smaller files.") % {"max": lim.max_rows}
            )
        rows.append((number, values))
    if headers is None:
        raise UnsafeFile(_("The file is empty: the first row must hold the column headers."))
    return Table(headers=headers, rows=rows)


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
        return _collect(csv.reader(io.StringIO(text, newline="")), lim)
    except csv.Error as exc:
        raise UnsafeFile(_("The .csv file cannot be read: %(error)s") % {"error": _csv_damage(exc)}) from exc


def _check_zip(archive: zipfile.ZipFile, lim: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > lim.max_parts:
        raise UnsafeFile(_("The workbook has too many parts to be a normal spreadsheet."))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > lim.max_ratio:
            raise UnsafeFile(_('The workbook is compressed abnormally (a "zip bomb") and was not opened.'))
    if total > lim.max_unpacked_bytes:
        raise UnsafeFile(
            _("The workbook unpacks to more than %(max)d MB. Split it into smaller files.")
            % {"max": lim.max_unpacked_bytes // 2**20}
        )
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnsafeFile(_("This zip file is not an .xlsx workbook. Save the sheet as .xlsx and try again."))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                prolog = part.read(_PROLOG_BYTES)
            if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                raise UnsafeFile(
                    _(
                        "The workbook contains XML entity declarations, which spreadsheets never need. "
                        "It was not opened."
                    )
                )


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


def _damage(exc: Exception) -> str:
    """What is wrong with a workbook, in the user's words: never an exception's class name."""
    if isinstance(exc, zipfile.BadZipFile):
        return _("it is not a whole .xlsx file")
    if isinstance(exc, KeyError):
        return _("a part of the workbook is missing")
    return _("its contents are damaged")


def _csv_damage(exc: csv.Error) -> str:
    """The csv module's English reason, said in the user's language."""
    if "field limit" in str(exc):
        return _("a cell is longer than allowed")
    return _("a quotation mark or a line break is out of place")


def _read_xlsx(data: bytes, lim: Limits) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(archive, lim)
        _check_declared_rows(archive, lim)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnsafeFile:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds for a damaged file
        raise UnsafeFile(
            _("The workbook cannot be opened (%(error)s). Save it again as .xlsx and retry.")
            % {"error": _damage(exc)}
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        # read_only sheets trust the dimension for max_column; cap what is read per row instead.
        return _collect(sheet.iter_rows(values_only=True, max_col=lim.max_columns + 1), lim)
    except UnsafeFile:
        raise
    except Exception as exc:
        raise UnsafeFile(
            _("The workbook cannot be read (%(error)s). Save it again as .xlsx and retry.")
            % {"error": _damage(exc)}
        ) from exc
    finally:
        workbook.close()
