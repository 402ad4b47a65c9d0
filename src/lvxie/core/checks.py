"""Deployment checks (`lvxie check --deploy`): the security baseline's settings may be tightened from the
environment, never loosened below the 等保 level 3 profile without a warning."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

# (setting, the weakest value the baseline allows, whether larger is stricter)
BASELINE = [
    ("LVXIE_PASSWORD_MIN_LENGTH", 8, True),
    ("LVXIE_PASSWORD_MIN_CLASSES", 3, True),
    ("LVXIE_PASSWORD_HISTORY", 5, True),
    ("LVXIE_PASSWORD_MAX_AGE_DAYS", 90, False),
    ("LVXIE_LOCKOUT_FAILURES", 5, False),
    ("LVXIE_LOCKOUT_MINUTES", 30, True),
    ("LVXIE_ADMIN_TOKEN_DAYS", 30, False),
    ("LVXIE_SESSION_IDLE_MINUTES", 30, False),
    ("LVXIE_ADMIN_IDLE_MINUTES", 15, False),
    ("LVXIE_SESSION_MAX_HOURS", 12, False),
    ("LVXIE_AUDIT_RETENTION_DAYS", 180, True),
]


@register(Tags.security, deploy=True)
def security_baseline(app_configs, **kwargs):
    problems: list[CheckMessage] = []
    for name, weakest, larger_is_stricter in BASELINE:
        value = getattr(settings, name)
        weaker = value < weakest if larger_is_stricter else (value > weakest or value <= 0)
        if weaker:
            problems.append(
                Warning(
                    f"{name}={value} is weaker than the security baseline ({weakest}).",
                    hint="See docs/security.md; set it in the environment.",
                    id="lvxie.W001",
                )
            )
    if settings.LVXIE_ALLOW_SUPERUSER_LOGIN:
        problems.append(
            Error(
                "LVXIE_ALLOW_SUPERUSER_LOGIN is on: a superuser bypasses the separation of duties.",
                id="lvxie.E001",
            )
        )
    return problems
