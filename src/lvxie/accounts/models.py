import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. What they may see comes only from their role assignments (lvxie.access)."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    lawyer = models.OneToOneField(
        "registry.Lawyer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("lawyer record"),
    )
    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(_("password changed"), default=timezone.now)
    # Part of the session hash: changing it ends every session of the user at their next request.
    session_version = models.CharField(max_length=32, blank=True, default="", editable=False)
    totp_secret = models.CharField(max_length=64, blank=True, default="", editable=False)
    # The time step of the last code accepted: a code is good once (RFC 6238 section 5.2).
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def _get_session_auth_hash(self, secret=None):
        # Django's hash covers the password; ours also covers session_version (log out everywhere).
        return salted_hmac(
            "lvxie.accounts.User.session_auth_hash",
            self.password + self.session_version,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class ApiToken(models.Model):
    """A bearer token for another system. Only a hash is stored; the token is shown once. It may be limited
    to reading, and it ends at `expires_at` (always set for accounts that log in with a one-time code)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    read_only = models.BooleanField(_("read only"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "lvx_" + secrets.token_urlsafe(32)


class PasswordHistory(models.Model):
    """A hash of a password the user had, so the last few cannot be chosen again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class LoginThrottle(models.Model):
    """Failed log-ins of one account name or one client address. For an account, the consecutive failures
    and the lock they led to; for an address, the failures of its current spell and the short wait they
    impose (`locked_until`), never a lock."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("Account")
        ADDRESS = "address", _("Address")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=150)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_throttle_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
