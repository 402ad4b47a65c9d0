"""Organizational life's entries in the personal-information register (lvxie.core.personal_data): who
attended which meeting of which organization says who is a member, so it is Party data (Party-side
roles only, reads audited)."""

from lvxie.accounts.personal_data import party_field
from lvxie.core.personal_data import OwnData, register, register_not_personal

register(
    "orglife.meeting",
    {
        "chair": party_field("who chaired the meeting (a member)"),
        "recorder": party_field("who kept the minutes (a member)"),
        "minutes": party_field("the minutes (name the members who spoke)"),
        "created_by": party_field("who recorded the meeting (a secretary or committee staff)"),
    },
    not_personal={
        "id",
        "org",
        "kind",
        "status",
        "date",
        "start_time",
        "end_time",
        "place",
        "topic",
        "first_agenda",
        "reason",
        "version",
        "created_at",
        "held_at",
        "reminded_at",
    },
    own_data=(
        OwnData("meetings_chaired", "chair", frozenset({"chair"}), ("date", "kind", "topic")),
        OwnData("meetings_recorded", "recorder", frozenset({"recorder"}), ("date", "kind", "topic")),
        OwnData(
            "meetings_entered", "created_by", frozenset({"created_by"}), ("date", "kind"), describe=False
        ),
    ),
)

register(
    "orglife.attendance",
    {
        "membership": party_field("whose attendance (a member of the organization)"),
        "presence": party_field("present, on leave or absent"),
        "reason": party_field("the reason for the leave"),
    },
    not_personal={"id", "meeting"},
    not_linked="through the membership, which is the member's own (party_membership)",
)

register(
    "orglife.meetingattachment",
    {
        "file": party_field("photos and the signed sign-in sheet of a meeting (show members)"),
        "name": party_field("the file's name"),
        "uploaded_by": party_field("who attached the file"),
    },
    not_personal={"id", "meeting", "kind", "content_type", "size", "uploaded_at"},
    own_data=(OwnData("meeting_files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), describe=False),),
)

register(
    "orglife.meetingcorrection",
    {
        "reason": party_field("why a closed month's record was corrected"),
        "before": party_field("the record before the correction (may name members)"),
        "after": party_field("the record after the correction (may name members)"),
        "by": party_field("who corrected the record"),
        "by_name": party_field("who corrected the record, as named then"),
    },
    not_personal={"id", "meeting", "at"},
    own_data=(OwnData("meeting_corrections", "by", frozenset({"by", "by_name"}), ("at",), describe=False),),
)

register(
    "orglife.tasklist",
    {"created_by": party_field("who wrote the task list (committee staff)")},
    not_personal={
        "id",
        "region",
        "month",
        "title",
        "audience_region",
        "org_kinds",
        "status",
        "published_at",
        "reminded_at",
        "created_at",
    },
    own_data=(
        OwnData("task_lists_written", "created_by", frozenset({"created_by"}), ("title",), describe=False),
    ),
)

register_not_personal("orglife.frequencyrule", "how often meetings of a kind are due")
register_not_personal("orglife.taskitem", "the items of a committee's task list")
register_not_personal("orglife.taskrecipient", "which organization a task list went to")
register_not_personal("orglife.taskanswer", "which meeting answers a task item, or why not")
register_not_personal("orglife.calendarfeed", "the secret token of an organization's calendar feed")
