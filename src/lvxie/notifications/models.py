"""In-app notifications: one row per person and message, read or not."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lvxie.core.types import Actor


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor | None):
        """A notification exists only for the person it was sent to."""
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=actor)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to one user about something to do or see (`url`). `key` makes a message idempotent:
    the same key is never sent twice to the same person (reminders run hourly but remind once a day)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True, editable=False)
    # The title and body as English msgids with their parameters, so each reader sees them in the
    # language they read in; `title` and `body` keep the text as sent (e-mail, older rows).
    message = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notification_key_once"
            )
        ]

    def __str__(self) -> str:
        return self.shown_title

    def _shown(self, part: str, sent: str) -> str:
        text = (self.message or {}).get(part)
        return render_text(text) if text else sent

    @property
    def shown_title(self) -> str:
        """The title in the reader's language."""
        return self._shown("title", self.title)

    @property
    def shown_body(self) -> str:
        """The body in the reader's language."""
        return self._shown("body", self.body)


def render_text(text: dict) -> str:
    """{"msgid": ..., "params": {...}} in the active language; a parameter that is itself such a dict
    (a label such as an item's action) is translated too."""
    params = {
        name: render_text(value) if isinstance(value, dict) else value
        for name, value in (text.get("params") or {}).items()
    }
    message = gettext(text["msgid"])
    return message % params if params else message
