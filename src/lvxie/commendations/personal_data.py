"""Commendations' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import work_field
from lvxie.core.personal_data import register

register(
    "commendations.nomination",
    {
        "lawyer": work_field("the lawyer nominated"),
        "deeds": work_field("the nominee's deeds (names the nominee)"),
        "reason": work_field("why the nomination was not recommended or stopped"),
    },
    not_personal={
        "id", "call", "submission", "category", "firm", "party_org", "status", "yes_votes", "no_votes",
        "created_at", "version",
    },  # fmt: skip
)
register(
    "commendations.vote",
    {"reviewer": work_field("the panel member who voted")},
    not_personal={"id", "nomination", "approve", "voted_at", "changed_at"},
)
register(
    "commendations.voterevision",
    {"changed_by": work_field("the panel member who changed the vote"), "reason": work_field("why")},
    not_personal={"id", "vote", "approve", "changed_at"},
)
register("commendations.prize", {}, not_personal={"id", "call", "submission", "level", "rank"})
register(
    "commendations.honour",
    {"lawyer": work_field("the lawyer honoured")},
    not_personal={
        "id", "firm", "party_org", "region", "org_path", "call", "title", "awarded_on", "party", "public",
        "nomination", "prize",
    },  # fmt: skip
)
