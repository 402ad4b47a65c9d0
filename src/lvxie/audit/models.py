from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS_HASH, keyed_hash, legacy_hash, payload_of
from .choices import Result

__all__ = ["GENESIS_HASH", "ArchiveCheckpoint", "AuditEvent"]


class AuditEvent(models.Model):
    """One thing that changed or revealed protected data. Append-only (database triggers refuse
    UPDATE, DELETE and REPLACE) and chained: each row stores the keyed hash (HMAC-SHA256, key outside the
    database) of its fields and of the row before it, so altering or removing a row breaks the chain at
    that row (`lvxie audit verify`), even for someone who can rewrite the table but lacks the key."""

    created_at = models.DateTimeField(_("time"), db_index=True)
    # No FK constraint: deleting a user must not touch (or be blocked by) append-only rows.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    scope_path = models.CharField(_("scope path"), max_length=255, blank=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, default=Result.SUCCESS)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_repr}"

    def payload(self) -> dict:
        """The fields the hash covers (`chain.payload_of`)."""
        return payload_of(self)

    def compute_hash(self, key: bytes | None = None) -> str:
        """The keyed hash this event must carry (HMAC-SHA256 with the audit key)."""
        return keyed_hash(self.prev_hash, self.payload(), key)

    def legacy_hash(self) -> str:
        """The plain SHA-256 an event written before the audit key carries."""
        return legacy_hash(self.prev_hash, self.payload())


class ArchiveCheckpoint(models.Model):
    """Where the online audit chain starts after `lvxie audit archive` moved older events to a file: the
    last archived event and its hash (the first online event must link to it), and the file's digest."""

    created_at = models.DateTimeField(_("time"))
    first_event_id = models.BigIntegerField()
    last_event_id = models.BigIntegerField(db_index=True)
    last_hash = models.CharField(max_length=64)
    events = models.PositiveIntegerField()
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-last_event_id"]
        verbose_name = _("audit archive checkpoint")
        verbose_name_plural = _("audit archive checkpoints")

    def __str__(self) -> str:
        return f"{self.file_name} (…{self.last_event_id})"
