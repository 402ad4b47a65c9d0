"""A damaged file's message says what is wrong in the user's language: given a workbook or a .csv file
the parser cannot read, when it is refused, then the reason is words, never an exception's class name
(the old message read "无法打开该工作簿（BadZipFile）")."""

import io
import re
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from lvxie.dataio.parsing import UnsafeFile, read_table

CLASS_NAME = re.compile(r"\b[A-Z][a-z]+[A-Z]\w*|Error\b")  # BadZipFile, ParseError, KeyError…


def _workbook_with_broken_sheet() -> bytes:
    book = Workbook()
    book.active.append(["名称", "统一社会信用代码"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet's XML cut in the middle
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "chinese", "english"),
    [
        (b"PK\x03\x04cut short", "不是完整的 .xlsx 文件", "not a whole .xlsx file"),
        (_workbook_with_broken_sheet(), "内容已损坏", "contents are damaged"),
        (b"name\n" + b"x" * 200_000 + b"\n", "超出允许的长度", "longer than allowed"),
    ],
)
def test_a_damaged_file_is_refused_with_a_reason_in_words(data, chinese, english):
    for language, expected in (("zh-hans", chinese), ("en", english)):
        with translation.override(language), pytest.raises(UnsafeFile) as refused:
            read_table(data)
        message = str(refused.value)
        assert expected in message and not CLASS_NAME.search(message), message
