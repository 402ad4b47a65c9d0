"""Background tasks (django-tasks): the database backend and `lvxie db_worker` in production and the
demo, the immediate backend in tests."""

from django_tasks import task

from .models import ImportJob
from .services import export_run, import_run


@task()
def run_import(job_id: int, commit: bool) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    return import_run(job=job, commit=commit).status


@task()
def run_export(job_id: int) -> str:
    return export_run(job_id=job_id).status
