"""Sending notifications: in the app, and by e-mail through Django's mail settings."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from lvxie.audit.services import audit_record
from lvxie.core import request_cache
from lvxie.core.bulk import save_row
from lvxie.core.statements import Statements
from lvxie.core.types import Actor

from .models import Notification, render_text
from .selectors import unread_key


@dataclass(frozen=True)
class Text:
    """A notification title or body to be shown in each reader's language: a lazy message (an English
    msgid marked with gettext_lazy) and its parameters, which may be lazy labels themselves."""

    message: Promise | str
    params: dict[str, Any] = field(default_factory=dict)

    def stored(self) -> dict:
        """As kept in `Notification.message`: msgids, not translations, and plain JSON values."""
        with translation.override(None):  # no catalogue: a lazy message gives its msgid
            return {
                "msgid": str(self.message),
                "params": {
                    name: {"msgid": str(value)} if isinstance(value, Promise) else _plain(value)
                    for name, value in self.params.items()
                },
            }


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _words(text: "Text | str") -> tuple[str, dict | None]:
    """(the text in the sender's language, what to store to show it in the reader's)."""
    if isinstance(text, Text):
        stored = text.stored()
        return render_text(stored), stored
    return text, None


_SENT = Statements()


def _already_sent(key: str, recipients: list[int]) -> list[int]:
    """Those of `recipients` who have had the notification `key`: asked by every change that tells
    someone, so compiled once per number of recipients (a few; a long list is built as usual)."""

    def build(key: str, *ids: int):
        sent = Notification.objects.filter(recipient_id__in=ids, key=key)
        return sent.values_list("recipient_id", flat=True)

    if len(recipients) > 8:
        return list(build(key, *recipients))
    return _SENT.rows(("sent", len(recipients)), build, key, *recipients)


# No savepoint of its own (two round trips in every change that tells someone): a notification is part of
# the change that sends it, and a failure undoes the whole change.
@transaction.atomic(savepoint=False)
def notify(
    *,
    users: Iterable,
    title: Text | str,
    body: Text | str = "",
    url: str = "",
    key: str = "",
    email: bool = True,
) -> int:
    """Notify each user once (a `key` already sent to a user is skipped, so callers may repeat
    themselves safely). A `Text` title or body is shown in each reader's language; e-mail goes out in
    the sender's, after the transaction commits, to those with an address.
    Returns the number of notifications created."""
    title, title_stored = _words(title)
    body, body_stored = _words(body)
    message = {k: v for k, v in (("title", title_stored), ("body", body_stored)) if v} or None
    people = {user.pk: user for user in users if user is not None and user.is_active}
    if key:
        sent = set(_already_sent(key, list(people)))
        people = {pk: user for pk, user in people.items() if pk not in sent}
    if not people:
        return 0
    rows = [
        Notification(recipient=user, title=title[:200], body=body, url=url, key=key, message=message)
        for user in people.values()
    ]
    # The rows differ only in their recipient, which is not checked: checking one checks them all.
    rows[0].full_clean(exclude=["recipient"], validate_constraints=False)
    if len(rows) == 1:
        save_row(rows[0])  # (most changes tell one person: one statement made once, not bulk_create's build)
    else:
        Notification.objects.bulk_create(rows)
    request_cache.forget(*(unread_key(pk) for pk in people))
    audit_record(
        actor=None,
        action="notification.send",
        object_type="notifications.notification",
        object_repr=title[:200],
        after={"count": len(rows), "key": key},
    )
    if email:
        addressed = [user.email for user in people.values() if user.email]
        if addressed:
            link = (
                f"\n\n{settings.LVXIE_SITE_URL}{url}"
                if url and getattr(settings, "LVXIE_SITE_URL", "")
                else ""
            )
            messages = [(title, body + link, None, [address]) for address in addressed]
            transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(rows)


@transaction.atomic
def notification_read(*, actor: Actor | None, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (idempotent)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        request_cache.forget(unread_key(notification.recipient_id))
    return notification


@transaction.atomic
def notifications_read_all(*, actor: Actor | None) -> int:
    """Mark every unread notification of the actor read."""
    read = Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())
    if actor is not None:
        request_cache.forget(unread_key(actor.pk))
    return read
