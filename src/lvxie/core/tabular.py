"""Writing tables to .xlsx and .csv for every export in lvxie, safely.

Text that starts with = + - @, a tab or a carriage return would be run as a formula by a spreadsheet
(CSV injection): in .csv it gets a leading apostrophe, in .xlsx it is stored as text with Excel's own
"quote prefix", so the value the user sees is unchanged and nothing is evaluated.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def _plain(value: object) -> object:
    """Values a spreadsheet cell can hold: aware datetimes lose their zone (Excel has none)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, str | int | float | date | datetime):
        return value
    return str(value)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]], *, title: str = "Sheet1") -> bytes:
    """One sheet: bold header row, frozen below it, columns sized to their content."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [_plain(v) for v in row]
        sheet.append(values)
        for index, value in enumerate(values):
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            if is_formula_like(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            widths[index] = max(widths[index], len(str(value or "")))
    for index, width in enumerate(widths, start=1):
        # CJK characters are about twice as wide as Latin ones.
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width * 2 + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Chinese in a .csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow(
            ["'" + v if is_formula_like(v) else ("" if v is None else v) for v in map(_plain, row)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """An attachment response whose Chinese file name survives every browser (RFC 6266 filename*)."""
    response = HttpResponse(content, content_type=content_type)
    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["Cache-Control"] = "no-store"
    return response


def table_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]):
    """`fmt` is "xlsx" or "csv"; the file name is given without its extension."""
    if fmt == "csv":
        return download(csv_bytes(headers, rows), f"{filename}.csv", "text/csv; charset=utf-8")
    return download(xlsx_bytes(headers, rows, title=filename), f"{filename}.xlsx", XLSX_TYPE)
