"""Uploaded files (notice attachments, replies, evidence): checked, stored and served the same way
everywhere.

A file is accepted by what its bytes are, not by its name or the browser's content type: PDF, Word
and Excel documents (.docx/.xlsx: a zip with the parts those formats need), PNG/JPEG/GIF images and
UTF-8 plain text, up to `LVXIE_UPLOAD_MAX_BYTES`. It is stored under MEDIA_ROOT with a generated
name; the sanitised original name is kept for display. Files are never on a public URL: a scoped
view fetches the owning object through `visible_to(actor)` and answers with `file_response`.
"""

from __future__ import annotations

import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PNG = FileKind("png", "image/png")
JPEG = FileKind("jpg", "image/jpeg")
GIF = FileKind("gif", "image/gif")
TEXT = FileKind("txt", "text/plain")

_MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
# The part each Office format cannot do without, beside [Content_Types].xml.
_OFFICE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
ALLOWED_DESCRIPTION = "PDF, DOCX, XLSX, PNG, JPEG, GIF, TXT"


def max_upload_bytes() -> int:
    return getattr(settings, "LVXIE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def _office_kind(file) -> FileKind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OFFICE_PARTS if part in names), None)


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_kind(file) -> FileKind | None:
    """What the file is by its content, or None when it is none of the allowed kinds."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(file)
        file.seek(0)
        return kind
    data = file.read()
    file.seek(0)
    return TEXT if data and _is_text(data) else None


def safe_name(original: str, kind: FileKind) -> str:
    """A display name with no directories, control or reserved characters, ending in the extension of
    what the file really is (so a renamed .exe cannot pose as a .pdf when saved again)."""
    name = PurePosixPath(str(original).replace("\\", "/")).name
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '<>:"/\\|?*')
    stem = (name.rsplit(".", 1)[0] if "." in name else name).strip(" .")
    return f"{(stem or 'file')[:80]}.{kind.extension}"


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed `check_upload`: its real kind and the name to show."""

    file: object
    kind: FileKind
    display_name: str
    size: int


def check_upload(file) -> CheckedUpload:
    """Refuse an empty, oversized or unrecognised file with a translated message and a code."""
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())},
        )
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            _("This kind of file is not accepted. Allowed: %(kinds)s."),
            code="file_type",
            params={"kinds": ALLOWED_DESCRIPTION},
        )
    return CheckedUpload(file=file, kind=kind, display_name=safe_name(file.name, kind), size=size)


def _stored_name(instance, filename: str) -> str:
    # The name on disk says nothing about the content or the uploader; the folder is the app.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class StoredFile(models.Model):
    """An uploaded file kept under MEDIA_ROOT with a generated name; create rows from a
    `CheckedUpload` with `from_upload` inside a service."""

    file = models.FileField(_("file"), upload_to=_stored_name, max_length=200)
    name = models.CharField(_("file name"), max_length=100)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_upload(cls, upload: CheckedUpload, *, uploaded_by, **owner):
        stored = cls(
            name=upload.display_name,
            content_type=upload.kind.content_type,
            size=upload.size,
            uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
            **owner,
        )
        stored.file.save(f"upload.{upload.kind.extension}", upload.file, save=False)
        return stored


def file_response(stored: StoredFile) -> FileResponse:
    """Send a stored file as a download: never rendered inline, never sniffed, never cached."""
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
