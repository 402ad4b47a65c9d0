"""What an import kind is: its columns (with the header variants people write), how a row becomes a
model object, and which services save the new and changed objects. The engine (`dataio.importing`)
does the rest: header matching, duplicate keys within the file, scope checks, the report."""

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lvxie.core.bulk import new_object
from lvxie.core.chinese import to_simplified
from lvxie.core.lookups import chunks
from lvxie.core.types import Actor

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Column:
    """One column of an import template. `key` is the model field; `label` the Chinese header of the
    template; `aliases` other headers accepted for it (compared after folding, see `fold_header`)."""

    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""
    help: str | Promise = ""


_HEADER_NOISE = re.compile(r"[\s*＊:：（）()\[\]【】_\-—]|必填|选填")


@functools.lru_cache(maxsize=4096)
def fold_header(text: str) -> str:
    """Headers compare without spaces, stars, brackets, 必填 and in simplified characters:
    "執業證號（必填）" and "执业证号" are the same column. Also folds choice cells (性别, 执业类别 on every
    row of an import): the few distinct values are converted once."""
    return _HEADER_NOISE.sub("", to_simplified(str(text))).lower()


class RowError(Exception):
    """A row is refused: one or more (column key, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


def choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Accept a choice by its code, its Chinese label or its English label."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[fold_header(value)] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                lookup[fold_header(str(label))] = value
    return lookup


def choice(lookup: dict[str, str], column: str, text: str, default: str | None = None) -> str:
    """The choice a cell names, the default for an empty cell, else a RowError on the column."""
    if not text and default is not None:
        return default
    value = lookup.get(fold_header(text))
    if value is None:
        raise RowError([(column, _("“%(value)s” is not an accepted value.") % {"value": text})])
    return value


_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+00:00:00)?$")
YES = {"是", "有", "yes", "y", "true", "1", "√"}
NO = {"否", "无", "no", "n", "false", "0", "×", ""}


def parse_date(text: str) -> date:
    found = _DATE_RE.match(text.strip())
    if not found:
        raise ValueError(text)
    return date(*map(int, found.groups()))


def parse_bool(text: str) -> bool:
    folded = text.strip().lower()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(text)


def errors_of(exc: ValidationError) -> list[tuple[str, str]]:
    """A model's ValidationError as (field, message) pairs, messages rendered now."""
    if hasattr(exc, "error_dict"):
        return [(name, str(message)) for name, items in exc.message_dict.items() for message in items]
    return [("", str(message)) for message in exc.messages]


def by_key(queryset: models.QuerySet[M], field: str, values: list[str]) -> dict[str, M]:
    """The rows of `queryset` whose `field` is among `values`, by that value, a chunk at a time."""
    found: dict[str, M] = {}
    for chunk in chunks(value for value in values if value):
        for obj in queryset.filter(**{f"{field}__any_of": chunk}):
            found[getattr(obj, field)] = obj
    return found


@dataclass
class Prepared(Generic[M]):
    """One valid row, ready to save: a new object, or an existing one with its changed fields."""

    obj: M
    created: bool
    changed: list[str] = field(default_factory=list)


class ImportKind(ABC):
    """Base class: a subclass per kind of record (one small module each)."""

    name: str = ""
    label: Promise | str = ""
    columns: tuple[Column, ...] = ()
    key: str = ""  # the column records are matched by (upsert)
    unique: tuple[str, ...] = ()  # further columns that must not repeat within a file
    # Firm administrators may import this kind for their own firm.
    firm_roles: bool = False
    # Only Party-side roles may import this kind (or learn it exists); its reports name members, so
    # reading one is audited.
    party_side: bool = False

    def load(self, actor: Actor | None, rows: list[dict[str, str]]) -> None:  # noqa: B027 (optional; default loads nothing)
        """Fetch in a few queries what the rows refer to (firms, districts, existing records)."""

    @abstractmethod
    def build(self, actor: Actor | None, values: dict[str, str]) -> Prepared:
        """Turn one row into a Prepared object or raise RowError."""

    def warnings(self, prepared: Iterable[tuple[int, Prepared]]) -> list[dict[str, Any]]:
        """Likely duplicates and other things worth a look, which do not refuse a row."""
        return []

    @abstractmethod
    def save(self, actor: Actor | None, creates: list[models.Model], updates: list[Prepared]) -> None:
        """Write through the registry's bulk services (the caller holds the transaction)."""

    # True where `save_checking` writes the new records while the rest are checked (importing.streams).
    streams: bool = False

    def save_checking(
        self, actor: Actor | None, creates: Iterator[models.Model], updates: list[Prepared], *, most: int
    ) -> None:
        """`save`, where `creates` is still being checked, at most `most` records, and `updates` is complete
        once `creates` is exhausted (which this must do). Here: all are checked, then saved; a kind that
        `streams` writes each as it comes."""
        created = list(creates)
        self.save(actor, created, updates)

    def summary(self, obj: models.Model) -> str:
        return str(obj)


def changed_fields(updates: Iterable[Prepared]) -> list[str]:
    """Every field some update changes, once, sorted: what one bulk update of the rows writes."""
    return sorted({name for item in updates for name in item.changed})


def apply_changes(obj: models.Model, fields: dict[str, Any]) -> list[str]:
    """Set the fields that differ; returns their names."""
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def prepare_row(
    model: type[M],
    existing: M | None,
    fields: dict[str, Any],
    *,
    validate: Callable[[M], None],
    may_edit: Callable[[M], bool],
    not_yours: tuple[str, str | Promise],
    outside: Callable[[M], tuple[str, str] | None],
    errors: Iterable[tuple[str, str]] = (),
    unknown: Iterable[str] = (),
) -> Prepared[M]:
    """The row as the object the bulk service saves: the registered record (found by the kind's key)
    with the row's values, or a new one. Refused when the registered record lies outside the actor's
    scope (`not_yours`: column and message, which may be lazy: it is made text only for a refused row)
    or the result would (`outside` says where). Search keys filled and validated once: the bulk service
    trusts that while nothing changes.

    Every problem of the row is reported at once: `errors` (what the kind found reading the cells), the
    scope refusals and the model's validation of every other field. A field whose cell was refused, or
    that could not be worked out because of one (`unknown`), is not validated again: its message would
    only repeat the first. `validate` is the bulk service's own check (it remembers what it validated)."""
    errors = list(errors)
    if existing is not None and not may_edit(existing):
        # Not the actor's record: say so, and nothing that validating it would reveal of its other fields.
        column, message = not_yours
        raise RowError([*errors, (column, str(message))])
    if existing is not None:
        # Changes to a refused row's record stay in memory: a file with a refused row saves nothing.
        prepared = Prepared(existing, created=False, changed=apply_changes(existing, fields))
    else:
        prepared = Prepared(new_object(model, fields), created=True)
    refusal = outside(prepared.obj)
    if refusal is not None:
        errors.append(refusal)
    prepared.obj.refresh_search_keys()  # type: ignore[attr-defined]  # every kind that calls this keeps search keys
    try:
        validate(prepared.obj)
    except ValidationError as exc:
        skip = {key for key, _m in errors} | set(unknown)
        errors += [(key, message) for key, message in errors_of(exc) if key not in skip]
    if errors:
        raise RowError(errors)
    return prepared


def visible(model, actor: Actor | None):
    """What the importing actor may see; the system itself (a command run without --user) sees all."""
    return model.objects.all() if actor is None else model.objects.visible_to(actor)
