"""Production: PostgreSQL, HTTPS only, secrets from the environment (SECRET_KEY, DATABASE_URL,
LVXIE_AUDIT_KEY or LVXIE_AUDIT_KEY_FILE)."""

from django.core.exceptions import ImproperlyConfigured

from lvxie.audit.chain import AUDIT_KEY_MIN_LENGTH

from .base import *  # noqa: F403
from .base import LVXIE_AUDIT_KEY, env_bool, env_int

if len(LVXIE_AUDIT_KEY) < AUDIT_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"Set LVXIE_AUDIT_KEY or LVXIE_AUDIT_KEY_FILE to a secret of at least {AUDIT_KEY_MIN_LENGTH} "
        "characters, kept outside the database: without it the audit chain can be rewritten undetected."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
