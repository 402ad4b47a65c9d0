"""Benchmark settings: production settings, served over plain HTTP on loopback, plus the bare views."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("LVXIE_AUDIT_KEY", "bench-only-audit-key-not-secret-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")


def _redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    import socket

    try:
        socket.create_connection((host, port), timeout=0.2).close()
    except OSError:
        return False
    return True


# Production runs with a shared cache (CACHE_URL): the benchmark uses the local Redis when one answers,
# its own database number, so that the cached scope, unread count, navigation and sessions are measured.
if "CACHE_URL" not in os.environ and _redis_answers():
    os.environ["CACHE_URL"] = "redis://127.0.0.1:6379/9"

from lvxie.config.settings.production import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# The benchmark imports a 100,000-row spreadsheet (about 6 MB) in one go.
LVXIE_IMPORT_LIMITS = {"max_rows": 200_000, "max_bytes": 50 * 1024 * 1024}
