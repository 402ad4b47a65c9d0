"""The workflow machinery's entries in the personal-information register (lvxie.core.personal_data): who
set the working-day calendar, who answers for a clock, who published an item for public comment and
who objected to it."""

from lvxie.accounts.personal_data import work_field
from lvxie.core.personal_data import OwnData, register, register_not_personal

register(
    "workflow.workdayoverride",
    {"created_by": work_field("who set the working-day override")},
    not_personal={"id", "date", "kind", "note", "created_at"},
    own_data=(OwnData("workday_overrides", "created_by", frozenset({"created_by"}), ("date", "kind")),),
)

register(
    "workflow.workdayyear",
    {"confirmed_by": work_field("who confirmed the year's calendar")},
    not_personal={"id", "year", "confirmed_at", "note"},
    own_data=(OwnData("workday_years_confirmed", "confirmed_by", frozenset({"confirmed_by"}), ("year",)),),
)

register(
    "workflow.clock",
    {"responsible": work_field("who is told when the clock passes its deadline")},
    not_personal={
        "id",
        "content_type",
        "object_id",
        "owner_key",
        "purpose",
        "budget_days",
        "started_at",
        "state",
        "paused_since",
        "paused_days",
        "stopped_at",
        "due_on",
        "overdue_marked_at",
    },
    own_data=(OwnData("clocks_responsible", "responsible", frozenset({"responsible"}), ("purpose",)),),
)

register(
    "workflow.clockevent",
    {"actor": work_field("who started, paused, resumed or stopped the clock")},
    not_personal={"id", "clock", "action", "at", "note"},
    own_data=(OwnData("clock_changes", "actor", frozenset({"actor"}), ("action", "at")),),
)

register(
    "workflow.publicationwindow",
    {"created_by": work_field("who published the item")},
    not_personal={
        "id",
        "content_type",
        "object_id",
        "kind",
        "title",
        "scope_path",
        "party",
        "starts_at",
        "ends_at",
        "withdrawn_at",
        "opened_marked_at",
        "closed_marked_at",
        "created_at",
    },
    own_data=(
        OwnData("publications", "created_by", frozenset({"created_by"}), ("title", "starts_at", "ends_at")),
    ),
)

register(
    "workflow.objection",
    {
        "name": work_field("the objector's name, if given"),
        "contact": work_field("how to reach the objector, if given"),
        "text": work_field("the objection (may name people)"),
        "decision_reason": work_field("why the objection was upheld or dismissed (may name people)"),
        "decided_by": work_field("who decided on the objection"),
    },
    not_personal={"id", "window", "created_at", "decision", "decided_at"},
    own_data=(
        OwnData("objections_decided", "decided_by", frozenset({"decided_by"}), ("decision", "decided_at")),
    ),
    not_linked="name, contact: as the objector typed them, with no account or lawyer record",
)

register(
    "workflow.transitionrecord",
    {"actor": work_field("who took the workflow step"), "actor_name": work_field("who, as named then")},
    not_personal={
        "id",
        "content_type",
        "object_id",
        "workflow",
        "transition",
        "from_state",
        "to_state",
        "at",
        "reason",
        "decision",
        "files",
    },
    own_data=(
        OwnData(
            "workflow_steps", "actor", frozenset({"actor", "actor_name"}), ("workflow", "transition", "at")
        ),
    ),
)

register_not_personal("workflow.jobrun", "runs of the periodic jobs (a host name and process id, no person)")
