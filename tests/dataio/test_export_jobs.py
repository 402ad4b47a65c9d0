"""Large exports (dataio): given a list longer than LVXIE_EXPORT_DIRECT_ROWS, when it is exported from a
page or the API, then a background job writes the file with its progress, in its creator's scope and
language, the creator alone downloads it (others 404), every download is audited, and the file is deleted
after its time. Tests run tasks at once (the immediate backend), so the job has ended when the request
returns; the progress bar is tested on a job left waiting."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from lvxie.dataio import services
from lvxie.dataio.choices import ExportStatus
from lvxie.dataio.models import ExportJob
from tests.downloads import rows_of
from tests.factories import LawyerFactory

MATRIX_URLS = [
    "dataio:export_list",
    "dataio:export_detail",
    "dataio:export_progress",
    "dataio:export_file",
]


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    """Any list of more than one row goes to the background; files land in a temporary media root."""
    settings.LVXIE_EXPORT_DIRECT_ROWS = 1
    settings.MEDIA_ROOT = tmp_path


def _export(client, user, fmt="csv", **query):
    client.force_login(user)
    return client.get(reverse("dataio:export", args=["lawyers"]), {"format": fmt, **query})


def test_a_long_list_is_written_in_the_background_then_downloaded(client, world, settings):
    # Given the city administrator, whose list holds both districts' lawyers
    city = world["users"]["city"]
    # When they export it, they are taken to the export's page, not given a file
    response = _export(client, city)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == ExportStatus.DONE and job.total_rows == job.processed_rows == 2
    # Then the page offers the file, and the file holds what the direct export holds
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("dataio:export_file", args=[job.pk]) in page and "24" in page
    background = rows_of(client.get(reverse("dataio:export_file", args=[job.pk])))
    settings.LVXIE_EXPORT_DIRECT_ROWS = 1000
    direct = rows_of(_export(client, city))
    assert background == direct and {row[0] for row in background[1:]} == {"張斌", "刘伟东"}
    # And the start (with its job) and the download are in the audit log
    started = AuditEvent.objects.filter(action="export.download").first()
    assert started is not None and started.after["rows"] == 2
    assert AuditEvent.objects.filter(action="export.download", after__job=job.pk).exists()
    assert AuditEvent.objects.filter(action="export.file_download", object_id=str(job.pk)).count() == 1
    # And "My exports" lists it
    assert job.filename in client.get(reverse("dataio:export_list")).content.decode()


def test_the_worker_writes_in_the_scope_filters_and_language_of_the_start(world):
    # Given the city administrator exporting in English, filtered to one name, as .xlsx
    with translation.override("en"):
        _table, count, job = services.export_start(
            actor=world["users"]["city"], what="lawyers", query={"q": "张斌"}, fmt="xlsx"
        )
    assert count == 1 and job is None  # one row: sent at once
    with translation.override("en"):
        _table, count, job = services.export_start(
            actor=world["users"]["city"], what="lawyers", query={}, fmt="xlsx"
        )
    assert job is not None and job.language == "en"
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        sheet = load_workbook(handle).active
        assert sheet["A1"].value == "Name" and sheet.max_row == 3
    # And the district administrator's own export holds their district only
    futian = world["users"]["futian"]
    _table, count, job = services.export_start(actor=futian, what="lawyers", query={}, fmt="csv")
    assert count == 1 and job is None


def test_only_its_creator_sees_an_export(client, world):
    _export(client, world["users"]["city"])
    job = ExportJob.objects.get()
    urls = [
        reverse("dataio:export_detail", args=[job.pk]),
        reverse("dataio:export_progress", args=[job.pk]),
        reverse("dataio:export_file", args=[job.pk]),
    ]
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302
    for other in ("futian", "auditor", "nobody"):
        client.force_login(world["users"][other])
        for url in urls:
            assert client.get(url).status_code == 404
        assert job.filename not in client.get(reverse("dataio:export_list")).content.decode()
    assert not AuditEvent.objects.filter(action="export.file_download").exists()


def test_a_waiting_export_shows_its_progress(client, world):
    city = world["users"]["city"]
    job = ExportJob.objects.create(
        what="lawyers",
        fmt="csv",
        language="zh-hans",
        total_rows=10_000,
        processed_rows=2500,
        created_by=city,
        status=ExportStatus.RUNNING,
    )
    client.force_login(city)
    page = client.get(reverse("dataio:export_progress", args=[job.pk])).content.decode()
    assert 'value="25"' in page and "hx-get" in page and "2500 / 10000" in page
    # Its file is not there yet: 404, and nothing is audited
    assert client.get(reverse("dataio:export_file", args=[job.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="export.file_download").exists()


def test_a_second_worker_on_the_same_job_does_nothing(world):
    city = world["users"]["city"]
    _table, _count, job = services.export_start(actor=city, what="lawyers", query={}, fmt="csv")
    job.refresh_from_db()
    name = job.file.name
    again = services.export_run(job_id=job.pk)
    assert again.status == ExportStatus.DONE and again.file.name == name


def test_an_unmasked_export_is_allowed_again_when_its_worker_starts(client, world, exporter):
    # Given the holder of the permission, exporting unmasked with a reason: the file holds the values
    client.force_login(exporter)
    url = reverse("dataio:export_unmasked", args=["lawyers"])
    lawyer = world["ft_lawyer"]
    LawyerFactory(name="张二", firm=lawyer.firm)  # two rows in their district: written in the background
    response = client.post(url, {"format": "csv", "reason": "核查执业信息"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.unmasked and job.status == ExportStatus.DONE
    rows = rows_of(client.get(reverse("dataio:export_file", args=[job.pk])))
    assert [lawyer.id_number, lawyer.phone] in [row[-2:] for row in rows]
    # When the permission is gone before a worker takes the next one, it fails, saying why, and writes nothing
    waiting = ExportJob.objects.create(
        what="lawyers",
        fmt="csv",
        language="zh-hans",
        unmasked=True,
        total_rows=2,
        created_by=world["users"]["city"],
    )
    ended = services.export_run(job_id=waiting.pk)
    assert ended.status == ExportStatus.FAILED and ended.error == "你已不能导出此列表。" and not ended.file
    # And the reason is in the language the export was asked in
    english = ExportJob.objects.create(
        what="lawyers",
        fmt="csv",
        language="en",
        unmasked=True,
        total_rows=2,
        created_by=world["users"]["city"],
    )
    assert services.export_run(job_id=english.pk).error == "You may no longer export this list."


def test_files_are_deleted_after_their_time_and_silent_workers_fail(client, world, settings):
    _export(client, world["users"]["city"])
    job = ExportJob.objects.get()
    assert default_storage.exists(job.file.name)
    stalled = ExportJob.objects.create(
        what="lawyers",
        fmt="csv",
        language="zh-hans",
        total_rows=5,
        created_by=world["users"]["city"],
        status=ExportStatus.RUNNING,
    )
    ExportJob.objects.filter(pk=stalled.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    # Before its time, the file stays
    assert services.exports_expire(timezone.now()) == 1
    stalled.refresh_from_db()
    assert stalled.status == ExportStatus.FAILED and "停止" in stalled.error
    # After LVXIE_EXPORT_KEEP_HOURS, it is deleted, and its page says so
    later = timezone.now() + timedelta(hours=settings.LVXIE_EXPORT_KEEP_HOURS, minutes=1)
    name = job.file.name
    assert services.exports_expire(later) == 1
    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED and not job.file and not default_storage.exists(name)
    assert client.get(reverse("dataio:export_file", args=[job.pk])).status_code == 404
    assert "已在保存期满后删除" in client.get(job.get_absolute_url()).content.decode()
