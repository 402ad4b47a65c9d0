"""Given a hostile file, when it is checked, then it is refused quickly with a clear message."""

import time

import pytest
from django.utils import translation

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
