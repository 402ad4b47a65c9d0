"""Writes of the dataio app: starting, checking, committing and recovering imports; starting (and auditing)
exports, writing the large ones in the background, and the permission for unmasked ones."""

import contextlib
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lvxie.accounts.choices import DUTY_ROLES, SENSITIVE_READERS
from lvxie.accounts.models import User
from lvxie.audit.services import audit_record
from lvxie.core.tabular import csv_stream, xlsx_stream
from lvxie.core.types import Actor

from . import importing, policies
from .choices import ExportStatus, JobStatus
from .exports import Table, export_table
from .kinds import KINDS, get_kind
from .models import ExportJob, ImportJob
from .parsing import UnsafeFile, read_table, refuse_unsafe


@transaction.atomic
def report_read(*, actor: Actor, job: ImportJob, what: str) -> None:
    """A members import's report names members: reading it is audited like the Party member lists."""
    if KINDS[job.kind].party_side:
        audit_record(actor=actor, action="party.members_read", obj=job, after={"what": what})


@transaction.atomic
def import_start(*, actor: Actor, kind: str, filename: str, content: bytes) -> ImportJob:
    """Accept an upload for checking. The file's bytes are inspected first (size, real type, zip and XML
    bombs, declared rows): a refused file raises ValidationError and leaves nothing behind. The check of
    the rows runs as a background task; the job's page shows its progress."""
    policies.require(actor, policies.IMPORT_RUN, kind)
    try:
        refuse_unsafe(content)
    except UnsafeFile as exc:
        raise ValidationError(str(exc), code="unsafe_file") from exc
    uploader = actor if actor.is_authenticated else None  # `import.run` refused anybody else
    job = ImportJob(kind=kind, filename=filename[:200], content=content, created_by=uploader)
    job.full_clean(exclude=["content", "created_by"])
    job.save()
    audit_record(actor=actor, action="import.upload", obj=job, after={"kind": kind, "bytes": len(content)})
    _enqueue(job, commit=False)
    return job


@transaction.atomic
def import_commit(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Save a checked job. Every row is checked again inside the task (records may have changed since).
    One commit per job whatever arrives at once: the status moves from "checked" to "saving" in one
    conditional UPDATE, which only one request can make; the others are told (code "busy")."""
    job = import_recover(actor=actor, job=job)
    if not job.can_commit:
        if job.status in {JobStatus.COMMITTING, JobStatus.COMMITTED}:
            raise ValidationError(_busy_message(), code="busy")
        raise ValidationError(_("Only a checked file without refused rows can be saved."), code="not_ready")
    claimed = ImportJob.objects.filter(pk=job.pk, status=JobStatus.PREVIEWED).update(
        status=JobStatus.COMMITTING, processed_rows=0, lease_token="", lease_expires_at=None
    )
    if not claimed:
        raise ValidationError(_busy_message(), code="busy")
    _enqueue(job, commit=True)
    job.refresh_from_db()
    return job


def _busy_message() -> str:
    return _("This file is already being saved, or has been: see the import's status.")


def _enqueue(job: ImportJob, *, commit: bool) -> None:
    from .tasks import run_import  # the task module imports these services

    run_import.enqueue(job.pk, commit)


def lease_seconds() -> int:
    """How long a worker may stay silent before its job counts as abandoned. It speaks every few hundred
    rows; reading a large file before the first row is the longest silence (tens of seconds)."""
    return int(getattr(settings, "LVXIE_IMPORT_LEASE_SECONDS", 300))


def _lease_end():
    return timezone.now() + timedelta(seconds=lease_seconds())


class JobLost(Exception):
    """The job was taken from this worker (its lease ran out and the job was settled): stop, write nothing."""


def _renew(job: ImportJob, token: str, **fields) -> None:
    """Renew the lease (and write `fields`) if it is still this worker's; else stop the worker."""
    if not ImportJob.objects.filter(pk=job.pk, lease_token=token).update(
        lease_expires_at=_lease_end(), **fields
    ):
        raise JobLost(job.pk)


def _finish(job: ImportJob, token: str, **fields) -> None:
    """The worker's last word on the job: its outcome, and the lease released."""
    done = ImportJob.objects.filter(pk=job.pk, lease_token=token).update(
        lease_token="", lease_expires_at=None, finished_at=timezone.now(), **fields
    )
    if not done:
        raise JobLost(job.pk)


def import_run(*, job: ImportJob, commit: bool) -> ImportJob:
    """The background step: check every row (and save them all, if asked and none is refused).

    The worker first takes the job (a conditional UPDATE: a second task for the same job finds it taken
    and does nothing), then renews its lease as it goes. The save, and the job's "saved", are one
    transaction: the job says "saved" exactly when the rows are in, and a worker killed while saving
    leaves nothing saved (the database rolls the transaction back) and the job recoverable."""
    token = uuid.uuid4().hex
    taken = ImportJob.objects.filter(
        pk=job.pk, status=JobStatus.COMMITTING if commit else JobStatus.PENDING, lease_token=""
    ).update(
        status=JobStatus.COMMITTING if commit else JobStatus.RUNNING,
        lease_token=token,
        lease_expires_at=_lease_end(),
    )
    if taken:
        try:
            _work(job, token, commit=commit)
        except JobLost:
            pass  # settled by someone else meanwhile: their word stands
        except Exception:
            # Never leave the uploader watching a bar that will not move; the task result keeps the trace.
            with contextlib.suppress(JobLost):
                _finish(
                    job,
                    token,
                    status=JobStatus.FAILED,
                    report={"file_errors": [str(_("The import failed unexpectedly."))]},
                )
            raise
    job.refresh_from_db()
    return job


def _work(job: ImportJob, token: str, *, commit: bool) -> None:
    actor = job.created_by
    kind = get_kind(job.kind)
    try:
        table = read_table(bytes(job.content))
    except UnsafeFile as exc:
        report: dict[str, Any] = {"kind": job.kind, "file_errors": [str(exc)], "errors": [], "warnings": []}
        _finish(job, token, status=JobStatus.FAILED, report=report)
        return
    total = len(table.rows)
    _renew(job, token, total_rows=total)
    streamed = commit and importing.streams(kind, total)
    if not streamed:
        report, valid = importing.check(
            kind,
            actor,
            table,
            progress=lambda done, rows: _renew(job, token, processed_rows=done, total_rows=rows),
        )
        if report["refused"] or report["file_errors"]:
            status = JobStatus.FAILED if commit else JobStatus.PREVIEWED
            _finish(job, token, status=status, report=report, processed_rows=total)
            return
        if not commit:
            _finish(job, token, status=JobStatus.PREVIEWED, report=report, processed_rows=total)
            return
    try:
        with transaction.atomic():
            # The first write of the transaction: it locks the job's row (SQLite: the database) until the
            # end, so that nobody declares this worker dead while it saves; and it checks the job is still
            # this worker's before a single row is written.
            _renew(job, token)
            if streamed:  # checked as they are saved: the progress cannot be written to the job's row
                checking = importing.Checking(kind, actor, table, _held_progress(job))
                report = checking.report  # (filled as the rows are checked)
                importing.check_and_save(checking, filename=job.filename)
            else:
                importing.save(kind, actor, valid, filename=job.filename)
                report["committed"] = True
            if report.get("committed"):
                # The records are in the registry now; keep no second copy of the file.
                _finish(
                    job, token, status=JobStatus.COMMITTED, report=report, processed_rows=total, content=b""
                )
            else:  # a row was refused: nothing was saved
                _finish(job, token, status=JobStatus.FAILED, report=report, processed_rows=total)
    except (IntegrityError, ValidationError, PermissionDenied) as exc:
        # A conflict the row checks could not foresee (e.g. a record saved meanwhile): the transaction
        # rolled back, so nothing was saved; say so rather than leave the job hanging.
        report["file_errors"] = [
            _("Nothing was saved: %(error)s Check the file again and retry.") % {"error": exc}
        ]
        _finish(job, token, status=JobStatus.FAILED, report=report, processed_rows=total)


def _progress_key(job: ImportJob) -> str:
    return f"import:{job.pk}"


def _held_progress(job: ImportJob) -> importing.Progress:
    """Progress kept in the progress cache, for a save that holds the job's row and its connection until
    it ends; `import_recover`, which every reader of a job calls, shows it."""

    def report(done: int, rows: int) -> None:
        caches["progress"].set(_progress_key(job), (done, rows), timeout=lease_seconds())

    return report


def import_recover(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Settle a job whose worker has stopped (killed, out of memory, its machine gone): busy, its lease run
    out, and not held by a saving transaction. A save that stopped was rolled back by the database, so
    nothing of the file was saved: the job is "checked" again with a note saying so, and the uploader may
    save it again. A check that stopped saved nothing either: the job fails, saying so. Returns the job
    as it now is."""
    if not (job.is_busy and job.lease_expires_at and job.lease_expires_at < timezone.now()):
        return _with_held_progress(job)
    try:
        with _without_waiting(), transaction.atomic():
            # Skip a row that a live worker's save transaction holds (PostgreSQL); on SQLite that worker
            # holds the write lock and the transaction cannot even begin (OperationalError, below).
            stale = (
                ImportJob.objects.select_for_update(skip_locked=True)
                .filter(
                    pk=job.pk,
                    status__in=[JobStatus.RUNNING, JobStatus.COMMITTING],
                    lease_token=job.lease_token,
                    lease_expires_at__lt=timezone.now(),
                )
                .first()
            )
            if stale is not None:
                _settle(actor, stale)
    except OperationalError:
        pass  # the database is busy writing, perhaps that very save: look again later
    job.refresh_from_db()
    return _with_held_progress(job)


def _with_held_progress(job: ImportJob) -> ImportJob:
    """The job, with the progress of a save that holds its row (`_held_progress`) where there is one."""
    if job.status == JobStatus.COMMITTING:
        held = caches["progress"].get(_progress_key(job))
        if held is not None:
            job.processed_rows, job.total_rows = held
    return job


def _settle(actor: Actor, job: ImportJob) -> None:
    if job.status == JobStatus.COMMITTING:
        status = JobStatus.PREVIEWED
        report = {
            **job.report,
            "interrupted": _(
                "Saving stopped before it finished: the worker doing it ended. The database undid its "
                "unfinished work, so nothing of this file was saved. You may save it again."
            ),
        }
    else:
        status = JobStatus.FAILED
        report = {
            "kind": job.kind,
            "errors": [],
            "warnings": [],
            "file_errors": [
                _(
                    "The check stopped before it finished: the worker doing it ended. Nothing was saved. "
                    "Upload the file again; if this happens again, split it into smaller files."
                )
            ],
        }
    expired_at = job.lease_expires_at.isoformat() if job.lease_expires_at else None  # it had one: it lapsed
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, report=report, lease_token="", lease_expires_at=None, processed_rows=0
    )
    audit_record(
        actor=actor,
        action="import.interrupted",
        obj=job,
        after={"was": job.status, "now": status, "lease_expired_at": expired_at},
    )


def imports_recover(*, actor: Actor) -> None:
    """Settle the actor's jobs whose worker has stopped (see `import_recover`): the list of imports
    shows true statuses. Usually one query that finds none."""
    stale = ImportJob.objects.visible_to(actor).filter(
        status__in=[JobStatus.RUNNING, JobStatus.COMMITTING], lease_expires_at__lt=timezone.now()
    )
    for job in stale:
        import_recover(actor=actor, job=job)


@contextlib.contextmanager
def _without_waiting() -> Iterator[None]:
    """On SQLite, fail at once instead of waiting for the write lock (a live save may hold it for
    minutes, and the job page asks every second)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    timeout_ms = int(float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)) * 1000)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")


def import_file(
    *, actor: Actor | None, kind: str, content: bytes, commit: bool, filename: str = "", progress=None
) -> dict:
    """Check a file and, if `commit` and no row is refused, save it, synchronously: the same parsing,
    checks, scope and bulk services as the web import's background task (the command and the benchmark
    call this). Returns the report, with `committed` set when saved. A refused file raises UnsafeFile."""
    policies.require(actor, policies.IMPORT_RUN, kind)
    importer = get_kind(kind)
    table = read_table(content)
    if commit and importing.streams(importer, len(table.rows)):
        return importing.check_and_save(
            importing.Checking(importer, actor, table, progress), filename=filename
        )
    report, valid = importing.check(importer, actor, table, progress=progress)
    if commit and not (report["refused"] or report["file_errors"]):
        importing.save(importer, actor, valid, filename=filename)
        report["committed"] = True
    return report


REASON_MAX_LENGTH = 500


@transaction.atomic
def export_start(
    *,
    actor: Actor,
    what: str,
    query: Mapping | None,
    fmt: str,
    unmasked: bool = False,
    reason: str = "",
) -> tuple[Table, int, ExportJob | None]:
    """Start one export (the pages and the API): masked unless `unmasked`, which needs the policy
    `export.unmasked` (else PermissionDenied) and a reason (else ValidationError). Exports reveal data in
    bulk, so the audit event says who exported which list, with which filters (as the list's definition
    applied them to `query`, the page's query string), how many rows, which columns, and, unmasked, why.

    Returns the table, whose rows are read as the file is sent, its row count, and, when it has more
    rows than `LVXIE_EXPORT_DIRECT_ROWS`, the background job that writes the file instead (its page
    shows the progress, then offers the file)."""
    reason = reason.strip()
    if unmasked:
        policies.require(actor, policies.EXPORT_UNMASKED, what)
        if not reason:
            raise ValidationError(
                _("Say why you need the unmasked ID numbers and phones."), code="reason_required"
            )
        if len(reason) > REASON_MAX_LENGTH:
            raise ValidationError(
                _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH}, code="reason_long"
            )
    table = export_table(actor, what, query, unmasked=unmasked)
    count = table.count()
    after: dict[str, Any] = {
        "list": what,
        "filters": table.filters,
        "rows": count,
        "format": fmt,
        "columns": [str(h) for h in table.headers],
        "sensitive": table.sensitive,
        "unmasked": table.unmasked,
    }
    if table.unmasked:
        after["reason"] = reason
    job = None
    if count > settings.LVXIE_EXPORT_DIRECT_ROWS:
        job = ExportJob.objects.create(
            what=what,
            query=query.urlencode() if isinstance(query, QueryDict) else urlencode(query or {}, doseq=True),
            fmt=fmt,
            unmasked=table.unmasked,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            total_rows=count,
            created_by=cast(User, actor),  # a person: exports need a scope, which only accounts have
        )
        after["job"] = job.pk
    audit_record(actor=actor, action="export.download", object_type=what, after=after)
    if job is not None:
        from .tasks import run_export  # the task module imports these services

        run_export.enqueue(job.pk)
        job.refresh_from_db()  # a worker may have taken it already
    return table, count, job


_PROGRESS_EVERY = 5000  # rows between two words of the worker on its job (each an UPDATE)


def export_lease() -> timedelta:
    """How long a running export may stay silent before it counts as abandoned (it speaks every few
    thousand rows, a few seconds apart)."""
    return timedelta(seconds=int(getattr(settings, "LVXIE_EXPORT_LEASE_SECONDS", 600)))


def export_run(*, job_id: int) -> ExportJob:
    """The background step of a large export: read the list again in its creator's scope and language,
    write it to a temporary file row by row (memory stays flat), then keep it in the default storage.
    Taken by one worker only (a conditional UPDATE); an unmasked export is allowed again first, since
    the permission may have gone since it was asked for."""
    if not ExportJob.objects.filter(pk=job_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING, updated_at=timezone.now()
    ):
        return ExportJob.objects.get(pk=job_id)  # another worker has it, or it has ended
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    actor = job.created_by
    # The failure's message too is in the creator's language: they read it on the job's page.
    with translation.override(job.language):
        try:
            if job.unmasked:
                policies.require(actor, policies.EXPORT_UNMASKED, job.what)
            table = export_table(actor, job.what, QueryDict(job.query), unmasked=job.unmasked)
            with tempfile.TemporaryFile() as spool:
                size = _export_write(job, table, spool)
                name = default_storage.save(
                    f"exports/{uuid.uuid4().hex}.{job.fmt}", File(spool, job.filename)
                )
        except Exception as exc:
            refused = isinstance(exc, PermissionDenied)
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportStatus.FAILED,
                finished_at=timezone.now(),
                error=_("You may no longer export this list.")
                if refused
                else _("The export failed unexpectedly. Start it again from the list."),
            )
            if not refused:
                raise
        else:
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportStatus.DONE,
                file=name,
                size=size,
                processed_rows=job.processed_rows,
                total_rows=job.processed_rows,
                finished_at=timezone.now(),
            )
    job.refresh_from_db()
    return job


def _export_write(job: ExportJob, table: Table, spool) -> int:
    """The rows written to a temporary file, the job's progress pushed on as they go; returns its size."""

    def rows() -> Iterator[list]:
        for number, row in enumerate(table.rows(), start=1):
            if number % _PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=job.pk).update(processed_rows=number, updated_at=timezone.now())
            job.processed_rows = number
            yield row

    if job.fmt == "csv":
        chunks = csv_stream(table.headers, rows())
    else:
        chunks = xlsx_stream(table.headers, rows(), title=job.what)
    for chunk in chunks:
        spool.write(chunk)
    size = spool.tell()
    spool.seek(0)
    return size


def export_file_open(*, actor: Actor, job: ExportJob) -> File:
    """The file of a finished export, for its creator (the caller found the job among theirs): each
    download is audited, like the export itself."""
    if job.status != ExportStatus.DONE or not job.file:
        raise ValidationError(_("This export has no file to download."), code="not_ready")
    after = {"list": job.what, "rows": job.total_rows}
    audit_record(actor=actor, action="export.file_download", obj=job, after=after)
    return job.file.open("rb")


def exports_expire(now=None) -> int:
    """The scheduled clean-up: delete the files kept past `LVXIE_EXPORT_KEEP_HOURS`, and fail the jobs
    whose worker has stopped (silent for a lease). Returns how many jobs it ended."""
    now = now or timezone.now()
    ended = 0
    kept_until = now - timedelta(hours=settings.LVXIE_EXPORT_KEEP_HOURS)
    for job in ExportJob.objects.filter(status=ExportStatus.DONE, finished_at__lt=kept_until):
        job.file.delete(save=False)
        ended += ExportJob.objects.filter(pk=job.pk, status=ExportStatus.DONE).update(
            status=ExportStatus.EXPIRED, file="", size=0
        )
    ended += ExportJob.objects.filter(
        status__in=[ExportStatus.PENDING, ExportStatus.RUNNING], updated_at__lt=now - export_lease()
    ).update(
        status=ExportStatus.FAILED,
        finished_at=now,
        error=_("The worker writing this export stopped. Start it again from the list."),
    )
    return ended


def _export_unmasked_change(*, actor: Actor | None, user, grant: bool) -> None:
    """Granting is a security administrator's act, never on their own account; the permission goes only
    to an account that reads sensitive fields and holds no administrator duty."""
    policies.require(
        actor, policies.EXPORT_UNMASKED_GRANT if grant else policies.EXPORT_UNMASKED_REVOKE, user
    )
    if grant:
        if actor is not None and user.pk == actor.pk:
            raise ValidationError(_("Nobody may grant a permission to themself."), code="self_grant")
        roles = set(user.roles.values_list("role", flat=True))
        if roles & DUTY_ROLES or user.is_superuser:
            raise ValidationError(
                _("An administrator account may not export unmasked ID numbers and phones."),
                code="duty_role",
            )
        if not roles & SENSITIVE_READERS:
            raise ValidationError(
                _("Only an account that may unmask ID numbers and phones can be given this permission."),
                code="not_sensitive_reader",
            )
    app_label, codename = policies.EXPORT_UNMASKED_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    if grant:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)
    audit_record(
        actor=actor,
        action="permission.grant" if grant else "permission.revoke",
        obj=user,
        after={"permission": policies.EXPORT_UNMASKED_PERMISSION},
    )


@transaction.atomic
def export_unmasked_grant(*, actor: Actor, user) -> None:
    """Let `user` export unmasked ID numbers and phones (each export still needs a reason)."""
    _export_unmasked_change(actor=actor, user=user, grant=True)


@transaction.atomic
def export_unmasked_revoke(*, actor: Actor, user) -> None:
    """Take the unmasked export away from `user`."""
    _export_unmasked_change(actor=actor, user=user, grant=False)
