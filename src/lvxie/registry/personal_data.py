"""The registry's entries in the personal-information register (lvxie.core.personal_data)."""

from lvxie.accounts.personal_data import (
    registry_field,
    sensitive_field,
)
from lvxie.core.personal_data import (
    OwnData,
    register,
    register_not_personal,
    register_person,
)

_PERSON = {
    "name": registry_field("identify the person in the registry"),
    "name_simplified": registry_field("search by name (simplified characters)"),
    "name_pinyin": registry_field("search by name (pinyin)"),
    "name_initials": registry_field("search by name (initials)"),
    "gender": registry_field("statistics required of the bar (gender structure)"),
    "phone": sensitive_field("contact the person about their practice"),
    "id_number": sensitive_field("identify the person uniquely (licensing, discipline)"),
}

register(
    "registry.lawyer",
    {
        **_PERSON,
        "kind": registry_field("practice licence category"),
        "status": registry_field("practice status (practising, suspended, revoked)"),
        "licence_no": registry_field("practice licence number, public under 律师法"),
        "firm": registry_field("where the lawyer practises"),
        "employer": registry_field("employer of a company or government lawyer"),
        "region": registry_field("which justice bureau supervises the lawyer"),
        "region_path": registry_field("the region's path, copied for scope (which bureau supervises)"),
        "first_licensed_year": registry_field("years of practice (statistics, committee eligibility)"),
        "practice_areas": registry_field("practice areas (referrals, committees)"),
    },
    not_personal={"id", "updated_at"},
    own_data=(OwnData("lawyer", ""),),
)

register(
    "registry.trainee",
    {
        **_PERSON,
        "firm": registry_field("where the trainee trains"),
        "supervisor": registry_field("the supervising lawyer"),
        "certificate_no": registry_field("trainee certificate"),
        "started_on": registry_field("length of the traineeship"),
        "status": registry_field("traineeship status"),
    },
    not_personal={"id"},
    own_data=(
        OwnData("trainees_supervised", "supervisor", frozenset({"supervisor", "name", "certificate_no"})),
    ),
)

register(
    "registry.lawfirm",
    {"head_name": registry_field("the firm's responsible person (public on the licence)")},
    not_personal={
        "id",
        "name",
        "name_simplified",
        "name_pinyin",
        "name_initials",
        "kind",
        "status",
        "credit_code",
        "licence_no",
        "region",
        "region_path",
        "address",
        "founded_on",
        "party_building_in_bylaws",
        "parent_firm",
        "updated_at",
    },
    not_linked="head_name: the responsible person's name as on the firm's licence",
)

register(
    "registry.committeemembership",
    {
        "lawyer": registry_field("membership of a bar committee"),
        "position": registry_field("position on the committee"),
        "term_start": registry_field("term of office"),
    },
    not_personal={"id", "committee"},
    own_data=(OwnData("committees", "lawyer"),),
)

register_not_personal("registry.region", "administrative divisions")

register_not_personal("registry.barcommittee", "bodies of the bar (members are in committeemembership)")

register_not_personal("registry.overseasoffice", "offices of firms")

# The lawyer record is a person: their own data comes from the account's link to it.
register_person("registry.lawyer", lambda user: user.lawyer)
