"""Import jobs that recover and commit once: given a worker that died, or two commits at once, then the
job's status is true, nothing is half saved, and the uploader can go on."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lvxie.audit.models import AuditEvent
from lvxie.dataio import services
from lvxie.dataio.choices import JobStatus
from lvxie.dataio.models import ImportJob
from lvxie.registry.models import Lawyer
from tests.api.conftest import API
from tests.concurrency import together
from tests.dataio import files
from tests.dataio.test_import import upload

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serializes writers, and its test database lives in this process's memory",
)


def _checked_job(client, world, lawyer_rows) -> ImportJob:
    client.force_login(world["users"]["futian"])
    upload(client, "lawyers", files.xlsx(files.LAWYER_HEADERS, lawyer_rows))
    job = ImportJob.objects.get()
    assert job.status == JobStatus.PREVIEWED and job.can_commit
    return job


def _saved(lawyer_rows) -> int:
    return Lawyer.objects.filter(licence_no__in=[row[2] for row in lawyer_rows]).count()


def _abandon(job: ImportJob, *, minutes_ago: int) -> None:
    """The state a worker killed while saving leaves: "saving", its lease renewed `minutes_ago` last."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.COMMITTING,
        lease_token="a-dead-worker",
        lease_expires_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_job_whose_worker_died_while_saving_is_shown_so_and_can_be_saved_again(client, world, lawyer_rows):
    # given a job left "saving" by a worker that died, its lease run out
    job = _checked_job(client, world, lawyer_rows)
    _abandon(job, minutes_ago=1)
    # when the uploader opens it, then it says what happened and that nothing was saved
    page = client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.PREVIEWED and job.can_commit
    assert "保存中途停止" in page and 'id="commit"' in page
    assert _saved(lawyer_rows) == 0
    assert AuditEvent.objects.filter(action="import.interrupted").count() == 1
    # and when it is saved again, then every row is saved, once
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and _saved(lawyer_rows) == 3
    assert "interrupted" not in job.report


def test_a_job_whose_lease_is_current_is_left_to_its_worker(client, world, lawyer_rows):
    job = _checked_job(client, world, lawyer_rows)
    _abandon(job, minutes_ago=-1)  # renewed a moment ago: the worker is alive
    client.get(job.get_absolute_url())
    client.get(reverse("dataio:import_list"))
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTING and job.lease_token == "a-dead-worker"
    assert client.post(reverse("dataio:import_commit", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTING and _saved(lawyer_rows) == 0


def test_a_check_whose_worker_died_fails_saying_so(client, world, lawyer_rows):
    job = _checked_job(client, world, lawyer_rows)
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, lease_token="x", lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    client.get(reverse("dataio:import_list"))  # the list shows true statuses too
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "检查中途停止" in job.report["file_errors"][0]


def test_the_late_word_of_a_worker_declared_dead_changes_nothing(client, world, lawyer_rows):
    # given a job settled after its worker's lease ran out
    job = _checked_job(client, world, lawyer_rows)
    _abandon(job, minutes_ago=1)
    services.import_recover(actor=None, job=ImportJob.objects.get(pk=job.pk))
    # when that worker speaks again, then it is stopped and the job is as it was settled
    with pytest.raises(services.JobLost):
        services._renew(job, "a-dead-worker", processed_rows=3)
    # and a second task for a job already taken does nothing
    services.import_commit(actor=world["users"]["futian"], job=ImportJob.objects.get(pk=job.pk))
    assert services.import_run(job=job, commit=True).status == JobStatus.COMMITTED
    assert _saved(lawyer_rows) == 3 and AuditEvent.objects.filter(action="import.commit").count() == 1


def test_a_second_commit_of_a_job_is_refused_and_the_first_one_stands(client, world, lawyer_rows):
    # given two requests that both read the job while it was "checked"
    job = _checked_job(client, world, lawyer_rows)
    first, second = ImportJob.objects.get(pk=job.pk), ImportJob.objects.get(pk=job.pk)
    futian = world["users"]["futian"]
    # when both commit, then the first saves the file and the second is told it is taken
    assert services.import_commit(actor=futian, job=first).status == JobStatus.COMMITTED
    with pytest.raises(ValidationError) as refused:
        services.import_commit(actor=futian, job=second)
    assert refused.value.code == "busy"
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and _saved(lawyer_rows) == 3


def test_a_second_commit_over_the_api_is_409(client, world, lawyer_rows):
    job = _checked_job(client, world, lawyer_rows)
    assert client.post(f"{API}/imports/{job.pk}/commit").status_code == 202
    response = client.post(f"{API}/imports/{job.pk}/commit")
    assert response.status_code == 409 and "保存" in response.json()["detail"]
    assert client.get(f"{API}/imports/{job.pk}").json()["status"] == "committed"


@postgresql_only
def test_two_commits_at_the_same_moment_save_once_and_the_job_ends_committed(audit_purge, world, lawyer_rows):
    # given a checked job
    futian = world["users"]["futian"]
    data = files.xlsx(files.LAWYER_HEADERS, lawyer_rows)
    job = services.import_start(actor=futian, kind="lawyers", filename="l.xlsx", content=data)

    def commit():
        api = Client()
        api.force_login(futian)
        return api.post(f"{API}/imports/{job.pk}/commit").status_code

    # when two commit requests arrive together, on two connections
    statuses = together(commit, commit)
    # then one is accepted, the other told; the rows are saved once and the job says so
    assert sorted(statuses) == [202, 409], statuses
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and _saved(lawyer_rows) == 3
    assert AuditEvent.objects.filter(action="import.commit").count() == 1


WORKER = """
import sys, time
import django
django.setup()
from django.conf import settings
settings.LVXIE_IMPORT_LEASE_SECONDS = 1
from lvxie.dataio import services
from lvxie.registry.imports import LawyerImport
from lvxie.dataio.models import ImportJob

save = LawyerImport.save

def save_then_hang(self, actor, creates, updates):
    save(self, actor, creates, updates)  # the rows are written; the transaction is still open
    open(sys.argv[2], "w").close()
    time.sleep(300)

LawyerImport.save = save_then_hang
services.import_run(job=ImportJob.objects.get(pk=int(sys.argv[1])), commit=True)
"""


def _database_url() -> str:
    db = connection.settings_dict
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"


@postgresql_only
def test_a_worker_killed_while_saving_saves_nothing_and_the_job_can_be_saved_again(
    audit_purge, world, lawyer_rows, tmp_path, monkeypatch
):
    # given a checked job whose commit is left to a worker in another process
    futian = world["users"]["futian"]
    data = files.xlsx(files.LAWYER_HEADERS, lawyer_rows)
    job = services.import_start(actor=futian, kind="lawyers", filename="l.xlsx", content=data)
    job.refresh_from_db()
    with monkeypatch.context() as patch:
        patch.setattr(services, "_enqueue", lambda job, commit: None)
        services.import_commit(actor=futian, job=job)
    marker = tmp_path / "saving"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "lvxie.config.settings.test",
    }
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(job.pk), str(marker)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None and time.monotonic() < deadline, "the worker never got to saving"
            time.sleep(0.2)
        # while it saves, its lease run out, the job is not taken from it (it holds the job's row)
        time.sleep(1.5)
        job = services.import_recover(actor=futian, job=ImportJob.objects.get(pk=job.pk))
        assert job.status == JobStatus.COMMITTING and job.lease_expires_at < timezone.now()
        # when it is killed in the middle of its transaction
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    # then the database rolled its rows back, and the job, found abandoned, says so
    assert _saved(lawyer_rows) == 0
    deadline = time.monotonic() + 30
    while (job := services.import_recover(actor=futian, job=job)).status == JobStatus.COMMITTING:
        assert time.monotonic() < deadline, "the dead worker's transaction was never ended"
        time.sleep(0.2)
    assert job.status == JobStatus.PREVIEWED and job.report["interrupted"], job.report
    # and when the uploader saves it again, then every row is saved and the job ends committed
    assert services.import_commit(actor=futian, job=job).status == JobStatus.COMMITTED
    assert _saved(lawyer_rows) == 3


# The same on SQLite, the city's embedded database, which pytest-django keeps in this process's memory:
# here every side is its own process on one database file, as in production (WAL, BEGIN IMMEDIATE).
SQLITE_SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from lvxie.accounts.choices import Role
from lvxie.dataio import services
from lvxie.dataio.models import ImportJob
from tests.dataio import files
from tests.factories import LawFirmFactory, lawyer_licence, make_user, region_tree

futian = region_tree()["futian"]
firm = LawFirmFactory(name="福田律师事务所", region=futian)
user = make_user(Role.DISTRICT_ADMIN, region=futian, username="futian")
rows = [[f"王{i}", "男", lawyer_licence(9800 + i), "", firm.credit_code, 2015, ""] for i in range(3)]
data = files.xlsx(files.LAWYER_HEADERS, rows)
job = services.import_start(actor=user, kind="lawyers", filename="l.xlsx", content=data)
services._enqueue = lambda job, commit: None  # the commit is left to the worker process
services.import_commit(actor=user, job=ImportJob.objects.get(pk=job.pk))
print(job.pk)
"""

SQLITE_WEB = """
import sys, time
import django
django.setup()
from lvxie.accounts.models import User
from lvxie.dataio import services
from lvxie.dataio.models import ImportJob
from lvxie.registry.models import Lawyer

user = User.objects.get(username="futian")
started = time.monotonic()
job = services.import_recover(actor=user, job=ImportJob.objects.get(pk=int(sys.argv[1])))
waited = time.monotonic() - started
if sys.argv[2] == "commit" and job.can_commit:
    job = services.import_commit(actor=user, job=job)
print(job.status, round(waited, 1), Lawyer.objects.count(), bool(job.report.get("interrupted")))
"""


def test_on_sqlite_a_worker_killed_while_saving_saves_nothing_and_the_job_can_be_saved_again(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lvxie.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "lvxie.config.settings.test",
        "LVXIE_VAR_DIR": str(tmp_path),
    }

    def run(script, *args):
        done = subprocess.run(
            [sys.executable, "-c", script, *map(str, args)],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.split()

    # given a checked job whose commit a worker process has taken and is saving
    [job_id] = run(SQLITE_SETUP)
    marker = tmp_path / "saving"
    worker = subprocess.Popen([sys.executable, "-c", WORKER, job_id, str(marker)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None and time.monotonic() < deadline, "the worker never got to saving"
            time.sleep(0.2)
        time.sleep(1.5)  # its lease has run out
        # when the job page asks meanwhile, then it answers at once, leaving the job to its live worker
        status, waited, lawyers, _note = run(SQLITE_WEB, job_id, "look")
        assert status == JobStatus.COMMITTING and float(waited) < 5 and lawyers == "0"
        # and when the worker is killed in the middle of its transaction
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    # then nothing was saved, the job says so, and saving it again saves every row
    status, _waited, lawyers, note = run(SQLITE_WEB, job_id, "look")
    assert (status, lawyers, note) == (JobStatus.PREVIEWED, "0", "True")
    assert run(SQLITE_WEB, job_id, "commit")[::2] == [JobStatus.COMMITTED, "3"]
