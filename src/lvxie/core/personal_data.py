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
    "accounts.rolegrantproposal": {
        "user": _account("whose role waits for a second person's approval", ACCOUNTS),
        "role": _account("the role proposed", ACCOUNTS),
        "proposed_by": _account("who proposed the role (two-person grants)", ACCOUNTS),
        "decided_by": _account("who approved or refused it", ACCOUNTS),
    },
    "accounts.apitoken": {"user": _account("whose token it is", NOBODY)},
    "accounts.passwordhistory": {
        "user": PersonalField("password reuse policy", ACCOUNT, WHILE_ACCOUNT, NOBODY),
        "password": PersonalField("password reuse policy (hash)", ACCOUNT, WHILE_ACCOUNT, NOBODY),
    },
    "accounts.loginthrottle": {
        "key": PersonalField(
            "lock an account name, or slow down an address, after failed log-ins",
            ACCOUNT,
            LOCK_WINDOW,
            NOBODY,
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
    "party.membertransfer": {
        "member": _party("the membership being transferred (who is a member)"),
        "from_org": _party("the member's organization"),
        "to_org": _party("the organization the member goes to"),
        "on": _party("date of the transfer"),
        "status": _party("whether the receiving side accepted"),
        "reason": _party("the receiving side's reason for refusing"),
        "moved": _party("the membership the transfer started"),
        "requested_by": _party("who asked for the transfer (a secretary or committee staff)"),
        "requested_by_name": _party("who asked for the transfer, as named then"),
        "requested_at": _party("when the transfer was asked for"),
        "decided_by": _party("who decided on the transfer"),
        "decided_by_name": _party("who decided on the transfer, as named then"),
        "decided_at": _party("when the transfer was decided"),
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
    "calls.call": {"created_by": _work("who wrote the call for submissions")},
    "calls.callreviewer": {"reviewer": _work("a reviewer named on the call")},
    "calls.submission": {
        "lawyer": _work("the lawyer who submits (a call to lawyers)"),
        "values": _work("what the unit submitted (may name its lawyers)"),
    },
    "calls.submissionfile": {"uploaded_by": _work("who attached the file")},
    "calls.submissionevent": {
        "actor": _work("who saved, submitted, returned or accepted"),
        "actor_name": _work("who, as named then"),
    },
    "calls.score": {"reviewer": _work("who scored")},
    "calls.scorerevision": {"changed_by": _work("who changed the score")},
    "workflow.publicationwindow": {"created_by": _work("who published the item")},
    "workflow.objection": {
        "name": _work("the objector's name, if given"),
        "contact": _work("how to reach the objector, if given"),
        "text": _work("the objection (may name people)"),
    },
    "workflow.workdayoverride": {"created_by": _work("who set the working-day override")},
    "workflow.workdayyear": {"confirmed_by": _work("who confirmed the year's calendar")},
    "workflow.clock": {"responsible": _work("who is told when the clock passes its deadline")},
    "workflow.clockevent": {"actor": _work("who started, paused, resumed or stopped the clock")},
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
    "public.ratecounter": {
        "address": PersonalField(
            "limit the public look-up per client address (against scraping)",
            ACCOUNT,
            "until the address's next window (a minute by default), then deleted",
            NOBODY,
        )
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
    "workflow.jobrun": "runs of the periodic jobs (a host name and process id, no person)",
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
    "accounts.rolegrantproposal": {
        "id",
        "region",
        "firm",
        "party_org",
        "status",
        "proposed_at",
        "decided_at",
    },
    "party.partymembership": {"id"},
    "party.membertransfer": {"id"},
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
    "calls.call": {
        "id",
        "title",
        "kind",
        "description",
        "region",
        "party",
        "status",
        "unit_kind",
        "audience_kind",
        "audience_region",
        "audience_firm_kinds",
        "audience_firms",
        "audience_party_orgs",
        "deadline",
        "deadline_working_days",
        "created_at",
        "opened_at",
        "published_at",
        "version",
    },
    "calls.callreviewer": {"id", "call"},
    "calls.submission": {
        "id",
        "call",
        "firm",
        "party_org",
        "region",
        "status",
        "submitted_at",
        "late",
        "return_reason",
        "accepted_at",
        "last_reminded_at",
        "version",
    },
    "calls.submissionfile": {"id", "file", "name", "content_type", "size", "uploaded_at", "submission"},
    "calls.submissionevent": {"id", "submission", "action", "status", "reason", "late", "at"},
    "calls.score": {"id", "submission", "points", "total", "comment", "scored_at", "changed_at"},
    "calls.scorerevision": {"id", "score", "points", "total", "reason", "changed_at"},
    "workflow.publicationwindow": {
        "id",
        "content_type",
        "object_id",
        "kind",
        "title",
        "scope_path",
        "party",
        "starts_at",
        "ends_at",
        "withdrawn_at",
        "opened_marked_at",
        "closed_marked_at",
        "created_at",
    },
    "workflow.objection": {"id", "window", "created_at"},
    "workflow.workdayoverride": {"id", "date", "kind", "note", "created_at"},
    "workflow.workdayyear": {"id", "year", "confirmed_at", "note"},
    "workflow.clock": {
        "id",
        "content_type",
        "object_id",
        "owner_key",
        "purpose",
        "budget_days",
        "started_at",
        "state",
        "paused_since",
        "paused_days",
        "stopped_at",
        "due_on",
        "overdue_marked_at",
    },
    "workflow.clockevent": {"id", "clock", "action", "at", "note"},
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
    "accounts.apitoken": {
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
        "lease_token",
        "lease_expires_at",
    },
    "public.ratecounter": {"period", "hits"},
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


# A person's own data (PIPL art. 45: access and copy). Each registered model that links a row to a person
# (their account, accounts.user, or their lawyer record, registry.lawyer) says here under which section
# of the download its rows appear, through which field, and which of the row's registered fields are the
# person's: in a row that is about someone else (a trainee they supervise, an organization whose deputy is
# another member, an uploaded file of many people's rows) only the fields naming them are. `None`: every
# registered field a role may see, and the person's own sensitive values too (they are theirs).
# tests/core/test_personal_data.py fails when the register gains a link to a person that is not here.
PERSON_MODELS = ("accounts.user", "registry.lawyer")


@dataclass(frozen=True)
class OwnData:
    section: str
    link: str  # the field pointing at the person; "" for the person's own row (account, lawyer record)
    fields: frozenset[str] | None = None
    context: tuple[str, ...] = ()  # non-personal fields that say what the row is (an action, a date)
    describe: bool = True  # add the row's name ("record"); not for audit events, whose name is the object's


OWN_DATA: dict[str, tuple[OwnData, ...]] = {
    "accounts.user": (OwnData("account", ""),),
    "registry.lawyer": (OwnData("lawyer", ""),),
    "accounts.roleassignment": (OwnData("roles", "user"),),
    "accounts.rolegrantproposal": (
        OwnData("role_proposals", "user"),
        OwnData("role_proposals_made", "proposed_by", frozenset({"proposed_by"}), ("status", "proposed_at")),
        OwnData("role_proposals_decided", "decided_by", frozenset({"decided_by"}), ("status", "decided_at")),
    ),
    "accounts.apitoken": (
        OwnData("api_tokens", "user", context=("name", "prefix", "created_at", "revoked")),
    ),
    "accounts.passwordhistory": (OwnData("password_history", "user", context=("created_at",)),),
    "registry.committeemembership": (OwnData("committees", "lawyer"),),
    "registry.trainee": (
        OwnData("trainees_supervised", "supervisor", frozenset({"supervisor", "name", "certificate_no"})),
    ),
    "party.partymembership": (OwnData("party_membership", "lawyer"),),
    # A secretary's own acts on a transfer; whom it moved is the member's (and the Party side's), not theirs.
    "party.membertransfer": (
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
    "party.partyorg": (
        OwnData("party_offices", "secretary", frozenset({"secretary"})),
        OwnData("party_offices", "deputy", frozenset({"deputy"})),
    ),
    "notices.notice": (OwnData("notices_written", "created_by", frozenset({"created_by"}), ("title",)),),
    "notices.noticeattachment": (
        OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),
    ),
    "notices.replyfile": (OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
    "ledgers.ledger": (OwnData("ledgers_opened", "created_by", frozenset({"created_by"}), ("title",)),),
    "ledgers.rectificationitem": (
        OwnData(
            "ledger_items_responsible", "responsible_user", frozenset({"responsible", "responsible_user"})
        ),
    ),
    "ledgers.itemevent": (
        OwnData("ledger_item_changes", "actor", frozenset({"actor", "actor_name"}), ("action", "at")),
    ),
    "ledgers.evidence": (OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),),
    "notifications.notification": (OwnData("notifications", "recipient", context=("created_at", "read_at")),),
    "calls.call": (OwnData("calls_written", "created_by", frozenset({"created_by"}), ("title",)),),
    "calls.callreviewer": (OwnData("calls_to_review", "reviewer", frozenset({"reviewer"}), ("call",)),),
    "calls.submission": (
        OwnData("call_submissions", "lawyer", frozenset({"lawyer", "values"}), ("status",)),
    ),
    "calls.submissionfile": (
        OwnData("files_uploaded", "uploaded_by", frozenset({"uploaded_by"}), ("name",)),
    ),
    "calls.submissionevent": (
        OwnData("call_submission_changes", "actor", frozenset({"actor", "actor_name"}), ("action", "at")),
    ),
    "calls.score": (OwnData("call_scores", "reviewer", frozenset({"reviewer"}), ("points", "total")),),
    "calls.scorerevision": (
        OwnData("call_score_changes", "changed_by", frozenset({"changed_by"}), ("total", "reason")),
    ),
    "workflow.publicationwindow": (
        OwnData("publications", "created_by", frozenset({"created_by"}), ("title", "starts_at", "ends_at")),
    ),
    "workflow.workdayoverride": (
        OwnData("workday_overrides", "created_by", frozenset({"created_by"}), ("date", "kind")),
    ),
    "workflow.workdayyear": (
        OwnData("workday_years_confirmed", "confirmed_by", frozenset({"confirmed_by"}), ("year",)),
    ),
    "workflow.clock": (
        OwnData("clocks_responsible", "responsible", frozenset({"responsible"}), ("purpose",)),
    ),
    "workflow.clockevent": (OwnData("clock_changes", "actor", frozenset({"actor"}), ("action", "at")),),
    "dataio.importjob": (
        OwnData("imports", "created_by", frozenset({"created_by"}), ("kind", "filename", "created_at")),
    ),
    "audit.auditevent": (
        OwnData(
            "audit_log",
            "actor",
            frozenset({"actor", "actor_name", "ip"}),
            ("created_at", "action", "result"),
            describe=False,
        ),
    ),
}
# Entries that name a person only as text, not as a link: they cannot be told apart from a namesake.
NOT_LINKED = {
    "registry.lawfirm": "head_name: the responsible person's name as on the firm's licence",
    "party.instructor": "name, phone: instructors have no account or lawyer record",
    "accounts.loginthrottle": "key: an account name or an address, kept minutes",
    "public.ratecounter": "address: a client address, kept a minute",
    "workflow.objection": "name, contact: as the objector typed them, with no account or lawyer record",
}
# Never in a download (no role sees them; they would let a thief of the file log in).
SECRETS = {
    "accounts.user": {"password", "totp_secret", "totp_last_step", "session_version"},
    "accounts.passwordhistory": {"password"},
}


def _value(value):
    return value if value is None or isinstance(value, bool | int) else str(value)


def own_data(user) -> dict[str, list[dict]]:
    """Every registered entry about `user` as a person, section by section (see OWN_DATA)."""
    from django.apps import apps

    people = {"accounts.user": user, "registry.lawyer": user.lawyer}
    data: dict[str, list[dict]] = {}
    for label, ways in OWN_DATA.items():
        model = apps.get_model(label)
        for way in ways:
            if way.link:
                target = model._meta.get_field(way.link).related_model._meta.label_lower
                if people[target] is None:
                    continue
                rows = list(model._default_manager.filter(**{way.link: people[target]}).order_by("pk"))
            else:
                rows = [people[label]] if people[label] is not None else []
            names = [
                name
                for name in REGISTER[label]
                if (way.fields is None or name in way.fields) and name not in SECRETS.get(label, ())
            ]
            for row in rows:
                values = {"record": str(row)} if way.describe else {}
                values.update({name: _value(getattr(row, name)) for name in way.context})
                values.update({name: _value(getattr(row, name)) for name in names})
                data.setdefault(way.section, []).append(values)
    return data
