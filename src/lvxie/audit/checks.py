"""Deployment check (`lvxie check --deploy`): the audit chain needs its key."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .chain import AUDIT_KEY_MIN_LENGTH


@register(Tags.security, deploy=True)
def audit_key_present(app_configs, **kwargs):
    key = settings.LVXIE_AUDIT_KEY
    if len(key) >= AUDIT_KEY_MIN_LENGTH and key != settings.SECRET_KEY:
        return []
    problem = "is missing or too short" if len(key) < AUDIT_KEY_MIN_LENGTH else "equals SECRET_KEY"
    return [
        Error(
            f"LVXIE_AUDIT_KEY {problem}: whoever can write the database could rewrite the audit chain "
            "undetected.",
            hint=f"Set LVXIE_AUDIT_KEY or LVXIE_AUDIT_KEY_FILE to its own secret of at least "
            f"{AUDIT_KEY_MIN_LENGTH} characters, kept outside the database (docs/security.md).",
            id="audit.E001",
        )
    ]
