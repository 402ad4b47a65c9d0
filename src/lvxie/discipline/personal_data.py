"""Discipline's entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.choices import Role
from lvxie.core.personal_data import STATUTORY, WHILE_REGISTERED, OwnData, PersonalField, register

# A sanction is on the record of the lawyer or firm: the region staff and discipline officers over them,
# the firm and the lawyer themselves; a public one reaches the public look-up for its period only.
RECORD = frozenset(
    {Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.JUDICIAL_OFFICER, Role.DISCIPLINE_OFFICER, Role.FIRM_ADMIN,
     Role.LAWYER}
)  # fmt: skip


def sanction_field(purpose: str) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, RECORD)


register(
    "discipline.sanction",
    {"lawyer": sanction_field("the lawyer sanctioned"), "reasons": sanction_field("the facts and reasons")},
    not_personal={"id", "firm", "region", "kind", "status", "decided_on", "public", "created_at"},
    own_data=(
        OwnData("sanctions", "lawyer", frozenset({"lawyer", "reasons"}), ("kind", "status", "decided_on")),
    ),
)
