"""Uploaded files (notice attachments, replies, evidence): checked, stored and served the same way
everywhere.

A file is accepted by what its bytes are, not by its name or the browser's content type: PDF, Word
and Excel documents (.docx/.xlsx: a zip with the parts those formats need), PNG/JPEG/GIF images and
UTF-8 plain text, up to `LVXIE_UPLOAD_MAX_BYTES`. An Office file's zip is checked like an import's
(`check_zip`: part count, unpacked size, compression ratio, XML entity declarations). It is stored
under MEDIA_ROOT with a generated name; the sanitised original name is kept for display. Files are
never on a public URL: a scoped view fetches the owning object through `visible_to(actor)` and answers
with `file_response`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import uuid
import zipfile
import zlib
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
# A document with many pictures has many parts; otherwise the import limits.
ATTACHMENT_ZIP_LIMITS = {"max_parts": 1000, "max_unpacked_bytes": 200 * 1024 * 1024, "max_ratio": 200}


class UnsafeFile(Exception):
    """The file is refused as a whole; the message says why and what to do."""


# A part smaller than this cannot unpack to anything harmful whatever its ratio (200 parts of it stay
# under 4 MB), and tiny XML parts (an empty sheet, a theme) compress very well: their ratio alone is not
# judged. Every part above it is, and so is the archive as a whole once it unpacks to more than
# `_WHOLE_RATIO_FLOOR`, which catches a bomb spread thinly over many small parts.
_PART_RATIO_FLOOR = 16 * 1024
_WHOLE_RATIO_FLOOR = 1024 * 1024
_XML_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_DECLARATION_TEXT = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SCAN_CHUNK = 256 * 1024


def check_zip(archive: zipfile.ZipFile, *, max_parts: int, max_unpacked_bytes: int, max_ratio: int) -> None:
    """Refuse a zip (an .xlsx or .docx) that is a bomb or carries XML entity declarations, before anything
    parses it. Sizes come from the zip's directory (Python's zipfile never unpacks a part beyond the size
    declared there); every part is then read, streamed, and searched for DOCTYPE/ENTITY, whatever its
    name: a workbook's relationships may point at a part of any name, and the parser follows them."""
    infos = archive.infolist()
    if len(infos) > max_parts:
        raise UnsafeFile(_("The workbook has too many parts to be a normal spreadsheet."))
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    bomb = unpacked > _WHOLE_RATIO_FLOOR and unpacked / max(packed, 1) > max_ratio
    bomb = bomb or any(
        info.file_size > _PART_RATIO_FLOOR and info.file_size / max(info.compress_size, 1) > max_ratio
        for info in infos
    )
    if bomb:
        raise UnsafeFile(_('The workbook is compressed abnormally (a "zip bomb") and was not opened.'))
    if unpacked > max_unpacked_bytes:
        raise UnsafeFile(
            _("The workbook unpacks to more than %(max)d MB. Split it into smaller files.")
            % {"max": max_unpacked_bytes // 2**20}
        )
    for info in infos:
        if not info.is_dir() and _declares_entities(archive, info):
            raise UnsafeFile(
                _(
                    "The workbook contains XML entity declarations, which spreadsheets never need. "
                    "It was not opened."
                )
            )


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part holds "<!DOCTYPE" or "<!ENTITY" anywhere, read a chunk at a time (in UTF-16 too,
    which XML parsers accept)."""
    try:
        with archive.open(info) as part:
            chunk = part.read(_SCAN_CHUNK)
            encoding = _utf16(chunk)
            decode = codecs.getincrementaldecoder(encoding)(errors="replace").decode if encoding else None
            pattern = _XML_DECLARATION_TEXT if decode else _XML_DECLARATION
            tail: str | bytes = "" if decode else b""
            while chunk:
                data = decode(chunk) if decode else chunk
                if pattern.search(tail + data):  # type: ignore[operator, arg-type]  # both str (decoded) or both bytes
                    return True
                tail = data[-16:]  # a declaration cut in two by the chunks
                chunk = part.read(_SCAN_CHUNK)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
        # A damaged, encrypted or oddly compressed part: nothing to open safely.
        raise UnsafeFile(_("The workbook cannot be opened. Save it again as .xlsx and retry.")) from exc
    return False


def _utf16(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE) or head.startswith(b"\x00<"):
        return "utf-16-be"
    return None


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
        office = _office_kind(file)
        file.seek(0)
        return office
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
    if kind in (DOCX, XLSX):
        # Never unpacked here, but opened by whoever downloads it: no bombs handed on.
        try:
            with zipfile.ZipFile(file) as archive:
                check_zip(archive, **ATTACHMENT_ZIP_LIMITS)
        except UnsafeFile as exc:
            raise ValidationError(
                _(
                    "This Office file is damaged or packed abnormally (a zip bomb or XML entity "
                    "declarations) and was refused. Save it again and retry."
                ),
                code="unsafe_file",
            ) from exc
        finally:
            file.seek(0)
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
