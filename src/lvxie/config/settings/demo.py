"""The demo city on SQLite: `make demo`. A secret key and an audit key generated once into var/. DEBUG
stays off (as in production): a demo user sees the translated error pages, never Django's debug pages with the
URL list or a traceback; WhiteNoise serves the static files straight from the apps all the same."""

import os
import secrets
from pathlib import Path

_var = Path(os.environ.get("LVXIE_VAR_DIR", Path(__file__).resolve().parents[4] / "var"))
_var.mkdir(parents=True, exist_ok=True)
_key_file = _var / "secret_key"
if not _key_file.exists():
    _key_file.write_text(secrets.token_urlsafe(50))
    _key_file.chmod(0o600)
os.environ.setdefault("SECRET_KEY", _key_file.read_text().strip())
_audit_key_file = _var / "audit_key"
if not _audit_key_file.exists():
    _audit_key_file.write_text(secrets.token_urlsafe(48))
    _audit_key_file.chmod(0o600)
if not os.environ.get("LVXIE_AUDIT_KEY"):
    os.environ.setdefault("LVXIE_AUDIT_KEY_FILE", str(_audit_key_file))

from .base import *  # noqa: E402,F403

# Static files come straight from the apps (no collectstatic step outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = VAR_DIR / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
