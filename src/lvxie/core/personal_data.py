"""The register of personal information (PIPL art. 51, 54, 55; GB/T 22239-2019 8.1.4.11): every field of
every model that describes a natural person, with its purpose, legal basis, retention and the roles that
may see it. `tests/core/test_personal_data.py` fails when a model or field is added without being classed
here, so the register cannot fall behind the schema.

Roles name who may see a value unmasked, always within their scope (region, firm, or themself).
"""

from dataclasses import dataclass

from lvxie.accounts.choices import SENSITIVE_READERS, Role


@dataclass(frozen=True)
class PersonalField:
    purpose: str
    basis: str
    retention: str
    roles: frozenset[str]
    sensitive: bool = False  # 敏感个人信息 (PIPL art. 28): masked for everyone else, reading it is audited


# Legal bases (PIPL art. 13 and 34)
STATUTORY = "PIPL 13(3), 34: statutory duties of the justice administration and the bar (律师法 art. 5–9, 46)"
ACCOUNT = "PIPL 13(3): security duties of the operator (网络安全法 art. 21, 等保 level 3)"
PARTY_BASIS = (
    "PIPL 13(3), 28–29: the industry Party committee's organizational duties (separate consent not required)"
)
LOG = "PIPL 13(3): 网络安全法 art. 21 (network logs kept at least six months)"

# Retention
WHILE_REGISTERED = "while registered, then to the archives under the archives rules (档案法)"
WHILE_ACCOUNT = "while the account exists"
AUDIT_RETENTION = "180 days online, then archived (`lvxie audit archive`)"
LOCK_WINDOW = "until the next successful log-in or the end of the lock"
WORK_RETENTION = "while the notice or ledger is kept, then to the archives under the archives rules (档案法)"
UPLOAD_RETENTION = (
    "the file until the import is saved; the job, seen only by its uploader, while the account exists"
)

REGISTRY = frozenset(
    {
        Role.CITY_ADMIN,
        Role.DISTRICT_ADMIN,
        Role.JUDICIAL_OFFICER,
        Role.DISCIPLINE_OFFICER,
        Role.FIRM_ADMIN,
        Role.LAWYER,
    }
)
SENSITIVE = frozenset(SENSITIVE_READERS | {Role.LAWYER})
ACCOUNTS = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN})
AUDITORS = frozenset({Role.AUDITOR})
PARTY = frozenset({Role.PARTY_ADMIN, Role.ORG_SECRETARY})
WORK = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.JUDICIAL_OFFICER, Role.FIRM_ADMIN})
NOBODY: frozenset[str] = frozenset()


def _registry(purpose: str) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, REGISTRY)


def _sensitive(purpose: str) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, SENSITIVE, sensitive=True)


def _party(purpose: str) -> PersonalField:
    """Party membership is sensitive (political affiliation): Party-side roles only, reads audited."""
    return PersonalField(purpose, PARTY_BASIS, WHILE_REGISTERED, PARTY, sensitive=True)


def _work(purpose: str) -> PersonalField:
    """Who wrote, received, answered for or changed a notice or ledger item: part of the official record."""
    return PersonalField(purpose, STATUTORY, WORK_RETENTION, WORK)


def _account(purpose: str, roles: frozenset[str] = ACCOUNTS) -> PersonalField:
    return PersonalField(purpose, ACCOUNT, WHILE_ACCOUNT, roles)


_PERSON = {
    "name": _registry("identify the person in the registry"),
    "name_simplified": _registry("search by name (simplified characters)"),
    "name_pinyin": _registry("search by name (pinyin)"),
    "name_initials": _registry("search by name (initials)"),
    "gender": _registry("statistics required of the bar (gender structure)"),
    "phone": _sensitive("contact the person about their practice"),
    "id_number": _sensitive("identify the person uniquely (licensing, discipline)"),
}

REGISTER: dict[str, dict[str, PersonalField]] = {
    "registry.lawyer": {
        **_PERSON,
        "kind": _registry("practice licence category"),
        "status": _registry("practice status (practising, suspended, revoked)"),
        "licence_no": _registry("practice licence number, public under 律师法"),
        "firm": _registry("where the lawyer practises"),
        "employer": _registry("employer of a company or government lawyer"),
        "region": _registry("which justice bureau supervises the lawyer"),
        "first_licensed_year": _registry("years of practice (statistics, committee eligibility)"),
        "practice_areas": _registry("practice areas (referrals, committees)"),
    },
    "registry.trainee": {
        **_PERSON,
        "firm": _registry("where the trainee trains"),
        "supervisor": _registry("the supervising lawyer"),
        "certificate_no": _registry("trainee certificate"),
        "started_on": _registry("length of the traineeship"),
        "status": _registry("traineeship status"),
    },
    "registry.lawfirm": {"head_name": _registry("the firm's responsible person (public on the licence)")},
    "registry.committeemembership": {
        "lawyer": _registry("membership of a bar committee"),
        "position": _registry("position on the committee"),
        "term_start": _registry("term of office"),
    },
    "accounts.user": {
        "username": _account("log-in name"),
        "display_name": _account("name shown in pages and the audit log"),
        "first_name": _account("unused by lvxie (Django field), kept empty"),
        "last_name": _account("unused by lvxie (Django field), kept empty"),
        "email": _account("unused by lvxie (Django field), kept empty"),
        "lawyer": _account("link from an account to the lawyer's own record"),
        "last_login": _account("account review (dormant accounts)"),
        "date_joined": _account("account review"),
        "is_active": _account("disabled accounts cannot log in"),
        "password": PersonalField("authentication (salted hash only)", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "password_changed_at": _account("password age policy"),
        "must_change_password": _account("initial password policy"),
        "totp_secret": PersonalField("one-time codes", ACCOUNT, WHILE_ACCOUNT, NOBODY, sensitive=True),
        "totp_last_step": PersonalField("refuse a used one-time code", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "session_version": PersonalField("end all sessions", ACCOUNT, WHILE_ACCOUNT, NOBODY),
    },
    "accounts.roleassignment": {
        "user": _account("who holds the role", ACCOUNTS),
        "role": _account("what the person may see and do", ACCOUNTS),
    },
    "accounts.apitoken": {"user": _account("whose token it is", NOBODY)},
    "accounts.passwordhistory": {
        "user": PersonalField("password reuse policy", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "password": PersonalField("password reuse policy (hash)", ACCOUNT, WHILE_ACCOUNT, NOBODY),
    },
    "accounts.loginthrottle": {
        "key": PersonalField(
            "lock an account name or address after failed log-ins", ACCOUNT, LOCK_WINDOW, NOBODY
        )
    },
    "party.partymembership": {
        "lawyer": _party("who is a member"),
        "org": _party("the member's organization"),
        "kind": _party("full or probationary membership"),
        "status": _party("current, transferred out or left"),
        "joined_party_on": _party("date of joining the Party"),
        "joined_on": _party("date of joining this organization"),
        "ended_on": _party("date the membership here ended"),
        "transferred_from": _party("transfer history (组织关系转接)"),
        "note": _party("remarks on the membership"),
    },
    "party.partyorg": {
        "secretary": _party("the organization's secretary (which reveals membership)"),
        "deputy": _party("the deputy secretary (which reveals membership)"),
    },
    "party.instructor": {
        "name": PersonalField(
            "the Party-building instructor assigned to a firm", PARTY_BASIS, WHILE_REGISTERED, PARTY
        ),
        "phone": PersonalField(
            "contact the instructor", PARTY_BASIS, WHILE_REGISTERED, PARTY, sensitive=True
        ),
    },
    "notices.notice": {"created_by": _work("who wrote the notice")},
    "notices.noticeattachment": {"uploaded_by": _work("who attached the file")},
    "notices.replyfile": {"uploaded_by": _work("who sent the reply")},
    "ledgers.ledger": {"created_by": _work("who opened the ledger")},
    "ledgers.rectificationitem": {
        "responsible": _work("the person responsible for the item (整改责任人)"),
        "responsible_user": _work("the responsible person's account, to remind them"),
    },
    "ledgers.itemevent": {"actor": _work("who changed the item"), "actor_name": _work("who, as named then")},
    "ledgers.evidence": {"uploaded_by": _work("who added the evidence")},
    "notifications.notification": {
        "recipient": _account("whom the notification is for", NOBODY),
        "title": _account("what it says (may name the recipient's tasks)", NOBODY),
        "body": _account("what it says", NOBODY),
        "message": _account("what it says, as message ids and parameters", NOBODY),
    },
    "dataio.importjob": {
        # An uploaded spreadsheet holds many people's data, ID numbers included, until its rows are saved.
        "content": PersonalField(
            "the uploaded file, until its rows are saved",
            STATUTORY,
            UPLOAD_RETENTION,
            REGISTRY,
            sensitive=True,
        ),
        "report": PersonalField("the check's findings per row", STATUTORY, UPLOAD_RETENTION, REGISTRY),
        "created_by": _account("who uploaded the file", NOBODY),
    },
    "audit.auditevent": {
        "actor": PersonalField("who acted", LOG, AUDIT_RETENTION, AUDITORS),
        "actor_name": PersonalField("who acted, as named then", LOG, AUDIT_RETENTION, AUDITORS),
        "ip": PersonalField("where from", LOG, AUDIT_RETENTION, AUDITORS),
        "object_repr": PersonalField("which record (a name)", LOG, AUDIT_RETENTION, AUDITORS),
        "before": PersonalField("what changed (sensitive values masked)", LOG, AUDIT_RETENTION, AUDITORS),
        "after": PersonalField("what changed (sensitive values masked)", LOG, AUDIT_RETENTION, AUDITORS),
    },
}

# Models that hold no personal information, and the non-personal fields of those that do.
NOT_PERSONAL_MODELS = {
    "registry.region": "administrative divisions",
    "registry.barcommittee": "bodies of the bar (members are in committeemembership)",
    "registry.overseasoffice": "offices of firms",
    "audit.archivecheckpoint": "positions in the audit chain",
    "notices.receipt": "a firm's or Party organization's receipt of a notice and its reply (not a person's)",
    "party.orgfirm": "which firms an organization sits in or covers",
    "party.pairing": "pairings between organizations, firms and villages",
    "party.venuechecklist": "the six items of an activity room",
    # Counts per firm: shown to Party-side roles only where a small count could identify a member.
    "party.firmcoverage": "coverage state and counts per firm (no names)",
    "party.regioncoverage": "the firm counts added up per region (no names)",
}
NOT_PERSONAL_FIELDS = {
    "registry.lawyer": {"id", "updated_at"},
    "registry.trainee": {"id"},
    "registry.lawfirm": {
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
        "address",
        "founded_on",
        "party_building_in_bylaws",
        "parent_firm",
        "updated_at",
    },
    "registry.committeemembership": {"id", "committee"},
    "accounts.user": {"id", "is_superuser", "is_staff", "groups", "user_permissions"},
    "accounts.roleassignment": {"id", "region", "firm", "party_org", "created_at"},
    "party.partymembership": {"id"},
    "notices.notice": {
        "id",
        "title",
        "body",
        "sender_region",
        "status",
        "audience_kind",
        "audience_region",
        "audience_firm_kinds",
        "reply_required",
        "reply_hint",
        "reply_due",
        "late_replies_allowed",
        "created_at",
        "published_at",
        "audience_firms",
        "audience_party_orgs",
    },
    "notices.noticeattachment": {"id", "file", "name", "content_type", "size", "uploaded_at", "notice"},
    "notices.replyfile": {"id", "file", "name", "content_type", "size", "uploaded_at", "receipt"},
    "ledgers.ledger": {
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
    "ledgers.rectificationitem": {
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
    "ledgers.itemevent": {"id", "item", "action", "status", "reason", "at"},
    "ledgers.evidence": {"id", "file", "name", "content_type", "size", "uploaded_at", "item"},
    "notifications.notification": {"id", "url", "key", "created_at", "read_at"},
    "party.partyorg": {
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
    "party.instructor": {"id", "org", "firm", "started_on", "ended_on"},
    "accounts.apitoken": {"id", "name", "key_hash", "prefix", "created_at", "last_used_at", "revoked"},
    "accounts.passwordhistory": {"id", "created_at"},
    "dataio.importjob": {
        "id",
        "kind",
        "filename",
        "status",
        "total_rows",
        "processed_rows",
        "created_at",
        "finished_at",
    },
    "accounts.loginthrottle": {"id", "kind", "failures", "locked_until", "updated_at"},
    "audit.auditevent": {
        "id",
        "created_at",
        "request_id",
        "action",
        "object_type",
        "object_id",
        "scope_path",
        "result",
        "prev_hash",
        "hash",
    },
}
