"""Benchmark settings: production settings, served over plain HTTP on loopback, plus the bare views."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("LVXIE_AUDIT_KEY", "bench-only-audit-key-not-secret-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from lvxie.config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# The benchmark imports a 100,000-row spreadsheet (about 6 MB) in one go.
LVXIE_IMPORT_LIMITS = {"max_rows": 200_000, "max_bytes": 50 * 1024 * 1024}
