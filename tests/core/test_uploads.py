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


def _docx_with(name: str, content: bytes) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr(name, content)
    return SimpleUploadedFile("计划.docx", buffer.getvalue())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("word/media/image1.png", b"\0" * (900 * 1024)),  # a zip bomb's seed: small, compressed 1000 times
        ("word/settings.xml", b"<settings>" + b" " * 5000 + b'<!DOCTYPE s [<!ENTITY e "e">]></settings>'),
        ("customXml/item1.dat", b'<!DOCTYPE s [<!ENTITY e "e">]>'),
    ],
)
def test_given_an_office_file_with_a_bomb_or_entities_then_it_is_refused(name, content):
    # given a .docx attachment nobody here unpacks, but whoever downloads it would
    with pytest.raises(ValidationError) as error:
        check_upload(_docx_with(name, content))
    assert error.value.code == "unsafe_file"


def test_given_a_normal_office_file_then_it_passes_and_is_read_from_its_start():
    file = _docx_with("word/styles.xml", b"<styles/>")
    whole = file.read()
    file.seek(0)
    upload = check_upload(file)
    assert upload.kind == DOCX and upload.file.read() == whole
