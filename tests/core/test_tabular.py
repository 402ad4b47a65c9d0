import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lvxie.core.pdf import pdf_bytes
from lvxie.core.tabular import csv_bytes, csv_stream, table_response, xlsx_bytes, xlsx_stream
from tests.downloads import content_of

ROWS = [["张斌", '=HYPERLINK("http://x")', 3], ["+86 138", "@SUM(A1)", None], ["\tx", "-1+1", 2.5]]


def test_xlsx_keeps_values_but_never_formulas():
    # Given rows with formula-like text, when written to .xlsx and read back
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["姓名", "备注", "数"], ROWS))).active
    # Then every value is as given, stored as text, and marked with Excel's quote prefix
    assert [c.value for c in sheet[1]] == ["姓名", "备注", "数"]
    assert sheet["B2"].value == '=HYPERLINK("http://x")' and sheet["B2"].data_type == "s"
    assert sheet["B2"].quotePrefix and sheet["A3"].quotePrefix and sheet["B4"].quotePrefix
    assert sheet["C2"].value == 3 and not sheet["C2"].quotePrefix


def test_xlsx_escapes_markup_and_drops_characters_xml_cannot_hold():
    rows = [["<b>A&B</b>", "line\rbreak", "bell\x07here", "plain 张斌"]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["a", "b", "c", "d"], rows))).active
    assert [c.value for c in sheet[2]] == ["<b>A&B</b>", "line\rbreak", "bellhere", "plain 张斌"]


def test_csv_prefixes_formula_like_text_and_has_a_bom_for_excel():
    text = csv_bytes(["姓名", "备注", "数"], ROWS).decode("utf-8")
    assert text.startswith("\ufeff姓名")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+86 138" in text and "'-1+1" in text
    assert ",3\r\n" in text


def test_download_names_survive_in_chinese():
    response = table_response("csv", "律师名单", ["a"], [["b"]])
    assert "filename*=UTF-8''%E5%BE%8B%E5%B8%88%E5%90%8D%E5%8D%95.csv" in response["Content-Disposition"]


def test_times_are_written_in_local_time_as_the_pages_show_them(settings):
    # Given an aware time stored in UTC, 02:30 UTC, which the pages show as 10:30 in Shenzhen
    settings.TIME_ZONE = "Asia/Shanghai"
    moment = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
    rows = [[moment, date(2026, 3, 1)]]
    # When written to .xlsx and .csv, then both say 10:30 (and the date is left as it is)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["时间", "日期"], rows))).active
    assert sheet["A2"].value == datetime(2026, 3, 1, 10, 30)
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["B2"].value == datetime(2026, 3, 1) and sheet["B2"].number_format == "yyyy-mm-dd"
    assert "2026-03-01 10:30:00,2026-03-01" in csv_bytes(["时间", "日期"], rows).decode("utf-8")


@pytest.mark.parametrize("stream", [xlsx_stream, csv_stream])
def test_files_are_written_while_the_rows_are_read(stream):
    # Given 5,000 rows that count how many have been read
    read = []

    def rows():
        for n in range(5000):
            read.append(n)
            yield [f"律师{n}", n, "13800138000"]

    # When the first chunk of the file is taken, only a part of the rows has been read
    chunks = stream(["姓名", "序号", "电话"], rows())
    first = next(chunks)
    assert first and len(read) < 2000
    # Then the rest follows, and the whole file holds every row once
    content = first + b"".join(chunks)
    assert len(read) == 5000
    if stream is xlsx_stream:
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        values = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert len(values) == 5000 and values[-1] == ("律师4999", 4999, "13800138000")
    else:
        assert content.decode("utf-8-sig").count("\r\n") == 5001


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_when_the_user_goes_away_the_export_stops_reading_rows(fmt, db):  # closing ends the request
    # Given an export of 100,000 rows that notes when its reading is stopped
    read, closed = [], []

    def rows():
        try:
            for n in range(100_000):
                read.append(n)
                yield [n, "律师"]
        finally:
            closed.append(True)

    response = table_response(fmt, "律师名单", ["序号", "姓名"], rows())
    # When the first bytes have gone and the server closes the response (the client has gone)
    next(iter(response.streaming_content))
    response.close()
    # Then the rows stopped being read at once: the database cursor behind them is closed too
    assert closed == [True] and len(read) < 2000


def test_an_xlsx_response_is_streamed_and_its_sheet_title_made_valid():
    # Given a title with characters a sheet name may not hold (a notice title, say)
    response = table_response("xlsx", "通知：2026/3 [回执]", ["a"], iter([["b"], [None], [True], [1.5]]))
    # Then the response streams, and the workbook opens with the values and a cleaned sheet name
    assert response.streaming and response["Cache-Control"] == "no-store"
    workbook = load_workbook(io.BytesIO(content_of(response)))
    assert workbook.sheetnames == ["通知：2026_3 _回执_"]
    assert [c.value for c in workbook.active["A"]] == ["a", "b", None, True, 1.5]
    assert workbook.active.freeze_panes == "A2" and workbook.active["A1"].font.b


def test_pdf_table_has_real_chinese_text():
    # Given a table report, when rendered to PDF and read back, then the Chinese is real text (not boxes)
    pdf = pdf_bytes(
        "core/pdf_table.html",
        {
            "title": "律师事务所覆盖率",
            "headers": ["区", "律所数"],
            "rows": [["福田区", 500], ["南山区", 300]],
        },
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "律师事务所覆盖率" in text and "福田区" in text and "500" in text
