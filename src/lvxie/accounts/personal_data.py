"""Accounts' entries in the personal-information register (lvxie.core.personal_data), the role groups
the entries of every app name (Role is accounts' vocabulary) and the constructors they use. The audit
log's entries are here too: audit sits below accounts, and who may read the log is a role."""

from lvxie.core.personal_data import (
    ACCOUNT,
    AUDIT_RETENTION,
    LOCK_WINDOW,
    LOG,
    PARTY_BASIS,
    STATUTORY,
    WHILE_ACCOUNT,
    WHILE_REGISTERED,
    WORK_RETENTION,
    OwnData,
    PersonalField,
    register,
    register_not_personal,
    register_person,
)

from .choices import SENSITIVE_READERS, Role

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


def registry_field(purpose: str) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, REGISTRY)


def sensitive_field(purpose: str) -> PersonalField:
    return PersonalField(purpose, STATUTORY, WHILE_REGISTERED, SENSITIVE, sensitive=True)


def party_field(purpose: str) -> PersonalField:
    """Party membership is sensitive (political affiliation): Party-side roles only, reads audited."""
    return PersonalField(purpose, PARTY_BASIS, WHILE_REGISTERED, PARTY, sensitive=True)


def work_field(purpose: str) -> PersonalField:
    """Who wrote, received, answered for or changed a notice or ledger item: part of the official record."""
    return PersonalField(purpose, STATUTORY, WORK_RETENTION, WORK)


def account_field(purpose: str, roles: frozenset[str] = ACCOUNTS) -> PersonalField:
    return PersonalField(purpose, ACCOUNT, WHILE_ACCOUNT, roles)


register(
    "accounts.user",
    {
        "username": account_field("log-in name"),
        "display_name": account_field("name shown in pages and the audit log"),
        "first_name": account_field("unused by lvxie (Django field), kept empty"),
        "last_name": account_field("unused by lvxie (Django field), kept empty"),
        "email": account_field("unused by lvxie (Django field), kept empty"),
        "lawyer": account_field("link from an account to the lawyer's own record"),
        "last_login": account_field("account review (dormant accounts)"),
        "date_joined": account_field("account review"),
        "is_active": account_field("disabled accounts cannot log in"),
        "password": PersonalField("authentication (salted hash only)", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "password_changed_at": account_field("password age policy"),
        "must_change_password": account_field("initial password policy"),
        "totp_secret": PersonalField("one-time codes", ACCOUNT, WHILE_ACCOUNT, NOBODY, sensitive=True),
        "totp_last_step": PersonalField("refuse a used one-time code", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "session_version": PersonalField("end all sessions", ACCOUNT, WHILE_ACCOUNT, NOBODY),
    },
    not_personal={"id", "is_superuser", "is_staff", "groups", "user_permissions"},
    own_data=(OwnData("account", ""),),
    secrets={"password", "totp_secret", "totp_last_step", "session_version"},
)

register(
    "accounts.apitoken",
    {"user": account_field("whose token it is", NOBODY)},
    not_personal={
        "id",
        "name",
        "key_hash",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked",
        "expires_at",
        "read_only",
    },
    own_data=(OwnData("api_tokens", "user", context=("name", "prefix", "created_at", "revoked")),),
)

register(
    "accounts.passwordhistory",
    {
        "user": PersonalField("password reuse policy", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "password": PersonalField("password reuse policy (hash)", ACCOUNT, WHILE_ACCOUNT, NOBODY),
    },
    not_personal={"id", "created_at"},
    own_data=(OwnData("password_history", "user", context=("created_at",)),),
    secrets={"password"},
)

register(
    "accounts.loginthrottle",
    {
        "key": PersonalField(
            "lock an account name, or slow down an address, after failed log-ins",
            ACCOUNT,
            LOCK_WINDOW,
            NOBODY,
        )
    },
    not_personal={"id", "kind", "failures", "locked_until", "updated_at"},
    not_linked="key: an account name or an address, kept minutes",
)

register(
    "audit.auditevent",
    {
        "actor": PersonalField("who acted", LOG, AUDIT_RETENTION, AUDITORS),
        "actor_name": PersonalField("who acted, as named then", LOG, AUDIT_RETENTION, AUDITORS),
        "ip": PersonalField("where from", LOG, AUDIT_RETENTION, AUDITORS),
        "object_repr": PersonalField("which record (a name)", LOG, AUDIT_RETENTION, AUDITORS),
        "before": PersonalField("what changed (sensitive values masked)", LOG, AUDIT_RETENTION, AUDITORS),
        "after": PersonalField("what changed (sensitive values masked)", LOG, AUDIT_RETENTION, AUDITORS),
    },
    not_personal={
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
    own_data=(
        OwnData(
            "audit_log",
            "actor",
            frozenset({"actor", "actor_name", "ip"}),
            ("created_at", "action", "result"),
            describe=False,
        ),
    ),
)

register_not_personal("audit.archivecheckpoint", "positions in the audit chain")

register_person("accounts.user", lambda user: user)
