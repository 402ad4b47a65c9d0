"""Importing a meeting's sign-in sheet (签到表, Party-side roles only): one row per member, matched by the
lawyer's licence number, with present / on leave (and why) / absent. Every row names the same meeting
(its number, as on the meeting's page). A person not on the organization's roll on the meeting's date
is refused row by row, and one refused row saves nothing; members of the roll not on the sheet are
recorded absent, as on the attendance form (`services.attendance_record`)."""

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvxie.core.chinese import name_search_keys
from lvxie.core.types import Actor
from lvxie.dataio import kinds
from lvxie.dataio.kinds.base import (
    Column,
    ImportKind,
    Prepared,
    RowError,
    choice,
    choice_lookup,
    fold_header,
    visible,
)
from lvxie.registry.imports import LAWYER_LICENCE_EXAMPLE

from . import policies, services
from .choices import MeetingStatus, Presence
from .models import Attendance, Meeting
from .selectors import roll


class SignInImport(ImportKind):
    """签到表: the attendance of one meeting."""

    name = "orglife_sign_in"
    label = gettext_lazy("Meeting sign-in sheet")
    key = "lawyer"
    party_side = True
    columns = (
        Column("meeting", "会议编号", True, ("会议", "meeting"), "12"),
        Column("name", "姓名", True, ("党员姓名", "name"), "欧阳明"),
        Column("lawyer", "执业证号", True, ("律师执业证号", "licence number"), LAWYER_LICENCE_EXAMPLE),
        Column("presence", "出席情况", True, ("签到", "出勤", "attendance"), "出席"),
        Column("reason", "请假事由", False, ("事由", "reason"), ""),
    )

    def load(self, actor: Actor | None, rows):
        numbers = {row.get("meeting", "").strip() for row in rows}
        ids = [int(n) for n in numbers if n.isdigit()]
        self.meetings = {
            str(m.pk): m for m in visible(Meeting, actor).filter(pk__in=ids).select_related("org")
        }
        self.rolls = {
            key: {
                m.lawyer.licence_no.upper(): m
                for m in roll(meeting.org, meeting.date).select_related("lawyer")
            }
            for key, meeting in self.meetings.items()
        }
        self.presence = choice_lookup(Presence)
        self.presence.update(
            {fold_header(text): Presence.PRESENT for text in ("出席", "到", "已签到", "√")}
            | {fold_header(text): Presence.LEAVE for text in ("请假", "假")}
            | {fold_header(text): Presence.ABSENT for text in ("缺席", "未到")}
        )
        self.first_meeting = sorted(numbers)[0] if numbers else ""

    def build(self, actor: Actor | None, values) -> Prepared:
        errors: list[tuple[str, str]] = []
        number = values.get("meeting", "").strip()
        meeting = self.meetings.get(number)
        if meeting is None:
            raise RowError(
                [("meeting", _("No meeting numbered “%(value)s” in your scope.") % {"value": number})]
            )
        if number != self.first_meeting:
            errors.append(
                ("meeting", _("A sign-in sheet is of one meeting: every row names the same number."))
            )
        if (
            not policies.allowed(actor, policies.MEETING_EDIT, meeting)
            or meeting.status == MeetingStatus.CANCELLED
        ):
            errors.append(("meeting", _("You may not record the attendance of this meeting.")))
        licence = values.get("lawyer", "").strip().upper()
        membership = self.rolls[number].get(licence)
        if membership is None:
            errors.append(
                (
                    "lawyer",
                    _("No member of %(org)s on %(date)s has this licence number.")
                    % {"org": meeting.org.name, "date": meeting.date},
                )
            )
        elif name_search_keys(values.get("name", ""))["simplified"] != membership.lawyer.name_simplified:
            errors.append(
                (
                    "name",
                    _("The name does not match the member with this licence number (%(name)s).")
                    % {"name": membership.lawyer.name},
                )
            )
        try:
            presence = choice(self.presence, "presence", values.get("presence", ""))
        except RowError as exc:
            errors += exc.errors
            presence = ""
        reason = values.get("reason", "").strip()
        if presence == Presence.LEAVE and not reason:
            errors.append(("reason", _("Give the reason for the leave.")))
        if errors or membership is None:
            raise RowError(errors)
        return Prepared(
            Attendance(meeting=meeting, membership=membership, presence=presence, reason=reason), created=True
        )

    def save(self, actor: Actor | None, creates, updates):
        by_meeting: dict[int, list[Attendance]] = defaultdict(list)
        for row in creates:
            by_meeting[row.meeting_id].append(row)
        for rows in by_meeting.values():
            meeting = rows[0].meeting
            services.attendance_record(
                actor=actor,
                meeting=meeting,
                lines=[services.Line(r.membership.lawyer_id, r.presence, r.reason) for r in rows],
                version=meeting.version,
                reason=_("Sign-in sheet imported"),
            )

    def summary(self, obj):
        return f"{obj.membership.lawyer.name} · {obj.get_presence_display()}"


def register_kinds() -> None:
    kinds.register(SignInImport)
