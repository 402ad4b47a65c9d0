"""Access's entries in the personal-information register (lvxie.core.personal_data): who holds which
role and the role grants that wait for a second person."""

from lvxie.accounts.personal_data import ACCOUNTS, account_field
from lvxie.core.personal_data import OwnData, register

register(
    "access.roleassignment",
    {
        "user": account_field("who holds the role", ACCOUNTS),
        "role": account_field("what the person may see and do", ACCOUNTS),
    },
    not_personal={"id", "region", "firm", "party_org", "created_at"},
    own_data=(OwnData("roles", "user"),),
)

register(
    "access.rolegrantproposal",
    {
        "user": account_field("whose role waits for a second person's approval", ACCOUNTS),
        "role": account_field("the role proposed", ACCOUNTS),
        "proposed_by": account_field("who proposed the role (two-person grants)", ACCOUNTS),
        "decided_by": account_field("who approved or refused it", ACCOUNTS),
    },
    not_personal={
        "id",
        "region",
        "firm",
        "party_org",
        "status",
        "proposed_at",
        "decided_at",
    },
    own_data=(
        OwnData("role_proposals", "user"),
        OwnData("role_proposals_made", "proposed_by", frozenset({"proposed_by"}), ("status", "proposed_at")),
        OwnData("role_proposals_decided", "decided_by", frozenset({"decided_by"}), ("status", "decided_at")),
    ),
)
