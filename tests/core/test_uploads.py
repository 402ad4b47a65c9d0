"""The shared upload checker: kind by content, size limit, safe names; files served as downloads."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lvxie.core.uploads import DOCX, GIF, PDF, PNG, TEXT, XLSX, check_upload, safe_name
from tests import uploads


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        (uploads.pdf(), PDF),
        (uploads.xlsx(), XLSX),
        (uploads.docx(), DOCX),
        (uploads.text(), TEXT),
        (SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), PNG),
        (SimpleUploadedFile("a.gif", b"GIF89a" + b"\x00" * 20), GIF),
    ],
)
def test_given_an_allowed_file_then_its_kind_comes_from_the_content(file, kind):
    assert check_upload(file).kind == kind


def test_given_an_executable_named_pdf_then_it_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(uploads.exe())
    assert error.value.code == "file_type"


def test_given_a_zip_that_is_not_an_office_document_then_it_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.sh", "rm -rf /")
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("a.docx", buffer.getvalue()))
    assert error.value.code == "file_type"


def test_given_binary_that_is_not_utf8_then_it_is_not_text():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("a.txt", b"\xff\xfe\x00\x01binary"))


@override_settings(LVXIE_UPLOAD_MAX_BYTES=10)
def test_given_a_file_over_the_limit_then_it_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(uploads.pdf())
    assert error.value.code == "too_large"


def test_given_an_empty_file_then_it_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("a.pdf", b""))
    assert error.value.code == "empty"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\张三\\学习计划.pdf", "学习计划.pdf"),
        ("plan.exe", "plan.pdf"),
        ('a<b>:"c|?*.pdf', "abc.pdf"),
        ("\x00\x1f.pdf", "file.pdf"),
    ],
)
def test_display_names_are_sanitised_and_end_in_the_real_extension(original, expected):
    assert safe_name(original, PDF) == expected
