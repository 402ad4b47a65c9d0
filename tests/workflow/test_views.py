"""The staff calendar page and its API pair: anonymous callers are sent to log in (page) or refused
(API), city staff read and change it, everyone else finds nothing there (404)."""

import datetime as dt

import pytest

from lvxie.audit.models import AuditEvent
from lvxie.workflow.models import WorkdayOverride, WorkdayYear

MATRIX_URLS = ["workflow:workdays", "workflow:workdays_now", "api:workdays_get", "api:workdays_confirm"]
API = "/api/v1"
OTHERS = ("futian", "firm", "lawyer", "auditor", "nobody")


def test_anonymous_callers_are_sent_to_log_in_and_the_api_refuses_them(client, world):
    for url in ("/workflow/workdays/", "/workflow/workdays/2026/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    assert client.post("/workflow/workdays/2026/", {"do": "confirm"}).status_code == 302
    assert client.get(f"{API}/workdays/2026").status_code == 401
    assert client.post(f"{API}/workdays/2026/confirm").status_code in (401, 403)
    assert not WorkdayYear.objects.exists()


def test_city_staff_see_the_year_in_chinese_and_confirm_it(client, world):
    client.force_login(world["users"]["city"])
    page = client.get("/workflow/workdays/2026/").content.decode()
    assert "2026 年工作日" in page and "暂定" in page and "国庆节" in page and "2026-10-10" in page
    response = client.post("/workflow/workdays/2026/", {"do": "confirm"})
    assert response.status_code == 302
    assert WorkdayYear.objects.get(year=2026).confirmed_by == world["users"]["city"]
    assert "已由" in client.get("/workflow/workdays/2026/").content.decode()


def test_city_staff_add_and_remove_an_override(client, world):
    client.force_login(world["users"]["city"])
    response = client.post(
        "/workflow/workdays/2027/", {"do": "set", "date": "2027-02-20", "kind": "work", "note": "调休上班"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/workflow/workdays/2027/")
    assert WorkdayOverride.objects.get(date=dt.date(2027, 2, 20)).created_by == world["users"]["city"]
    assert "调休上班" in client.get("/workflow/workdays/2027/").content.decode()
    assert (
        client.post("/workflow/workdays/2027/", {"do": "set", "date": "nope", "kind": "work"}).status_code
        == 400
    )
    client.post("/workflow/workdays/2027/", {"do": "remove", "date": "2027-02-20"})
    assert not WorkdayOverride.objects.exists()
    assert AuditEvent.objects.filter(action="workdays.override_remove").count() == 1


@pytest.mark.parametrize("name", OTHERS)
def test_everyone_else_finds_nothing_there(client, world, name):
    client.force_login(world["users"][name])
    assert client.get("/workflow/workdays/2026/").status_code == 404
    assert client.post("/workflow/workdays/2026/", {"do": "confirm"}).status_code == 404
    assert client.get(f"{API}/workdays/2026").status_code == 404
    assert client.post(f"{API}/workdays/2026/confirm").status_code == 404
    assert not WorkdayYear.objects.exists()


def test_the_api_gives_the_calendar_and_confirms_it(client, world):
    client.force_login(world["users"]["city"])
    body = client.get(f"{API}/workdays/2026").json()
    assert body["confirmed"] is False
    assert {"date": "2026-10-10", "name": "调休上班", "source": "package"} in body["working_days"]
    assert any(day["date"] == "2026-10-07" for day in body["days_off"])
    confirmed = client.post(f"{API}/workdays/2026/confirm").json()
    assert confirmed["confirmed"] is True and confirmed["confirmed_by"]
    assert client.get(f"{API}/workdays/1800").status_code == 404
