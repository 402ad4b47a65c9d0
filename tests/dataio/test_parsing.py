"""Given a hostile file, when it is checked, then it is refused quickly with a clear message."""

import hashlib
import io
import re
import time
import zipfile

import pytest
from django.utils import translation

from lvxie.core import uploads
from lvxie.dataio.parsing import UnsafeFile, read_table, refuse_unsafe
from tests.dataio import files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def good():
    return files.xlsx(files.LAWYER_HEADERS, [["张斌", "男", "14403201511000001", "", "", 2015, ""]])


def test_good_xlsx_reads_headers_and_rows(good):
    table = read_table(good)
    assert table.headers[:3] == ["姓名", "性别", "执业证号"]
    assert table.rows == [(2, ["张斌", "男", "14403201511000001", "", "", "2015"])]


def test_csv_in_utf8_and_gb18030():
    text = "姓名,性别\n張斌,男\n"
    for encoding in ("utf-8-sig", "gb18030"):
        assert read_table(text.encode(encoding)).rows == [(2, ["張斌", "男"])]


@pytest.mark.parametrize(
    "make, words",
    [
        (files.zip_bomb, "zip bomb"),
        (files.xml_bomb, "XML entity"),
        (files.huge_declared, "10000000"),
    ],
)
def test_bad_workbooks_are_refused_before_unpacking(good, make, words):
    data = make(good)
    started = time.monotonic()
    for check in (refuse_unsafe, read_table):
        with pytest.raises(UnsafeFile, match=words):
            check(data)
    assert time.monotonic() - started < 2


def test_renamed_binary_is_refused_by_its_bytes():
    with pytest.raises(UnsafeFile, match=r"neither an \.xlsx"):
        refuse_unsafe(files.renamed_binary())


def test_oversized_file_is_refused():
    with pytest.raises(UnsafeFile, match="MB"):
        refuse_unsafe(b"a" * (11 * 1024 * 1024))


def test_rows_beyond_the_limit_are_refused_while_reading(settings):
    settings.LVXIE_IMPORT_LIMITS = {"max_rows": 5}
    data = ("姓名\n" + "".join(f"人{i}\n" for i in range(10))).encode()
    with pytest.raises(UnsafeFile, match="more than 5 rows"):
        read_table(data)


def test_messages_are_chinese_by_default(good):
    with translation.override("zh-hans"), pytest.raises(UnsafeFile, match="压缩炸弹"):
        refuse_unsafe(files.zip_bomb(good))
    with translation.override("zh-hans"), pytest.raises(UnsafeFile, match="XML 炸弹"):
        refuse_unsafe(files.xml_bomb(good))


def _lawyers(count):
    return files.xlsx(
        files.LAWYER_HEADERS, [[f"人{i}", "男", f"4403201511{i:07d}", "", "", 2015, ""] for i in range(count)]
    )


def test_every_row_is_read_whatever_the_dimension_declares():
    # given a sheet of 5 lawyers whose <dimension> says it ends at row 2 (some tools write that)
    data = files.lying_dimension(_lawyers(5), b"A1:G2")
    # when it is read, then all five rows are there, not one
    table = read_table(data)
    assert [number for number, _values in table.rows] == [2, 3, 4, 5, 6]
    assert table.rows[-1][1][0] == "人4"


def test_the_row_limit_counts_the_rows_really_there(settings):
    # given a limit of 5 rows and a sheet of 10 that declares 2
    settings.LVXIE_IMPORT_LIMITS = {"max_rows": 5}
    data = files.lying_dimension(_lawyers(10), b"A1:G2")
    # when it is checked, then the declared size is no way round the limit
    refuse_unsafe(data)  # the quick check reads only the declaration ...
    with pytest.raises(UnsafeFile, match="more than 5 rows"):
        read_table(data)  # ... the reader counts the rows


def test_a_formula_cell_is_named_not_read_as_its_cached_value():
    # given a name cell "=1+1" that Excel saved with its cached value 2, and an error value in another
    data = files.formula(_lawyers(3), "A3", b"1+1", b"2")
    data = files.with_cells(data, {"C4": b' t="e"><v>#N/A</v></c>'})
    # when it is read, then neither cell is taken for data: each is refused by its reference
    table = read_table(data)
    assert "2" not in table.rows[1][1]
    assert table.refused == {
        3: {0: "A3: a formula cannot be imported. Copy the column and paste it as values."},
        4: {2: "C4: the cell holds the error #N/A. Correct it or clear the cell."},
    }


def test_a_row_given_twice_or_out_of_order_refuses_the_file():
    # given a sheet whose row 3 comes before row 2 (any reader would drop one of them)
    sheet = files.sheet_xml(_lawyers(2))
    row2 = sheet[sheet.index(b'<row r="2"') : sheet.index(b'<row r="3"')]
    swapped = sheet.replace(row2, b"").replace(b"</sheetData>", row2 + b"</sheetData>")
    data = files.rewrite(_lawyers(2), replace={"xl/worksheets/sheet1.xml": swapped})
    with pytest.raises(UnsafeFile, match="Row 2 of the sheet is out of order"):
        read_table(data)


def test_a_cell_beyond_the_column_limit_is_refused_not_dropped(settings):
    settings.LVXIE_IMPORT_LIMITS = {"max_columns": 5}
    with pytest.raises(UnsafeFile, match="more than 5 columns"):
        read_table(_lawyers(1))


def test_blank_rows_far_down_the_sheet_cost_nothing():
    # given a sheet whose last row is Excel's last, 1,048,576 (styled, empty)
    sheet = files.sheet_xml(_lawyers(1)).replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" s="1"/></row></sheetData>'
    )
    data = files.rewrite(_lawyers(1), replace={"xl/worksheets/sheet1.xml": sheet})
    started = time.monotonic()
    assert len(read_table(data).rows) == 1
    assert time.monotonic() - started < 1


def _part_bomb(good, size):
    """A part of `size` zeros: under 1 MiB it slipped past the old ratio check."""
    return files.rewrite(good, add={"xl/media/image1.bin": b"\0" * size})


def test_a_small_part_with_a_huge_ratio_is_refused(good):
    # given a 900 KB part that compresses a thousand times (the old check looked only above 1 MiB)
    with pytest.raises(UnsafeFile, match="zip bomb"):
        refuse_unsafe(_part_bomb(good, 900 * 1024))


def test_a_bomb_spread_over_many_small_parts_is_refused(good):
    # given 150 parts of 15 KB of zeros each: none is judged alone, the archive is
    parts = {f"xl/media/image{i}.bin": b"\0" * (15 * 1024) for i in range(150)}
    with pytest.raises(UnsafeFile, match="zip bomb"):
        refuse_unsafe(files.rewrite(good, add=parts))


def test_tiny_parts_that_compress_well_are_accepted(good):
    # given a real workbook plus a tiny part that compresses 100 times, then it is a normal file
    refuse_unsafe(_part_bomb(good, 8 * 1024))
    assert read_table(_part_bomb(good, 8 * 1024)).headers[0] == "姓名"


def _noise(size: int) -> bytes:
    """Text that compresses like a real part (hex digits), so only the declaration can refuse it."""
    return b"".join(hashlib.sha256(str(i).encode()).hexdigest().encode() for i in range(size // 64 + 1))[
        :size
    ]


def _with_part(good: bytes, name: str, part: bytes) -> bytes:
    existing = name in zipfile.ZipFile(io.BytesIO(good)).namelist()
    return files.rewrite(good, **{"replace" if existing else "add": {name: part}})


ENTITY = b'<!DOCTYPE x [<!ENTITY e "e">]>'


@pytest.mark.parametrize(
    "name",
    [
        "xl/worksheets/sheet1.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/drawings/vmlDrawing1.vml",  # not named .xml, parsed as XML all the same
        "xl/worksheets/sheet1.bin",  # a relationship may point at a part of any name
    ],
)
@pytest.mark.parametrize("offset", [0, 8000, 600_000])  # the old check read only the first 4 KB of .xml
def test_entity_declarations_are_found_anywhere_in_any_part(good, name, offset):
    part = b'<?xml version="1.0"?><!-- ' + _noise(offset) + b" -->" + ENTITY + b"<x>&e;</x>"
    with pytest.raises(UnsafeFile, match="XML entity"):
        refuse_unsafe(_with_part(good, name, part))


def test_entity_declarations_in_utf16_are_found(good):
    part = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'.encode("utf-16")
    with pytest.raises(UnsafeFile, match="XML entity"):
        refuse_unsafe(_with_part(good, "xl/custom.xml", part))


def test_a_declaration_split_across_read_chunks_is_found(good):
    for offset in range(uploads._SCAN_CHUNK - 8, uploads._SCAN_CHUNK + 1):
        with pytest.raises(UnsafeFile, match="XML entity"):
            refuse_unsafe(_with_part(good, "xl/custom.xml", _noise(offset) + ENTITY))


def test_a_part_that_merely_mentions_entities_in_text_is_accepted(good):
    # "<!ENTITY" can only appear as markup: in text it is escaped (&lt;!ENTITY), so it never refuses
    data = files.xlsx(files.LAWYER_HEADERS, [["<!ENTITY x>", "男", "44032015110000001", "", "", 2015, ""]])
    assert read_table(data).rows[0][1][0] == "<!ENTITY x>"


def test_sheets_written_another_way_are_checked_element_by_element():
    # given the same sheet with its attributes in another order (the reference last) and a shared
    # formula, which the whole-sheet search does not read: each element is then read in turn
    sheet = files.sheet_xml(_lawyers(3))
    sheet = re.sub(rb'<row r="(\d+)"', rb'<row spans="1:7" r="\1"', sheet)
    data = files.rewrite(_lawyers(3), replace={"xl/worksheets/sheet1.xml": sheet})
    data = files.with_cells(data, {"B4": b' t="str"><f t="shared" si="0"/><v>M</v></c>'})
    table = read_table(data)
    assert [number for number, _values in table.rows] == [2, 3, 4]
    assert table.refused == {
        4: {1: "B4: a formula cannot be imported. Copy the column and paste it as values."}
    }
    swapped = sheet.replace(b'spans="1:7" r="2"', b'spans="1:7" r="9"')
    with pytest.raises(UnsafeFile, match="Row 3 of the sheet is out of order"):
        read_table(files.rewrite(_lawyers(3), replace={"xl/worksheets/sheet1.xml": swapped}))
