"""Publication windows: what is shown on the public site, and until when.

A capability registers a kind of publication (`register_kind`: its label, whether the public may
object during the window) from its AppConfig, opens windows through `services.window_create`, and
lists what the public sees with `published(kind)` only: every public page and API starts from it, so
an item disappears everywhere at the moment its window ends (or it is withdrawn), whether or not the
scheduled job (`publication_windows_mark`) has run yet. The job only records the opening and closing
and tells the issuer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from lvxie.core.types import Actor

from .choices import ObjectionDecision
from .models import Objection, PublicationWindow

# Size limits of a public objection (the form and the service both hold them).
OBJECTION_TEXT_MAX = 2000
OBJECTION_NAME_MAX = 50
OBJECTION_CONTACT_MAX = 100


@dataclass(frozen=True)
class PublicationKind:
    code: str
    label: str | Promise
    objections: bool = False


_KINDS: dict[str, PublicationKind] = {}


def register_kind(code: str, *, label: str | Promise, objections: bool = False) -> PublicationKind:
    """Register a kind of publication (again replaces it)."""
    kind = PublicationKind(code=code, label=label, objections=objections)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> PublicationKind:
    return _KINDS[code]


def open_q(now: dt.datetime) -> Q:
    return Q(starts_at__lte=now, ends_at__gt=now) & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now))


def published(kind: str, now: dt.datetime | None = None) -> QuerySet[PublicationWindow]:
    """The windows of `kind` open now: what the public may see. Nothing else may feed a public page."""
    now = now or timezone.now()
    return PublicationWindow.objects.filter(open_q(now), kind=kind).order_by("-starts_at", "-id")


def published_window(kind: str, pk: int, now: dt.datetime | None = None) -> PublicationWindow | None:
    """One open window of `kind`, or None (closed, withdrawn, not yet open, another kind)."""
    return published(kind, now).filter(pk=pk).first()


def windows_for(actor: Actor | None, obj_type_id: int, object_id: str) -> QuerySet[PublicationWindow]:
    """The windows of one item that the actor's scope shows (the issuing side's staff)."""
    return PublicationWindow.objects.visible_to(actor).filter(
        content_type_id=obj_type_id, object_id=object_id
    )


def objections_visible_to(actor: Actor | None, window: PublicationWindow) -> QuerySet[Objection]:
    """The public's objections to a window, for the issuing side's staff (nothing for anyone else)."""
    return Objection.objects.visible_to(actor).filter(window=window)


def objections_to(obj: Model) -> QuerySet[Objection]:
    """Every objection to any window of one item (the capability that published it reads them to act:
    an upheld one stops the item, an undecided one holds it)."""
    return Objection.objects.filter(
        window__content_type=ContentType.objects.get_for_model(obj), window__object_id=str(obj.pk)
    )


def upheld(obj: Model) -> bool:
    """Has an objection to the item been upheld?"""
    return objections_to(obj).filter(decision=ObjectionDecision.UPHELD).exists()


def undecided(obj: Model) -> int:
    """How many objections to the item still wait for a decision."""
    return objections_to(obj).filter(decision="").count()


def windows_of(obj: Model) -> list[PublicationWindow]:
    """Every window of one item, newest first (for the capability that published it)."""
    return list(
        PublicationWindow.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("-starts_at", "-id")
    )
