"""Imports and exports over HTTP: the same services, the same report, the same scope (404 outside it)."""

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from lvxie.core.api import errors, register_error_codes
from lvxie.core.tabular import XLSX_TYPE

from . import policies, selectors, services
from .choices import ExportStatus, JobStatus
from .exports import EXPORTS
from .models import ExportJob, ImportJob
from .views import ExportJobFileView, export_response

router = Router(tags=["imports and exports"])

register_error_codes(
    "dataio",
    (
        "busy",
        "duty_role",
        "not_ready",
        "not_sensitive_reader",
        "reason_long",
        "reason_required",
        "self_grant",
        "unsafe_file",
    ),
)

# The registered exports (the apps register them in AppConfig.ready, before the URLs load this module).
if TYPE_CHECKING:
    ExportKind = str
else:
    ExportKind = Literal[tuple(EXPORTS)]


class RowMessage(Schema):
    row: int
    column: str
    message: str


class ImportReport(Schema):
    """What the file would do (or did): counts, refused rows with their column and reason, warnings."""

    rows: int = 0
    create: int = 0
    update: int = 0
    refused: int = 0
    errors: list[RowMessage] = []
    warnings: list[RowMessage] = []
    file_errors: list[str] = []
    ignored_headers: list[str] = []
    committed: bool = False
    interrupted: str = Field(
        "", description="Set when the worker saving the file stopped: nothing was saved."
    )


class ImportJobOut(Schema):
    id: int
    kind: str
    filename: str
    status: JobStatus
    total_rows: int
    processed_rows: int
    can_commit: bool
    report: ImportReport
    created_at: datetime


def _job(request: HttpRequest, job_id: int) -> ImportJob:
    job = get_object_or_404(selectors.job_list(request.user), pk=job_id)
    job = services.import_recover(actor=request.user, job=job)
    services.report_read(actor=request.user, job=job, what="api")
    return job


@router.post(
    "/imports",
    response={201: ImportJobOut, **errors(400, 401, 403, 404, 422)},
    summary="Upload a file to check (dry run)",
)
def import_upload(request: HttpRequest, kind: Form[str], file: File[UploadedFile]) -> Status:
    """`kind`: `firms`, `lawyers` or `trainees` (and the kinds your role adds; others are 404). Checks
    every row; nothing is saved until `/imports/{id}/commit`. A large file is checked in the background:
    poll the job until `status` is `previewed`."""
    if not policies.allowed(request.user, policies.IMPORT_RUN, kind):
        raise Http404
    job = services.import_start(actor=request.user, kind=kind, filename=file.name or "", content=file.read())
    return Status(201, _job(request, job.pk))


@router.get("/imports/{job_id}", response={200: ImportJobOut, **errors(401, 404, 422)}, summary="An import")
def import_detail(request: HttpRequest, job_id: int) -> ImportJob:
    return _job(request, job_id)


@router.post(
    "/imports/{job_id}/commit",
    response={202: ImportJobOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Save a checked import (all rows or none)",
)
def import_commit(request: HttpRequest, job_id: int) -> Status:
    """409 when the import is already being saved, or has been (a second request at the same time gets
    this; the job's status says how the first one ends)."""
    try:
        job = services.import_commit(actor=request.user, job=_job(request, job_id))
    except ValidationError as exc:
        if exc.code != "busy":
            raise
        return Status(409, {"detail": " ".join(exc.messages)})
    return Status(202, _job(request, job.pk))


_FILE = {
    "responses": {
        200: {
            "description": "The file",
            "content": {
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }
}


class ExportJobOut(Schema):
    """A large export written in the background: poll until `status` is `done`, then GET `file_url`."""

    id: int
    list: str = Field(alias="what")
    format: str = Field(alias="fmt")
    status: ExportStatus
    total_rows: int
    processed_rows: int
    size: int = Field(description="The file's size in bytes, once written.")
    error: str
    file_url: str | None
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_file_url(job: ExportJob) -> str | None:
        return reverse("api:export_job_file", args=[job.pk]) if job.status == ExportStatus.DONE else None


def _export(response: HttpResponse | ExportJob) -> HttpResponse | Status:
    return Status(202, response) if isinstance(response, ExportJob) else response


@router.get(
    "/exports/{what}",
    response={200: Any, 202: ExportJobOut, **errors(401, 404, 422)},
    summary="Export a filtered list (.xlsx or .csv), ID numbers and phones masked",
    openapi_extra=_FILE,
)
def export(
    request: HttpRequest, what: ExportKind, format: Literal["xlsx", "csv"] = "xlsx"
) -> HttpResponse | Status:
    """The same filters as the list pages (`q`, `region` id, `kind`, `status`, ...), within scope. A list
    longer than the server's `LVXIE_EXPORT_DIRECT_ROWS` (20,000 unless set) is written in the background:
    202 with the job, to poll at `/export-jobs/{id}`."""
    return _export(export_response(request, what, format))


@router.post(
    "/exports/{what}",
    response={200: Any, 202: ExportJobOut, **errors(400, 401, 403, 404, 422)},
    summary="Export a filtered list with unmasked ID numbers and phones",
    openapi_extra=_FILE,
)
def export_unmasked(
    request: HttpRequest,
    what: ExportKind,
    reason: Form[str],
    format: Form[Literal["xlsx", "csv"]] = "xlsx",
) -> HttpResponse | Status:
    """Only `lawyers`, only for an account holding the `dataio.export_unmasked` permission (else 403), and
    only with a `reason` (else 422), which the audit log records with the rows and columns. Filters in the
    query string, as for the masked export; lawyers outside your sensitive scope stay masked. A long list
    is written in the background, as for the masked export (202)."""
    return _export(export_response(request, what, format, unmasked=True, reason=reason))


@router.get(
    "/export-jobs", response={200: list[ExportJobOut], **errors(401, 422)}, summary="Your large exports"
)
def export_jobs(request: HttpRequest) -> list[ExportJob]:
    return list(selectors.export_jobs(request.user)[:50])


@router.get(
    "/export-jobs/{job_id}", response={200: ExportJobOut, **errors(401, 404, 422)}, summary="A large export"
)
def export_job(request: HttpRequest, job_id: int) -> ExportJob:
    return get_object_or_404(selectors.export_jobs(request.user), pk=job_id)


@router.get(
    "/export-jobs/{job_id}/file",
    response={200: Any, **errors(401, 404, 422)},
    summary="The file of a large export",
    openapi_extra=_FILE,
    url_name="export_job_file",
)
def export_job_file(request: HttpRequest, job_id: int) -> HttpResponse:
    """404 until the file is written, and once it has been deleted after its time (the job says which)."""
    return ExportJobFileView().get(request, job_id)
