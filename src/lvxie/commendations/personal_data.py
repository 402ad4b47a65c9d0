"""Commendations' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import work_field
from lvxie.core.personal_data import OwnData, register, register_not_personal

register(
    "commendations.nomination",
    {
        "lawyer": work_field("the lawyer nominated"),
        "deeds": work_field("the nominee's deeds (names the nominee)"),
        "reason": work_field("why the nomination was not recommended or stopped"),
    },
    not_personal={
        "id",
        "call",
        "submission",
        "category",
        "firm",
        "party_org",
        "status",
        "yes_votes",
        "no_votes",
        "created_at",
        "version",
    },
    own_data=(
        OwnData("nominations", "lawyer", frozenset({"lawyer", "deeds", "reason"}), ("category", "status")),
    ),
)
register(
    "commendations.vote",
    {"reviewer": work_field("the panel member who voted")},
    not_personal={"id", "nomination", "approve", "voted_at", "changed_at"},
    own_data=(OwnData("commendation_votes", "reviewer", frozenset({"reviewer"}), ("approve", "voted_at")),),
)
register(
    "commendations.voterevision",
    {"changed_by": work_field("the panel member who changed the vote")},
    not_personal={"id", "vote", "approve", "reason", "changed_at"},
    own_data=(OwnData("commendation_vote_changes", "changed_by", frozenset({"changed_by"}), ("reason",)),),
)
register_not_personal("commendations.prize", "a contest's prize level and rank for a submission")
register(
    "commendations.honour",
    {"lawyer": work_field("the lawyer honoured")},
    not_personal={
        "id",
        "firm",
        "party_org",
        "region",
        "org_path",
        "call",
        "title",
        "awarded_on",
        "party",
        "public",
        "nomination",
        "prize",
    },
    own_data=(OwnData("honours", "lawyer", frozenset({"lawyer"}), ("title", "awarded_on")),),
)
