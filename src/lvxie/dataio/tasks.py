"""Background tasks (django-tasks): the database backend and `lvxie db_worker` in production and the
demo, the immediate backend in tests."""

from django.utils.translation import gettext as _
from django_tasks import task

from .choices import JobStatus
from .models import ImportJob
from .services import import_run


@task()
def run_import(job_id: int, commit: bool) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        return import_run(job=job, commit=commit).status
    except Exception:
        # Never leave the uploader watching a bar that will not move; the task result keeps the trace.
        ImportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, report={"file_errors": [str(_("The import failed unexpectedly."))]}
        )
        raise
