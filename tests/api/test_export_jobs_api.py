"""The API of large exports: a list longer than LVXIE_EXPORT_DIRECT_ROWS answers 202 with its job; the
job and its file are its creator's alone (others 404, anonymous 401). What the job does is tested in
tests/dataio/test_export_jobs.py."""

import pytest

from tests.api.conftest import API
from tests.downloads import rows_of

MATRIX_URLS = ["api:export_jobs", "api:export_job", "api:export_job_file"]


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.LVXIE_EXPORT_DIRECT_ROWS = 1
    settings.MEDIA_ROOT = tmp_path


def test_the_api_answers_a_long_list_with_its_job(as_user, client, world):
    assert client.get(f"{API}/export-jobs").status_code == 401
    api = as_user(world["users"]["city"])
    response = api.get(f"{API}/exports/lawyers", {"format": "csv"})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "done" and body["list"] == "lawyers" and body["format"] == "csv"
    assert body["total_rows"] == 2 and body["size"] > 0
    assert api.get(f"{API}/export-jobs/{body['id']}").json() == body
    assert [job["id"] for job in api.get(f"{API}/export-jobs").json()] == [body["id"]]
    file = api.get(body["file_url"])
    assert file.status_code == 200 and len(rows_of(file)) == 3
    # Another user: 404 for the job and its file, and an empty list
    other = as_user(world["users"]["futian"])
    assert other.get(f"{API}/export-jobs/{body['id']}").status_code == 404
    assert other.get(body["file_url"]).status_code == 404
    assert other.get(f"{API}/export-jobs").json() == []
