"""The Party side's entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    PARTY,
    party_field,
)
from lvxie.core.personal_data import (
    PARTY_BASIS,
    WHILE_REGISTERED,
    OwnData,
    PersonalField,
    register,
    register_not_personal,
)

register(
    "party.partymembership",
    {
        "lawyer": party_field("who is a member"),
        "org": party_field("the member's organization"),
        "kind": party_field("full or probationary membership"),
        "status": party_field("current, transferred out or left"),
        "joined_party_on": party_field("date of joining the Party"),
        "joined_on": party_field("date of joining this organization"),
        "ended_on": party_field("date the membership here ended"),
        "transferred_from": party_field("transfer history (组织关系转接)"),
        "note": party_field("remarks on the membership"),
    },
    not_personal={"id"},
    own_data=(OwnData("party_membership", "lawyer"),),
)

register(
    # A secretary's own acts on a transfer; whom it moved is the member's (and the Party side's), not theirs.
    "party.membertransfer",
    {
        "member": party_field("the membership being transferred (who is a member)"),
        "from_org": party_field("the member's organization"),
        "to_org": party_field("the organization the member goes to"),
        "on": party_field("date of the transfer"),
        "status": party_field("whether the receiving side accepted"),
        "reason": party_field("the receiving side's reason for refusing"),
        "moved": party_field("the membership the transfer started"),
        "requested_by": party_field("who asked for the transfer (a secretary or committee staff)"),
        "requested_by_name": party_field("who asked for the transfer, as named then"),
        "requested_at": party_field("when the transfer was asked for"),
        "decided_by": party_field("who decided on the transfer"),
        "decided_by_name": party_field("who decided on the transfer, as named then"),
        "decided_at": party_field("when the transfer was decided"),
    },
    not_personal={"id"},
    own_data=(
        OwnData(
            "transfers_requested",
            "requested_by",
            frozenset({"requested_by", "requested_by_name", "requested_at"}),
            describe=False,
        ),
        OwnData(
            "transfers_decided",
            "decided_by",
            frozenset({"decided_by", "decided_by_name", "decided_at"}),
            describe=False,
        ),
    ),
)

register(
    "party.partyorg",
    {
        "secretary": party_field("the organization's secretary (which reveals membership)"),
        "deputy": party_field("the deputy secretary (which reveals membership)"),
    },
    not_personal={
        "id",
        "name",
        "kind",
        "status",
        "parent",
        "path",
        "region",
        "region_path",
        "founded_on",
        "ended_on",
        "merged_into",
        "firms",
    },
    own_data=(
        OwnData("party_offices", "secretary", frozenset({"secretary"})),
        OwnData("party_offices", "deputy", frozenset({"deputy"})),
    ),
)

register(
    "party.instructor",
    {
        "name": PersonalField(
            "the Party-building instructor assigned to a firm", PARTY_BASIS, WHILE_REGISTERED, PARTY
        ),
        "phone": PersonalField(
            "contact the instructor", PARTY_BASIS, WHILE_REGISTERED, PARTY, sensitive=True
        ),
    },
    not_personal={"id", "org", "firm", "started_on", "ended_on"},
    not_linked="name, phone: instructors have no account or lawyer record",
)

register_not_personal("party.orgfirm", "which firms an organization sits in or covers")

register_not_personal("party.pairing", "pairings between organizations, firms and villages")

register_not_personal("party.venuechecklist", "the six items of an activity room")

# Counts per firm: shown to Party-side roles only where a small count could identify a member.
register_not_personal("party.firmcoverage", "coverage state and counts per firm (no names)")

register_not_personal("party.regioncoverage", "the firm counts added up per region (no names)")
