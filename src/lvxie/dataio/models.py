"""An import job: the uploaded file, its progress and the report of what would be (or was) saved. An
export job: a large export written in the background, its progress, then its file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.types import Actor

from .choices import ExportStatus, JobStatus


class OwnJobQuerySet(models.QuerySet):
    """Import and export jobs alike: a job holds a file of its creator's (an upload, or what their scope
    showed them), so only they see it; others get 404."""

    def visible_to(self, actor: Actor | None):
        if actor is None or not actor.is_authenticated:
            return self.none()
        return self.filter(created_by=actor)


class ImportJob(models.Model):
    """One upload of one kind of record. Checked first (a dry run); saved only when the uploader commits
    a file with no refused row. The file is dropped once saved.

    The worker on a job holds a lease: its own `lease_token`, and `lease_expires_at`, which it pushes
    on as it progresses. While it saves, it also holds the job's row (PostgreSQL) or the database's
    write lock (SQLite) in the saving transaction. A busy job whose lease has run out and that nobody
    holds has lost its worker: `services.import_recover` settles it, and a late word from that worker
    (carrying a token no longer the job's) changes nothing."""

    kind = models.CharField(_("kind"), max_length=20)
    filename = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    lease_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OwnJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        # The app's one permission beyond roles, held here for want of an export model: see
        # `services.export_unmasked_grant`.
        permissions = [("export_unmasked", _("Can export unmasked ID numbers and phones"))]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return object_url("dataio:import_detail", self.pk)

    @property
    def kind_label(self) -> str:
        """The kind in the reader's language ("律师" / "Lawyers"), not its code."""
        from .kinds import KINDS  # filled by the apps' AppConfig.ready

        kind = KINDS.get(self.kind)
        return str(kind.label) if kind else self.kind

    @property
    def percent(self) -> int | None:
        """None until the file has been read and its rows counted (the bar is then indeterminate)."""
        return min(100, self.processed_rows * 100 // self.total_rows) if self.total_rows else None

    @property
    def is_busy(self) -> bool:
        return self.status in {JobStatus.PENDING, JobStatus.RUNNING, JobStatus.COMMITTING}

    @property
    def can_commit(self) -> bool:
        return (
            self.status == JobStatus.PREVIEWED
            and not self.report.get("refused")
            and not self.report.get("file_errors")
        )


class ExportJob(models.Model):
    """An export of more rows than a response should carry (`LVXIE_EXPORT_DIRECT_ROWS`), written by a
    background worker to a file in the default storage, with its progress, for its creator alone, who
    may download it for `LVXIE_EXPORT_KEEP_HOURS`; then the file is deleted (`services.exports_expire`).

    The worker reads the list again in its creator's scope and language, with the filters of the page it
    was started from (`query`, the query string): the same definition as the page, the API and the direct
    export. The audit event of the start records the filters, the rows, the columns and, unmasked, why."""

    what = models.CharField(_("list"), max_length=40)
    query = models.TextField(blank=True)
    fmt = models.CharField(_("format"), max_length=4)
    unmasked = models.BooleanField(default=False)
    language = models.CharField(max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Pushed on as the worker writes: a running job silent for a lease has lost its worker.
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OwnJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return object_url("dataio:export_detail", self.pk)

    @property
    def filename(self) -> str:
        return f"{self.what}-{self.total_rows}.{self.fmt}"

    @property
    def percent(self) -> int:
        return min(100, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0

    @property
    def is_busy(self) -> bool:
        return self.status in {ExportStatus.PENDING, ExportStatus.RUNNING}
