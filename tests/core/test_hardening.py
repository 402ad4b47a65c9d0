"""Web hardening (GB/T 22239-2019 8.1.4.4 intrusion prevention, 8.1.4.7 data integrity): deployment
settings, security headers, CSRF on every state change, request size limits, logs without secrets."""

import io
import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lvxie.core.logging import SafeFormatter
from tests.api.conftest import make_token

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lvxie.config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "LVXIE_AUDIT_KEY": secrets.token_urlsafe(48),
    "DATABASE_URL": "sqlite:///:memory:",
    "ALLOWED_HOSTS": "lvxie.example.cn",
}


def _production(tmp_path, *args):
    # Only what production would have: nothing the test run itself set (DEBUG from the demo settings...)
    env = {"PATH": os.environ["PATH"], **PRODUCTION_ENV, "LVXIE_VAR_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = _production(tmp_path, "-m", "lvxie.cli", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import django; django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
r = Client().get("/healthz", secure=True, HTTP_HOST="lvxie.example.cn")
print(r.status_code, r.headers.get("Strict-Transport-Security"))
print(Client().get("/healthz", HTTP_HOST="lvxie.example.cn").status_code)
from django.conf import settings
print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.LVXIE_ALLOW_SUPERUSER_LOGIN)
"""


def test_production_sends_hsts_secure_cookies_and_redirects_to_https(tmp_path):
    result = _production(tmp_path, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    https, http, cookies = result.stdout.splitlines()
    assert https == "200 max-age=31536000; includeSubDomains; preload"
    assert http == "301"
    assert cookies == "True True False"


def test_weakened_settings_are_reported_by_the_deployment_check(settings):
    settings.LVXIE_PASSWORD_MIN_LENGTH = 6
    settings.LVXIE_SESSION_IDLE_MINUTES = 120
    settings.LVXIE_ALLOW_SUPERUSER_LOGIN = True
    ids = [m.id for m in run_checks(include_deployment_checks=True, tags=["security"])]
    assert ids.count("lvxie.W001") == 2 and "lvxie.E001" in ids


def test_security_headers_on_every_page(client, world):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp


def test_pages_and_api_answers_with_personal_data_are_not_cached(client, world):
    client.force_login(world["users"]["futian"])
    for url in (
        reverse("registry:lawyer_detail", args=[world["ft_lawyer"].pk]),
        reverse("registry:lawyer_list"),
        "/api/v1/lawyers",
    ):
        assert client.get(url)["Cache-Control"] == "no-store", url


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_no_page_is_exempt_from_csrf():
    # The API's views are exempt at Django's level and check CSRF themselves for session callers
    # (lvxie.config.api.SessionCsrfAuth): tested below.
    exempt = [
        route
        for route, entry in _patterns()
        if getattr(entry.callback, "csrf_exempt", False) and not route.startswith("api/")
    ]
    assert exempt == []


def test_state_changes_without_a_csrf_token_are_refused(world, firm_payload):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["sysadmin"])
    assert client.post(reverse("access:user_list"), {"username": "x"}).status_code == 403
    assert client.post(reverse("accounts:logout")).status_code == 403
    assert client.post(reverse("accounts:password_change"), {}).status_code == 403
    client.force_login(world["users"]["futian"])
    assert client.post(reverse("registry:firm_create"), {}).status_code == 403
    response = client.post("/api/v1/firms", firm_payload, content_type="application/json")
    assert response.status_code == 403
    assert Client(enforce_csrf_checks=True).post(reverse("accounts:login"), {}).status_code == 403


def test_oversized_requests_are_refused(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client.force_login(world["users"]["futian"])
    url = reverse("registry:firm_create")
    assert client.post(url, {"name": "x" * 20_000}).status_code == 413  # too large (test_requests.py)
    assert client.post(url, {f"f{i}": "1" for i in range(100)}).status_code == 400


def test_log_lines_escape_control_characters_and_redact_secrets():
    formatter = SafeFormatter("%(message)s")
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "user %s logged in\nFAKE second line; password=%s; %s", None, None
    )
    record.args = ("zhang\r\n", "hunter2-Secret", "Authorization: Bearer lvx_abcdefghijklmnop")
    line = formatter.format(record)
    assert "\n" not in line and "\r" not in line and "\\n" in line
    assert "hunter2" not in line and "lvx_abcdefghijklmnop" not in line


def test_no_secret_reaches_the_logs_in_a_real_session(client, world, caplog):
    key, _token = make_token(world["users"]["futian"])
    handler = logging.StreamHandler(stream := io.StringIO())
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        with caplog.at_level(logging.DEBUG):
            client.post(reverse("accounts:login"), {"username": "futian", "password": "wrong-Secret-1"})
            client.post(reverse("accounts:login"), {"username": "futian", "password": "pw-Test-12345"})
            Client().get("/api/v1/firms/999999", headers={"authorization": f"Bearer {key}"})
            Client().get("/api/v1/firms", headers={"authorization": f"Bearer {key}x"})
            client.get("/no-such-page/?password=leak-Secret-2")
            raw = " ".join(r.getMessage() for r in caplog.records)
            # A careless log call: the formatter still keeps the secrets out of the written line
            logging.getLogger("lvxie").warning("token %s password=%s", key, "leak-Secret-3")
    finally:
        logging.getLogger().removeHandler(handler)
    written = stream.getvalue()
    assert written  # something was logged
    for secret in ("wrong-Secret-1", "pw-Test-12345", key, "leak-Secret-2", "leak-Secret-3"):
        assert secret not in written
    assert "pw-Test-12345" not in raw and "wrong-Secret-1" not in raw and key not in raw


@pytest.fixture
def firm_payload(regions):
    from tests.factories import credit_code

    return {"name": "新律所", "kind": "partnership", "credit_code": credit_code(900002), "region": "440304"}


def test_client_address_behind_a_trusted_proxy_comes_from_x_forwarded_for(client, world, settings):
    from lvxie.audit.models import AuditEvent

    def failed_login_ip(**headers):
        client.post(reverse("accounts:login"), {"username": "futian", "password": "x"}, **headers)
        return AuditEvent.objects.filter(action="auth.login_failed").latest("id").ip

    # Without trusted proxies the header is ignored: a client cannot pick its own address
    assert failed_login_ip(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4") == "10.0.0.1"
    # Behind our proxy: the nearest address the proxy saw, not a forged one further left
    settings.LVXIE_TRUSTED_PROXIES = frozenset({"10.0.0.1"})
    headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 172.16.5.9"}
    assert failed_login_ip(**headers) == "172.16.5.9"
    assert failed_login_ip(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="junk") == "10.0.0.1"
