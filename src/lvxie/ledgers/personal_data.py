"""Ledgers' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    work_field,
)
from lvxie.core.personal_data import (
    OwnData,
    register,
)

register(
    "ledgers.ledger",
    {"created_by": work_field("who opened the ledger")},
    not_personal={
        "id",
        "title",
        "year",
        "firm",
        "party_org",
        "region",
        "notice",
        "campaign",
        "next_seq",
        "created_at",
    },
    own_data=(OwnData("ledgers_opened", "created_by", frozenset({"created_by"}), ("title",)),),
)

register(
    "ledgers.rectificationitem",
    {
        "responsible": work_field("the person responsible for the item (整改责任人)"),
        "responsible_user": work_field("the responsible person's account, to remind them"),
    },
    not_personal={
        "id",
        "ledger",
        "seq",
        "number",
        "problem",
        "goal",
        "measures",
        "deadline",
        "status",
        "reason",
        "version",
        "closed_at",
        "updated_at",
    },
    own_data=(
        OwnData(
            "ledger_items_responsible", "responsible_user", frozenset({"responsible", "responsible_user"})
        ),
    ),
)

register(
    "ledgers.itemevent",
    {"actor": work_field("who changed the item"), "actor_name": work_field("who, as named then")},
    not_personal={"id", "item", "action", "status", "reason", "at"},
    own_data=(OwnData("ledger_item_changes", "actor", frozenset({"actor", "actor_name"}), ("action", "at")),),
)

register(
    "ledgers.evidence",
    {"uploaded_by": work_field("who added the evidence")},
    not_personal={"id", "file", "name", "content_type", "size", "uploaded_at", "item"},
    own_data=(OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
)
