"""Complaints' entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.choices import Role
from lvxie.accounts.personal_data import work_field
from lvxie.core.personal_data import (
    STATUTORY,
    WHILE_REGISTERED,
    OwnData,
    PersonalField,
    register,
    register_not_personal,
)

# The discipline officers over a complaint (and the staff they name on it). The lawyer and firm
# complained of see the lawyer's name and, unless the complaint is confidential, the complainant's.
HANDLERS = frozenset({Role.DISCIPLINE_OFFICER})
SUBJECT = frozenset({Role.DISCIPLINE_OFFICER, Role.LAWYER, Role.FIRM_ADMIN})


def complainant(purpose: str) -> PersonalField:
    # Shown only where `policies.COMPLAINT_IDENTITY` allows (masked elsewhere), every read outside the
    # officers audited; never written to the audit log (services keep it out of the intake's event).
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, HANDLERS)


register(
    "complaints.complaint",
    {
        "lawyer": PersonalField("the lawyer complained of", STATUTORY, WHILE_REGISTERED, SUBJECT),
        "facts": complainant("what happened, in the complainant's words"),
        "request": complainant("what the complainant asks for"),
        "complainant_name": complainant("who complains"),
        "complainant_phone": complainant("how to reach the complainant"),
        "complainant_email": complainant("where the complainant is told of each step"),
        "complainant_address": complainant("where letters to the complainant go"),
        "created_by": work_field("who registered the complaint"),
    },
    not_personal={
        "id",
        "number",
        "code_hash",
        "source",
        "referring_body",
        "referring_reference",
        "received_on",
        "firm",
        "region",
        "conduct",
        "confidential",
        "status",
        "papers_requested",
        "decision_reason",
        "referred_to",
        "track",
        "triage_criteria",
        "triage_note",
        "outcome",
        "outcome_text",
        "acceptance_clock",
        "handling_clock",
        "created_at",
        "status_changed_at",
        "closed_at",
        "version",
    },
    own_data=(
        OwnData(
            "complaints_against_me", "lawyer", frozenset({"lawyer"}), ("number", "status", "received_on")
        ),
        OwnData("complaints_registered", "created_by", frozenset({"created_by"}), ("number",)),
    ),
    secrets={"code_hash"},
)

register(
    "complaints.complaintfile",
    {"uploaded_by": work_field("who attached the paper")},
    not_personal={
        "id",
        "file",
        "name",
        "content_type",
        "size",
        "uploaded_at",
        "complaint",
        "from_complainant",
    },
    own_data=(OwnData("complaint_files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
)

register(
    "complaints.complaintaccess",
    {
        "user": work_field("a person named to handle or read a complaint"),
        "named_by": work_field("who named them"),
    },
    not_personal={"id", "complaint", "kind", "named_at"},
    own_data=(
        OwnData("complaints_named_on", "user", frozenset({"user"}), ("complaint", "kind")),
        OwnData("complaints_named_others", "named_by", frozenset({"named_by"}), ("complaint",)),
    ),
)

register(
    "complaints.conflictdeclaration",
    {"user": work_field("who declared a conflict of interest"), "note": work_field("why")},
    not_personal={"id", "complaint", "declared_at"},
    own_data=(OwnData("complaint_conflicts", "user", frozenset({"user", "note"}), ("complaint",)),),
)

register_not_personal("complaints.captcha", "a CAPTCHA challenge: a random token and the hash of its answer")
