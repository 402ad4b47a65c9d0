"""The password policy's own rules, beside Django's length and common-password validators. The profile
(length, classes, history, maximum age) comes from settings: see `docs/security.md`."""

import string
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_CLASSES = (
    set(string.ascii_lowercase),
    set(string.ascii_uppercase),
    set(string.digits),
)


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password uses."""
    used = sum(1 for chars in _CLASSES if chars & set(password))
    return used + (1 if any(not any(c in chars for chars in _CLASSES) for c in password) else 0)


class CharacterClassesValidator:
    """At least `min_classes` of the four character classes."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_few_classes")

    def get_help_text(self) -> str:
        return _(
            "Your password must use at least %(count)d of: lower-case letters, upper-case letters, "
            "digits, other characters."
        ) % {"count": self.min_classes}


class NotUsernameValidator:
    """Not the username, nor the username reversed, nor containing it."""

    def validate(self, password: str, user=None) -> None:
        name = (getattr(user, "username", "") or "").lower()
        if name and (name in password.lower() or name[::-1] in password.lower()):
            raise ValidationError(self.get_help_text(), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("Your password must not contain your username.")


class PasswordHistoryValidator:
    """None of the user's last `count` passwords (the current one included)."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        hashes = [user.password, *user.password_history.values_list("password", flat=True)[: self.count]]
        if any(encoded and check_password(password, encoded) for encoded in hashes[: self.count]):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must differ from your last password.",
            "Your password must differ from your last %(count)d passwords.",
            self.count,
        ) % {"count": self.count}


def password_expired(user) -> bool:
    """True when the password is older than the policy's maximum age (0 means it never expires)."""
    days = settings.LVXIE_PASSWORD_MAX_AGE_DAYS
    return bool(days) and timezone.now() - user.password_changed_at > timedelta(days=days)
