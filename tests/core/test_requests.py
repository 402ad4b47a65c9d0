"""Malformed requests (GB/T 22239-2019 8.1.4.4 input validation): given a request the server cannot read,
when it arrives on a page or the API, then the answer is a clear 4xx in the user's language (413 for too
large, 400 for malformed), a page for pages and `{"detail", "code"}` for the API, and nothing changes."""

import http.client
import json
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from lvxie.registry.models import LawFirm
from tests.factories import credit_code

CJK = "\u4e00-\u9fff"
BIG = 6 * 1024 * 1024  # above DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB)


def _json_body(size: int = 10) -> bytes:
    code = credit_code(900003)
    payload = {"name": "新" * size, "kind": "partnership", "credit_code": code, "region": "440304"}
    return json.dumps(payload, ensure_ascii=False).encode()


@pytest.fixture
def futian(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"]["futian"])
    return client


def _chinese(text: str) -> bool:
    import re

    return re.search(f"[{CJK}]", text) is not None


def test_an_api_body_over_the_limit_gets_413_in_json_in_the_users_language(futian):
    response = futian.post("/api/v1/firms", _json_body(BIG // 3), content_type="application/json")
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_large" and "5.0\xa0MB" in body["detail"] and _chinese(body["detail"])
    english = futian.post(
        "/api/v1/firms", _json_body(BIG // 3), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 413 and english.json()["detail"] == "The request is larger than 5.0\xa0MB."
    assert not LawFirm.objects.filter(credit_code=credit_code(900003)).exists()


def test_a_form_over_the_limit_gets_a_413_page(futian, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = futian.post(reverse("registry:firm_create"), {"name": "x" * 20_000})
    assert response.status_code == 413 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "请求过大" in page and "主菜单" in page  # the error page, with the user's menu


@pytest.mark.parametrize("url", ["/firms/new/", "/api/v1/firms"])
def test_a_multipart_request_without_a_boundary_gets_400(futian, url):
    response = futian.post(url, b"--x\r\n\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["code"] == "bad_form" and _chinese(response.json()["detail"])
    else:
        assert "无法读取" in response.content.decode()


def test_a_multipart_boundary_that_is_not_ascii_gets_400(futian):
    response = futian.post("/firms/new/", b"x", content_type="multipart/form-data; boundary=\u4e2d")
    assert response.status_code == 400


def test_broken_json_gets_400_with_a_code_and_a_translated_message(futian):
    response = futian.post("/api/v1/firms", b'{"name": ', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求内容不是有效的 JSON。", "code": "malformed_body"}


def test_a_content_length_that_is_not_a_number_gets_400(futian):
    response = futian.post(
        reverse("registry:firm_create"),
        b"a=1",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="abc",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/public/?q=%E5%BC%A0%00", "/firms/?q=%00", "/api/v1/firms?q=a%00b"])
def test_a_nul_character_in_the_query_string_gets_400(futian, url):
    # PostgreSQL cannot hold NUL in text: without the check the look-up's query ends in a 500 there.
    assert futian.get(url).status_code == 400


def test_a_nul_character_in_a_json_body_gets_400_and_nothing_is_saved(futian):
    body = _json_body().replace("新".encode(), b"\\u0000", 1)
    response = futian.post("/api/v1/firms", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "nul_character"
    assert not LawFirm.objects.filter(credit_code=credit_code(900003)).exists()
    # An escaped backslash before "u0000" is text, not NUL: the record's own validation judges it
    text = _json_body().replace("新".encode(), b"\\\\u0000", 1)
    assert futian.post("/api/v1/firms", text, content_type="application/json").status_code == 422


def test_bad_utf8_in_the_query_string_is_read_not_refused(futian):
    assert futian.get("/public/?q=%ff%fe").status_code == 200


def test_a_host_that_is_not_allowed_gets_a_translated_400_page(futian):
    response = futian.get("/firms/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "无法理解" in response.content.decode()


def test_the_live_server_refuses_a_large_body_with_413_too(live_server, audit_purge, world):
    # Through a real socket (the WSGI server, not the test client's shortcut): the refusal arrives
    # whole, the connection is not reset, and the client can read it.
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    body = _json_body(BIG // 3)
    connection.request(
        "POST",
        "/api/v1/firms",
        body=body,
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    response = connection.getresponse()
    assert response.status == 413
    expected = {"detail": "The request is larger than 5.0\xa0MB.", "code": "too_large"}
    assert json.loads(response.read()) == expected
