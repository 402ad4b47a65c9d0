"""Settings shared by every environment; each value that differs comes from the environment."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lvxie.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/lvxie
BASE_DIR = PACKAGE_DIR.parents[1]  # the checkout
VAR_DIR = Path(env_str("LVXIE_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI's files locally; without it /api/docs loads them from a CDN
    "lvxie.core",
    "lvxie.audit",
    "lvxie.accounts",
    "lvxie.registry",
    "django_tasks",
    "django_tasks_db",
    "lvxie.dataio",
    "lvxie.public",
    "lvxie.party",
    "lvxie.access",
    "lvxie.notifications",
    "lvxie.workflow",
    "lvxie.notices",
    "lvxie.ledgers",
    "lvxie.calls",
    "lvxie.orglife",
    "lvxie.complaints",
    "lvxie.discipline",
    "lvxie.secretary_reports",
    "lvxie.commendations",
    "lvxie.recruitment",
    "lvxie.home",
    "lvxie.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lvxie.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lvxie.core.middleware.RequestGuardMiddleware",
    "lvxie.accounts.middleware.SessionPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lvxie.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "lvxie.config.urls"
WSGI_APPLICATION = "lvxie.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lvxie.access.context_processors.scope",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lvxie.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN so the
    # audit chain's "read last hash, append" cannot interleave between two writers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = ["lvxie.accounts.backends.LockoutBackend"]

# The password policy profile (docs/security.md). Production defaults: 8 characters, 3 of 4 classes,
# not the username, not a common password, not one of the last 5, changed every 90 days.
LVXIE_PASSWORD_MIN_LENGTH = env_int("LVXIE_PASSWORD_MIN_LENGTH", 8)
LVXIE_PASSWORD_MIN_CLASSES = env_int("LVXIE_PASSWORD_MIN_CLASSES", 3)
LVXIE_PASSWORD_HISTORY = env_int("LVXIE_PASSWORD_HISTORY", 5)
LVXIE_PASSWORD_MAX_AGE_DAYS = env_int("LVXIE_PASSWORD_MAX_AGE_DAYS", 90)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": LVXIE_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "lvxie.accounts.passwords.CharacterClassesValidator",
        "OPTIONS": {"min_classes": LVXIE_PASSWORD_MIN_CLASSES},
    },
    {"NAME": "lvxie.accounts.passwords.NotUsernameValidator"},
    {
        "NAME": "lvxie.accounts.passwords.PasswordHistoryValidator",
        "OPTIONS": {"count": LVXIE_PASSWORD_HISTORY},
    },
]

# Addresses of our own reverse proxies: behind them the client's address comes from X-Forwarded-For.
LVXIE_TRUSTED_PROXIES = frozenset(env_list("LVXIE_TRUSTED_PROXIES", ""))

# Failed log-ins of one account name (passwords, one-time codes, the current password when changing it):
# this many in a row lock the account for this long. Only a completed log-in ends the run.
LVXIE_LOCKOUT_FAILURES = env_int("LVXIE_LOCKOUT_FAILURES", 5)
LVXIE_LOCKOUT_MINUTES = env_int("LVXIE_LOCKOUT_MINUTES", 30)
# Failed log-ins from one client address (a whole office may share one) never lock it: past this many, with
# no quiet spell of LVXIE_ADDRESS_QUIET_MINUTES between them, each failure makes the address wait, from one
# second, doubling, up to LVXIE_ADDRESS_MAX_DELAY_SECONDS.
LVXIE_ADDRESS_FREE_FAILURES = env_int("LVXIE_ADDRESS_FREE_FAILURES", 20)
LVXIE_ADDRESS_QUIET_MINUTES = env_int("LVXIE_ADDRESS_QUIET_MINUTES", 15)
LVXIE_ADDRESS_MAX_DELAY_SECONDS = env_int("LVXIE_ADDRESS_MAX_DELAY_SECONDS", 60)
# API tokens of accounts that log in with a one-time code expire after at most this many days.
LVXIE_ADMIN_TOKEN_DAYS = env_int("LVXIE_ADMIN_TOKEN_DAYS", 30)
# Sessions end after this long idle (shorter for the administrator roles) and this long after log-in.
LVXIE_SESSION_IDLE_MINUTES = env_int("LVXIE_SESSION_IDLE_MINUTES", 30)
LVXIE_ADMIN_IDLE_MINUTES = env_int("LVXIE_ADMIN_IDLE_MINUTES", 15)
LVXIE_SESSION_MAX_HOURS = env_int("LVXIE_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = LVXIE_SESSION_MAX_HOURS * 3600
# Administrator roles must log in with a one-time code (TOTP); others may turn it on.
LVXIE_TOTP_ISSUER = env_str("LVXIE_TOTP_ISSUER", "lvxie")
# Superusers bypass every role check: refused at log-in unless a deployment explicitly allows them.
LVXIE_ALLOW_SUPERUSER_LOGIN = env_bool("LVXIE_ALLOW_SUPERUSER_LOGIN", False)
# Who computes a user's scope from their role assignments: core/scoping.py imports no app, so it is told here
# (a dotted path, resolved once).
LVXIE_SCOPE_PROVIDER = "lvxie.access.selectors.cached_scope_for_user"
# "direct": the security administrator and owner-side administrators give data roles themselves;
# "two_person": a person's data-role grant waits for a second person with authority over the scope
# (access/policies.py, docs/security.md).
LVXIE_ROLE_GRANT_APPROVAL = env_str("LVXIE_ROLE_GRANT_APPROVAL", "direct")
if LVXIE_ROLE_GRANT_APPROVAL not in {"direct", "two_person"}:
    raise ImproperlyConfigured("LVXIE_ROLE_GRANT_APPROVAL must be direct or two_person.")
# Audit events stay online at least this many days before `lvxie audit archive` may move them to a file
# (the database itself refuses to delete younger ones: audit/triggers.py).
LVXIE_AUDIT_RETENTION_DAYS = env_int("LVXIE_AUDIT_RETENTION_DAYS", 180)
# The audit chain's HMAC key, kept outside the database so that whoever can rewrite the table cannot
# recompute the chain: from a file (LVXIE_AUDIT_KEY_FILE, e.g. a mounted secret) or the environment.
_audit_key_file = env_str("LVXIE_AUDIT_KEY_FILE", "")
if _audit_key_file and env_str("LVXIE_AUDIT_KEY", ""):
    raise ImproperlyConfigured("Set LVXIE_AUDIT_KEY or LVXIE_AUDIT_KEY_FILE, not both.")
LVXIE_AUDIT_KEY = (
    Path(_audit_key_file).read_text().strip() if _audit_key_file else env_str("LVXIE_AUDIT_KEY", "")
)
# Where archives, signed checkpoints and the events a restore erased are written: a directory the
# database's users cannot rewrite (another owner, append-only or write-once storage).
LVXIE_AUDIT_ARCHIVE_DIR = Path(env_str("LVXIE_AUDIT_ARCHIVE_DIR", str(VAR_DIR / "audit-archive")))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "lvxie.core.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Request size limits: bodies, form fields, and uploads kept in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 20)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# Every page sits behind log-in: a session cookie that the browser drops on close is one less to steal.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Every asset is served from our own origin; ECharts needs inline styles on its canvas.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Exports of more rows than this are written in the background (a job with progress, then a file kept
# LVXIE_EXPORT_KEEP_HOURS for its creator): a response never runs long enough to meet a worker timeout.
LVXIE_EXPORT_DIRECT_ROWS = env_int("LVXIE_EXPORT_DIRECT_ROWS", 20_000)
LVXIE_EXPORT_KEEP_HOURS = env_int("LVXIE_EXPORT_KEEP_HOURS", 24)

# Background work (imports, large exports): rows in the database, run by `lvxie db_worker`.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Shared by every worker process (the public look-up's rate limit lives here): the database by default,
# or Redis with CACHE_URL=redis://host:6379/0.
_cache_url = env_str("CACHE_URL", "")
_redis = {"BACKEND": "lvxie.core.redis_cache.RedisCache", "LOCATION": _cache_url}
CACHES = {
    "default": _redis
    if _cache_url.startswith("redis")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lvxie_cache"},
    # Per-user figures of every signed-in page (lvxie.core.request_cache): only in a shared, fast cache.
    "request": {**_redis, "KEY_PREFIX": "request"}
    if _cache_url.startswith("redis")
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # An import's progress while its save holds the job's row and its connection (lvxie.dataio.services):
    # seen by every process with Redis; without it, only by the process running the import.
    "progress": {**_redis, "KEY_PREFIX": "progress"}
    if _cache_url.startswith("redis")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lvxie-progress"},
}
if _cache_url.startswith("redis"):
    # Sessions read from Redis, written through to the database (a Redis restart logs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PUBLIC_LOOKUP_RATE = env_str("PUBLIC_LOOKUP_RATE", "30/60")  # requests / seconds, per address

LVXIE_PAGE_SIZE = env_int("LVXIE_PAGE_SIZE", 25)
# Working days before a deadline that it counts as due soon: one figure for every reminder and clock.
LVXIE_DUE_SOON_WORKING_DAYS = env_int("LVXIE_DUE_SOON_WORKING_DAYS", 3)
# Uploaded attachments, replies and evidence (lvxie.core.uploads); the request limit must allow them.
LVXIE_UPLOAD_MAX_BYTES = env_int("LVXIE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Prefix of links in e-mailed notifications, e.g. "https://lvxie.example.org".
LVXIE_SITE_URL = env_str("LVXIE_SITE_URL", "")
# Coverage shown to roles outside the Party side: no firm, and no group of lawyers, smaller than this
# (a firm of one lawyer "in a joint branch" names a member). See lvxie.party.coverage.
LVXIE_COVERAGE_MIN_LAWYERS = env_int("LVXIE_COVERAGE_MIN_LAWYERS", 10)
# The world map of overseas offices: a GeoJSON file on the server that replaces the bundled
# vendor/world.json. A public deployment in China must use an approved map (审图号) and show its number
# (LVXIE_MAP_APPROVAL, e.g. "GS(2024)0650号"); see docs/deployment-maps.md.
LVXIE_WORLD_GEOJSON = env_str("LVXIE_WORLD_GEOJSON", "")
LVXIE_MAP_APPROVAL = env_str("LVXIE_MAP_APPROVAL", "")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "lvxie@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line through one formatter that escapes control characters and redacts secrets.
    "formatters": {"safe": {"()": "lvxie.core.logging.SafeFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "safe"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
