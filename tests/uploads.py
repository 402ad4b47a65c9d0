"""Real small files for upload tests: a PDF, an .xlsx, a .docx-shaped zip, text, and impostors."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lvxie.core.uploads import check_upload

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "学习计划.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def xlsx(name: str = "台账.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(name: str = "计划.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def text(name: str = "说明.txt", body: str = "整改完成情况说明") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body.encode())


def exe(name: str = "plan.pdf") -> SimpleUploadedFile:
    """A Windows executable wearing a .pdf name and content type."""
    return SimpleUploadedFile(
        name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, content_type="application/pdf"
    )


def checked(file: SimpleUploadedFile):
    return check_upload(file)
