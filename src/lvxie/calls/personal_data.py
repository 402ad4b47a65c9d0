"""Calls for submissions' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import work_field
from lvxie.core.personal_data import OwnData, register

register(
    "calls.call",
    {"created_by": work_field("who wrote the call for submissions")},
    not_personal={
        "id",
        "title",
        "kind",
        "description",
        "region",
        "party",
        "status",
        "unit_kind",
        "audience_kind",
        "audience_region",
        "audience_firm_kinds",
        "audience_firms",
        "audience_party_orgs",
        "criteria",
        "deadline",
        "deadline_working_days",
        "quotas",
        "created_at",
        "opened_at",
        "published_at",
        "version",
    },
    own_data=(OwnData("calls_written", "created_by", frozenset({"created_by"}), ("title",)),),
)

register(
    "calls.callreviewer",
    {"reviewer": work_field("a reviewer named on the call")},
    not_personal={"id", "call"},
    own_data=(OwnData("calls_to_review", "reviewer", frozenset({"reviewer"}), ("call",)),),
)

register(
    "calls.submission",
    {
        "lawyer": work_field("the lawyer who submits (a call to lawyers)"),
        "values": work_field("what the unit submitted (may name its lawyers)"),
    },
    not_personal={
        "id",
        "call",
        "firm",
        "party_org",
        "region",
        "status",
        "submitted_at",
        "late",
        "return_reason",
        "flags",
        "accepted_at",
        "last_reminded_at",
        "version",
    },
    own_data=(OwnData("call_submissions", "lawyer", frozenset({"lawyer", "values"}), ("status",)),),
)

register(
    "calls.submissionfile",
    {"uploaded_by": work_field("who attached the file")},
    not_personal={"id", "file", "name", "content_type", "size", "uploaded_at", "submission"},
    own_data=(OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
)

register(
    "calls.submissionevent",
    {
        "actor": work_field("who saved, submitted, returned or accepted"),
        "actor_name": work_field("who, as named then"),
    },
    not_personal={"id", "submission", "action", "status", "reason", "late", "at"},
    own_data=(
        OwnData("call_submission_changes", "actor", frozenset({"actor", "actor_name"}), ("action", "at")),
    ),
)

register(
    "calls.score",
    {"reviewer": work_field("who scored")},
    not_personal={"id", "submission", "points", "total", "comment", "scored_at", "changed_at"},
    own_data=(OwnData("call_scores", "reviewer", frozenset({"reviewer"}), ("points", "total")),),
)

register(
    "calls.scorerevision",
    {"changed_by": work_field("who changed the score")},
    not_personal={"id", "score", "points", "total", "reason", "changed_at"},
    own_data=(OwnData("call_score_changes", "changed_by", frozenset({"changed_by"}), ("total", "reason")),),
)
