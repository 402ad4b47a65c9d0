import io

from openpyxl import load_workbook
from pypdf import PdfReader

from lvxie.core.pdf import pdf_bytes
from lvxie.core.tabular import csv_bytes, table_response, xlsx_bytes

ROWS = [["张斌", '=HYPERLINK("http://x")', 3], ["+86 138", "@SUM(A1)", None], ["\tx", "-1+1", 2.5]]


def test_xlsx_keeps_values_but_never_formulas():
    # Given rows with formula-like text, when written to .xlsx and read back
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["姓名", "备注", "数"], ROWS))).active
    # Then every value is as given, stored as text, and marked with Excel's quote prefix
    assert [c.value for c in sheet[1]] == ["姓名", "备注", "数"]
    assert sheet["B2"].value == '=HYPERLINK("http://x")' and sheet["B2"].data_type == "s"
    assert sheet["B2"].quotePrefix and sheet["A3"].quotePrefix and sheet["B4"].quotePrefix
    assert sheet["C2"].value == 3 and not sheet["C2"].quotePrefix


def test_csv_prefixes_formula_like_text_and_has_a_bom_for_excel():
    text = csv_bytes(["姓名", "备注", "数"], ROWS).decode("utf-8")
    assert text.startswith("\ufeff姓名")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+86 138" in text and "'-1+1" in text
    assert ",3\r\n" in text


def test_download_names_survive_in_chinese():
    response = table_response("csv", "律师名单", ["a"], [["b"]])
    assert "filename*=UTF-8''%E5%BE%8B%E5%B8%88%E5%90%8D%E5%8D%95.csv" in response["Content-Disposition"]


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
