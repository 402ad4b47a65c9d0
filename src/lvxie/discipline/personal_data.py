"""Discipline's entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.choices import Role
from lvxie.core.personal_data import STATUTORY, WHILE_REGISTERED, OwnData, PersonalField, register

# A sanction is on the record of the lawyer or firm: the region staff and discipline officers over them,
# the firm and the lawyer themselves; a public one reaches the public look-up for its period only.
RECORD = frozenset(
    {Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.JUDICIAL_OFFICER, Role.DISCIPLINE_OFFICER, Role.FIRM_ADMIN,
     Role.LAWYER}
)  # fmt: skip
# A case is confidential: the discipline officers over it (and the staff they name, each read audited),
# and the lawyer or firm it is about for what they were told.
CASE = frozenset({Role.DISCIPLINE_OFFICER, Role.LAWYER, Role.FIRM_ADMIN})
HANDLERS = frozenset({Role.DISCIPLINE_OFFICER})


def sanction_field(purpose: str) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, RECORD)


def case_field(purpose: str, roles: frozenset[str] = CASE) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, roles)


register(
    "discipline.sanction",
    {"lawyer": sanction_field("the lawyer sanctioned"), "reasons": sanction_field("the facts and reasons")},
    not_personal={
        "id",
        "case",
        "firm",
        "region",
        "kind",
        "status",
        "decided_on",
        "public",
        "publish_days",
        "created_at",
    },
    own_data=(
        OwnData("sanctions", "lawyer", frozenset({"lawyer", "reasons"}), ("kind", "status", "decided_on")),
    ),
)
register(
    "discipline.disciplinarycase",
    {
        "lawyer": case_field("the lawyer the case is about"),
        "summary": case_field("what the case is about"),
        "facts": case_field("the grounds for opening the case", HANDLERS),
        "investigation_record": case_field("the investigation record", HANDLERS),
        "notice_facts": case_field("the facts stated to the lawyer"),
        "answer": case_field("the lawyer's answer"),
        "hearing_record": case_field("the hearing record", HANDLERS),
        "decision_reasons": case_field("the reasons for the decision"),
        "review_grounds": case_field("the lawyer's grounds for review"),
        "review_reasons": case_field("the reasons for the review decision"),
        "officer": case_field("the officer in charge", HANDLERS),
        "opened_by": case_field("who opened the case", HANDLERS),
    },
    not_personal={
        "id", "number", "source", "complaint", "firm", "region", "conduct", "notified_on",
        "hearing_requested", "hearing_on", "sanction_kind", "decided_on", "review_requested_on",
        "review_decision", "reviewed_on", "final_on", "status", "clock", "opened_at", "version",
    },
    own_data=(
        OwnData(
            "disciplinary_cases",
            "lawyer",
            frozenset(
                {"lawyer", "summary", "notice_facts", "answer", "decision_reasons", "review_grounds",
                 "review_reasons"}
            ),
            ("number", "status", "sanction_kind"),
        ),
        OwnData("disciplinary_cases_in_charge", "officer", frozenset({"officer"}), ("number", "status")),
        OwnData("disciplinary_cases_opened", "opened_by", frozenset({"opened_by"}), ("number", "opened_at")),
    ),
)  # fmt: skip
register(
    "discipline.casestage",
    {
        "actor": case_field("who took the step", HANDLERS),
        "actor_name": case_field("who, as named then", HANDLERS),
        "note": case_field("the text of the step", HANDLERS),
    },
    not_personal={"id", "case", "state", "step", "entered_at", "left_at", "working_days"},
    own_data=(OwnData("case_steps", "actor", frozenset({"actor", "actor_name"}), ("state", "entered_at")),),
)
register(
    "discipline.casegrant",
    {
        "user": case_field("the person named on the case", HANDLERS),
        "named_by": case_field("the officer who named them", HANDLERS),
    },
    not_personal={"id", "case", "named_at"},
    own_data=(
        OwnData("case_grants", "user", frozenset({"user"}), ("named_at",)),
        OwnData("case_grants_made", "named_by", frozenset({"named_by"}), ("named_at",)),
    ),
)
