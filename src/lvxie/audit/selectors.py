"""Reads of the audit log: for auditors only."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor

from .models import AuditEvent


def audit_events_for(
    actor: Actor,
    *,
    actor_name: str = "",
    obj: str = "",
    action: str = "",
    result: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log as the auditor searches it; nothing at all for any other role."""
    if not scope_of(actor).audit_reader:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.all()
    if actor_name:
        # By the name shown at the time, or by the account's user name.
        accounts = get_user_model().objects.filter(username__icontains=actor_name).values("pk")
        events = events.filter(Q(actor_name__icontains=actor_name) | Q(actor_id__in=accounts))
    if obj:
        events = events.filter(
            Q(object_repr__icontains=obj) | Q(object_id=obj) | Q(object_type=obj) | Q(request_id=obj)
        )
    if action:
        events = events.filter(action__startswith=action)
    if result:
        events = events.filter(result=result)
    tz = timezone.get_current_timezone()
    if since:
        events = events.filter(created_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    if until:
        events = events.filter(
            created_at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return events
