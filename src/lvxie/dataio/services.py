"""Writes of the dataio app: starting, checking and committing imports; starting (and auditing) exports,
and the permission for unmasked ones."""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.accounts.choices import DUTY_ROLES, SENSITIVE_READERS, Role
from lvxie.audit.services import audit_record
from lvxie.core.scoping import scope_of
from lvxie.core.services import require

from . import importing
from .choices import JobStatus
from .exports import UNMASKABLE, Table, export_table
from .kinds import KINDS, get_kind
from .models import ImportJob
from .parsing import UnsafeFile, read_table, refuse_unsafe


def may_import(actor, kind: str) -> bool:
    """Registry editors import into their regions; firm administrators only kinds a firm keeps; Party
    members only the Party side (committee staff, secretaries), for whom the other kinds are closed."""
    if actor is None:
        return True
    scope = scope_of(actor)
    if KINDS[kind].party_side:
        return scope.party_side
    return bool(scope.edit_region_paths) or (KINDS[kind].firm_roles and bool(scope.edit_firm_ids))


@transaction.atomic
def report_read(*, actor, job: ImportJob, what: str) -> None:
    """A members import's report names members: reading it is audited like the Party member lists."""
    if KINDS[job.kind].party_side:
        audit_record(actor=actor, action="party.members_read", obj=job, after={"what": what})


@transaction.atomic
def import_start(*, actor, kind: str, filename: str, content: bytes) -> ImportJob:
    """Accept an upload for checking. The file's bytes are inspected first (size, real type, zip and XML
    bombs, declared rows): a refused file raises ValidationError and leaves nothing behind. The check of
    the rows runs as a background task; the job's page shows its progress."""
    require(kind in KINDS and may_import(actor, kind))
    try:
        refuse_unsafe(content)
    except UnsafeFile as exc:
        raise ValidationError(str(exc), code="unsafe_file") from exc
    job = ImportJob(kind=kind, filename=filename[:200], content=content, created_by=actor)
    job.full_clean(exclude=["content", "created_by"])
    job.save()
    audit_record(actor=actor, action="import.upload", obj=job, after={"kind": kind, "bytes": len(content)})
    _enqueue(job, commit=False)
    return job


@transaction.atomic
def import_commit(*, actor, job: ImportJob) -> ImportJob:
    """Save a checked job. Every row is checked again inside the task (records may have changed since)."""
    if not job.can_commit:
        raise ValidationError(_("Only a checked file without refused rows can be saved."), code="not_ready")
    job.status = JobStatus.COMMITTING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows"])
    _enqueue(job, commit=True)
    return job


def _enqueue(job: ImportJob, *, commit: bool) -> None:
    from .tasks import run_import  # the task module imports these services

    run_import.enqueue(job.pk, commit)


def _progress(job: ImportJob):
    def report(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    return report


def import_run(*, job: ImportJob, commit: bool) -> ImportJob:
    """The background step: check every row (and save them all, if asked and none is refused)."""
    actor = job.created_by
    kind = get_kind(job.kind)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.COMMITTING if commit else JobStatus.RUNNING)
    try:
        table = read_table(bytes(job.content))
    except UnsafeFile as exc:
        job.report = {"kind": job.kind, "file_errors": [str(exc)], "errors": [], "warnings": []}
        job.status = JobStatus.FAILED
    else:
        job.total_rows = len(table.rows)
        report, valid = importing.check(kind, actor, table, progress=_progress(job))
        job.report = report
        job.processed_rows = job.total_rows
        if report["refused"] or report["file_errors"]:
            job.status = JobStatus.FAILED if commit else JobStatus.PREVIEWED
        elif commit:
            try:
                importing.save(kind, actor, valid, filename=job.filename)
            except (IntegrityError, ValidationError, PermissionDenied) as exc:
                # A conflict the row checks could not foresee (e.g. a record saved meanwhile): the
                # transaction rolled back, so nothing was saved; say so rather than leave the job hanging.
                job.report["file_errors"] = [
                    _("Nothing was saved: %(error)s Check the file again and retry.") % {"error": exc}
                ]
                job.status = JobStatus.FAILED
            else:
                job.report["committed"] = True
                job.status = JobStatus.COMMITTED
                job.content = b""  # the records are in the registry now; keep no second copy of the file
        else:
            job.status = JobStatus.PREVIEWED
    job.finished_at = timezone.now()
    job.save()
    return job


def import_file(*, actor, kind: str, content: bytes, commit: bool, filename: str = "", progress=None) -> dict:
    """Check a file and, if `commit` and no row is refused, save it, synchronously: the same parsing,
    checks, scope and bulk services as the web import's background task (the command and the benchmark
    call this). Returns the report, with `committed` set when saved. A refused file raises UnsafeFile."""
    require(kind in KINDS and may_import(actor, kind))
    importer = get_kind(kind)
    report, valid = importing.check(importer, actor, read_table(content), progress=progress)
    if commit and not (report["refused"] or report["file_errors"]):
        importing.save(importer, actor, valid, filename=filename)
        report["committed"] = True
    return report


# Exports ---------------------------------------------------------------------------------------------

EXPORT_UNMASKED = "dataio.export_unmasked"
REASON_MAX_LENGTH = 500


def may_export_unmasked(actor) -> bool:
    """An unmasked export needs the separate permission on the account (granted by a security
    administrator), a sensitive reader's scope, and no administrator duty (checked again at each export:
    a role given after the grant takes effect at once)."""
    if actor is None or not actor.is_authenticated:
        return False
    scope = scope_of(actor)
    return (
        bool(scope.sensitive_region_paths)
        and not scope.roles & DUTY_ROLES
        and actor.has_perm(EXPORT_UNMASKED)
    )


@transaction.atomic
def export_start(
    *, actor, what: str, filters: dict, fmt: str, unmasked: bool = False, reason: str = ""
) -> tuple[Table, int]:
    """Start one export (the pages and the API): masked unless `unmasked`, which needs
    `may_export_unmasked` (else PermissionDenied) and a reason (else ValidationError). Exports reveal data
    in bulk, so the audit event says who exported what, with which filter, how many rows, which columns,
    and, unmasked, why. Returns the table, whose rows are read as the file is sent, and its row count."""
    reason = reason.strip()
    if unmasked:
        require(what in UNMASKABLE and may_export_unmasked(actor))
        if not reason:
            raise ValidationError(
                _("Say why you need the unmasked ID numbers and phones."), code="reason_required"
            )
        if len(reason) > REASON_MAX_LENGTH:
            raise ValidationError(
                _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH}, code="reason_long"
            )
    table = export_table(actor, what, filters, unmasked=unmasked)
    count = table.count()
    after = {
        "filters": {k: str(v) for k, v in filters.items()},
        "rows": count,
        "format": fmt,
        "columns": [str(h) for h in table.headers],
        "sensitive": table.sensitive,
        "unmasked": table.unmasked,
    }
    if table.unmasked:
        after["reason"] = reason
    audit_record(actor=actor, action="export.download", object_type=what, after=after)
    return table, count


def _export_unmasked_change(*, actor, user, grant: bool) -> None:
    """Granting is a security administrator's act, never on their own account; the permission goes only
    to an account that reads sensitive fields and holds no administrator duty."""
    actor_roles = set(actor.roles.values_list("role", flat=True)) if actor is not None else set()
    require(Role.SECURITY_ADMIN in actor_roles)
    if grant:
        if user.pk == actor.pk:
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
    app_label, codename = EXPORT_UNMASKED.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    if grant:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)
    audit_record(
        actor=actor,
        action="permission.grant" if grant else "permission.revoke",
        obj=user,
        after={"permission": EXPORT_UNMASKED},
    )


@transaction.atomic
def export_unmasked_grant(*, actor, user) -> None:
    """Let `user` export unmasked ID numbers and phones (each export still needs a reason)."""
    _export_unmasked_change(actor=actor, user=user, grant=True)


@transaction.atomic
def export_unmasked_revoke(*, actor, user) -> None:
    """Take the unmasked export away from `user`."""
    _export_unmasked_change(actor=actor, user=user, grant=False)
