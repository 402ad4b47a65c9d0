"""Records out, because inspections still ask for paper: a meeting's record as a PDF in the usual layout
(会议记录: the heading, the facts, who attended, the first agenda item, the minutes) and an organization's
year of records as one .xlsx (a row per meeting, with its roll and who was present, on leave, absent)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from lvxie.core.pdf import pdf_response
from lvxie.core.tabular import table_response
from lvxie.core.types import Actor
from lvxie.party.models import PartyOrg

from .choices import MeetingStatus, Presence
from .models import Attendance, Meeting
from .selectors import attendance_of, meeting_list


def meeting_context(meeting: Meeting) -> dict:
    attendance = list(attendance_of(meeting))
    groups = {p: [a for a in attendance if a.presence == p] for p in Presence.values}
    return {
        "meeting": meeting,
        "present": groups[Presence.PRESENT],
        "leave": groups[Presence.LEAVE],
        "absent": groups[Presence.ABSENT],
        "roll": len(attendance),
        "corrections": list(meeting.corrections.all()),
    }


def meeting_pdf(meeting: Meeting):
    """The meeting's record as a PDF download (the page's and the API's)."""
    return pdf_response("orglife/meeting_pdf.html", meeting_context(meeting), f"meeting-{meeting.pk}")


def _names(rows: list[Attendance], with_reason: bool = False) -> str:
    return "、".join(
        f"{a.membership.lawyer.name}（{a.reason}）" if with_reason and a.reason else a.membership.lawyer.name
        for a in rows
    )


def year_rows(actor: Actor, org: PartyOrg, year: int):
    meetings = list(
        meeting_list(actor)
        .filter(org=org, date__year=year)
        .select_related("chair", "recorder")
        .order_by("date", "start_time", "id")
    )
    attendance: dict[int, dict[str, list[Attendance]]] = defaultdict(lambda: defaultdict(list))
    rows = Attendance.objects.filter(meeting__in=meetings).select_related("membership__lawyer")
    for a in rows.order_by("membership__lawyer__name_pinyin", "id"):
        attendance[a.meeting_id][a.presence].append(a)
    for m in meetings:
        seen = attendance[m.pk]
        present, leave, absent = seen[Presence.PRESENT], seen[Presence.LEAVE], seen[Presence.ABSENT]
        total = len(present) + len(leave) + len(absent)
        yield [
            m.date,
            m.get_kind_display(),
            m.get_status_display(),
            m.topic,
            m.first_agenda,
            m.place,
            m.chair.name if m.chair else "",
            m.recorder.name if m.recorder else "",
            total,
            len(present),
            f"{len(present) / total:.0%}" if total and m.status == MeetingStatus.HELD else "",
            _names(present),
            _names(leave, with_reason=True),
            _names(absent),
            m.minutes,
            m.reason,
        ]


def year_response(actor: Actor, org: PartyOrg, year: int):
    headers = [
        _("Date"),
        _("Kind of meeting"),
        _("Status"),
        _("Topic"),
        _("First agenda item"),
        _("Place"),
        _("Chair"),
        _("Recorder"),
        _("Expected"),
        _("Present"),
        _("Attendance rate"),
        _("Present"),
        _("On leave"),
        _("Absent"),
        _("Minutes"),
        _("Reason for cancelling"),
    ]
    return table_response(
        "xlsx", f"{org.name}-{year}-组织生活记录", headers, list(year_rows(actor, org, year))
    )
