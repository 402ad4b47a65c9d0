"""An organization's meetings as an iCalendar feed (RFC 5545, the `icalendar` package), so a secretary
sees them in their own calendar program. The feed's address carries an unguessable token
(`CalendarFeed`), the only credential a calendar program can send; the signed-in page and the API serve
the same feed to whoever may see the organization."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from lvxie.party.models import PartyOrg

from .choices import MeetingStatus
from .models import CalendarFeed, Meeting

# A meeting without a time is shown as a whole day; without an end, as lasting this long.
DEFAULT_LENGTH = timedelta(hours=2)
# How far back the feed reaches.
FEED_DAYS_BACK = 400


def feed_by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.select_related("org").filter(token=token).first()


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"orglife-meeting-{meeting.pk}@lvxie")
    event.add("summary", f"{meeting.get_kind_display()}：{meeting.topic}")
    if meeting.start_time is None:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + timedelta(days=1))
    else:
        tz = timezone.get_current_timezone()
        start = datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
        end = (
            datetime.combine(meeting.date, meeting.end_time, tzinfo=tz)
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        event.add("dtstart", start)
        event.add("dtend", end)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.first_agenda:
        event.add("description", f"第一议题：{meeting.first_agenda}")
    event.add("status", "CONFIRMED" if meeting.status == MeetingStatus.HELD else "TENTATIVE")
    event.add("dtstamp", meeting.created_at)
    return event


def ical_bytes(org: PartyOrg) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//lvxie//orglife//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{org.name} 组织生活")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    since = timezone.localdate() - timedelta(days=FEED_DAYS_BACK)
    meetings = (
        Meeting.objects.filter(org=org, date__gte=since)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "id")
    )
    for meeting in meetings:
        cal.add_component(_event(meeting))
    return cal.to_ical()


def ical_response(org: PartyOrg) -> HttpResponse:
    response = HttpResponse(ical_bytes(org), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="orglife-{org.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
