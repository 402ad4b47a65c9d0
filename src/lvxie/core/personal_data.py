"""The register of personal information (PIPL art. 51, 54, 55; GB/T 22239-2019 8.1.4.11): every field of
every model that describes a natural person, with its purpose, legal basis, retention and the roles that
may see it. `tests/core/test_personal_data.py` fails when a model or field is added without being classed
here, so the register cannot fall behind the schema.

This module is the register's machinery; the entries are each app's own: `<app>/personal_data.py` calls
`register` (found by CoreConfig.ready, like the pickers). Roles name who may see a value unmasked, always
within their scope (region, firm, or themself); the role groups live with the Role vocabulary
(lvxie.accounts.personal_data).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


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

# The register, filled by the apps (see `register`).
REGISTER: dict[str, dict[str, PersonalField]] = {}
# Models that hold no personal information, and the non-personal fields of those that do.
NOT_PERSONAL_MODELS: dict[str, str] = {}
NOT_PERSONAL_FIELDS: dict[str, set[str]] = {}


# A person's own data (PIPL art. 45: access and copy). Each registered model that links a row to a person
# (their account, accounts.user, or their lawyer record, registry.lawyer) says here under which section
# of the download its rows appear, through which field, and which of the row's registered fields are the
# person's: in a row that is about someone else (a trainee they supervise, an organization whose deputy is
# another member, an uploaded file of many people's rows) only the fields naming them are. `None`: every
# registered field a role may see, and the person's own sensitive values too (they are theirs).
# tests/core/test_personal_data.py fails when the register gains a link to a person that is not here.


@dataclass(frozen=True)
class OwnData:
    section: str
    link: str  # the field pointing at the person; "" for the person's own row (account, lawyer record)
    fields: frozenset[str] | None = None
    context: tuple[str, ...] = ()  # non-personal fields that say what the row is (an action, a date)
    describe: bool = True  # add the row's name ("record"); not for audit events, whose name is the object's


# The models that are a person, and how to find the user's row of each (their account, their lawyer record).
PERSON_MODELS: dict[str, Callable[[Any], Any]] = {}
OWN_DATA: dict[str, tuple[OwnData, ...]] = {}
# Entries that name a person only as text, not as a link: they cannot be told apart from a namesake.
NOT_LINKED: dict[str, str] = {}
# Never in a download (no role sees them; they would let a thief of the file log in).
SECRETS: dict[str, set[str]] = {}


def register(
    label: str,
    fields: dict[str, PersonalField],
    *,
    not_personal: Iterable[str] = (),
    own_data: tuple[OwnData, ...] = (),
    not_linked: str = "",
    secrets: Iterable[str] = (),
) -> None:
    """Class a model (`app.model`) that holds personal information: its personal fields, its other
    fields, how its rows reach a person's own download (`own_data`) or why they cannot (`not_linked`),
    and the fields never downloaded (`secrets`)."""
    if label in REGISTER or label in NOT_PERSONAL_MODELS:
        raise ValueError(f"{label} is registered twice in the personal-data register")
    REGISTER[label] = dict(fields)
    if not_personal:
        NOT_PERSONAL_FIELDS[label] = set(not_personal)
    if own_data:
        OWN_DATA[label] = tuple(own_data)
    if not_linked:
        NOT_LINKED[label] = not_linked
    if secrets:
        SECRETS[label] = set(secrets)


def register_not_personal(label: str, why: str) -> None:
    """Class a model that holds no personal information, saying what it holds instead."""
    if label in REGISTER or label in NOT_PERSONAL_MODELS:
        raise ValueError(f"{label} is registered twice in the personal-data register")
    NOT_PERSONAL_MODELS[label] = why


def register_person(label: str, of_user: Callable[[Any], Any]) -> None:
    """A model whose row is a person (`of_user(user)`: the user's own row, or None)."""
    PERSON_MODELS[label] = of_user


def _value(value):
    return value if value is None or isinstance(value, bool | int) else str(value)


def own_data(user) -> dict[str, list[dict]]:
    """Every registered entry about `user` as a person, section by section (see OWN_DATA)."""
    from django.apps import apps

    people = {label: of_user(user) for label, of_user in PERSON_MODELS.items()}
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
