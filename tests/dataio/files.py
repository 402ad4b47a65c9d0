"""Real spreadsheet files for the import tests: good ones built with openpyxl, and each kind of bad one
built by rewriting a good workbook's zip (no mocks)."""

import io
import re
import zipfile

from openpyxl import Workbook

LAWYER_HEADERS = ["姓名", "性别", "执业证号", "执业类别", "律师事务所", "首次执业年份", "身份证号"]


def xlsx(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """The same workbook with some parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def zip_bomb(good: bytes) -> bytes:
    return rewrite(good, add={"xl/media/image1.bin": b"\0" * (20 * 1024 * 1024)})


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def xml_bomb(good: bytes) -> bytes:
    return rewrite(good, replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS})


def huge_declared(good: bytes) -> bytes:
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml")
    sheet = (
        sheet.replace(b"<sheetData>", b'<dimension ref="A1:G10000000"/><sheetData>', 1)
        if b"<dimension" not in sheet
        else (re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:G10000000"', sheet))
    )
    return rewrite(good, replace={"xl/worksheets/sheet1.xml": sheet})


def renamed_binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def sheet_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def lying_dimension(good: bytes, ref: bytes = b"A1:G2") -> bytes:
    """The same workbook, its <dimension> declaring fewer rows than the sheet holds (as some tools write)."""
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', sheet_xml(good))
    assert b'<dimension ref="' + ref + b'"' in sheet
    return rewrite(good, replace={"xl/worksheets/sheet1.xml": sheet})


def with_cells(good: bytes, cells: dict[str, bytes]) -> bytes:
    """The same workbook with cells replaced by raw XML, e.g. {"A3": b'<f>1+1</f><v>2</v>'}: a formula
    with the value Excel cached for it, as Excel saves one."""
    sheet = sheet_xml(good)
    for ref, inner in cells.items():
        sheet, count = re.subn(
            rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)',
            lambda _m, ref=ref, inner=inner: b'<c r="' + ref.encode() + b'"' + inner,
            sheet,
            count=1,
        )
        assert count == 1, ref
    return rewrite(good, replace={"xl/worksheets/sheet1.xml": sheet})


def formula(good: bytes, ref: str, text: bytes, cached: bytes, kind: bytes = b"") -> bytes:
    attrs = b' t="' + kind + b'"' if kind else b""
    return with_cells(good, {ref: attrs + b"><f>" + text + b"</f><v>" + cached + b"</v></c>"})
