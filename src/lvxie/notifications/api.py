"""Notifications over HTTP: one's own, and marking them read."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from lvxie.core.api import READ_ERRORS, UPDATE_ERRORS, Id, Page

from . import selectors, services
from .models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None

    # In the reader's language, as the page shows them.
    @staticmethod
    def resolve_title(obj: Notification) -> str:
        return obj.shown_title

    @staticmethod
    def resolve_body(obj: Notification) -> str:
        return obj.shown_body


class NotificationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[NotificationOut]


class NotificationFilters(Page):
    unread: bool = False


@router.get(
    "/notifications", response={200: NotificationPage, **READ_ERRORS}, summary="List my notifications"
)
def notification_list(request: HttpRequest, filters: Query[NotificationFilters]):
    rows = selectors.notification_list(request.user, unread=filters.unread)
    return {
        "count": rows.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(rows[filters.offset : filters.offset + filters.limit]),
    }


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **UPDATE_ERRORS},
    summary="Mark a notification read",
)
def notification_read(request: HttpRequest, notification_id: Id):
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=notification_id)
    return services.notification_read(actor=request.user, notification=notification)
