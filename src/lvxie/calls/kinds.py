"""Kinds of call. A kind declares what each unit fills in (typed fields), whether files may be attached,
and the criteria the reviewers score on (a maximum and a weight each). The secretaries' annual reports,
commendations and contests will each be a kind; this module holds the registry and the kind the demo
uses: the bar's classic-case selection (经典案例评选, from the Shenzhen 2023 high-quality development
conference: "经典案例评选、技能大赛……等专项创新活动").

Values are checked here (`clean_values`): a draft may leave required fields empty, a submission may
not. Values are stored as JSON: text as strings, numbers as numbers, dates as ISO strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lvxie.core.validators import validate_multiline_text, validate_plain_text

from .choices import FieldType

TEXT_MAX = 200
LONG_TEXT_MAX = 5000


@dataclass(frozen=True)
class FieldSpec:
    """One field a unit fills in."""

    name: str
    label: str | Promise
    type: str = FieldType.TEXT
    required: bool = True
    choices: tuple[tuple[str, str | Promise], ...] = ()
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    help_text: str | Promise = ""


@dataclass(frozen=True)
class Grade:
    """One step of a rating scale (好 / 较好 / 一般 / 差) and the points it is worth."""

    code: str
    label: str | Promise
    points: int


@dataclass(frozen=True)
class Criterion:
    """One thing reviewers score, from 0 to `max_points`; `weight` is its share of the result. With a
    `scale`, reviewers rate it instead: they pick a grade, which is kept as the grade's points."""

    code: str
    label: str | Promise
    max_points: int
    weight: int
    scale: tuple[Grade, ...] = ()

    def grade(self, points: object) -> Grade | None:
        """The grade worth these points (None for a criterion without a scale or points off it)."""
        return next((g for g in self.scale if g.points == points), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": str(self.label),
            "max_points": self.max_points,
            "weight": self.weight,
            "scale": [[g.code, str(g.label), g.points] for g in self.scale],
        }

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> Criterion:
        scale = tuple(Grade(str(c), str(label), int(p)) for c, label, p in row.get("scale") or ())
        return cls(str(row["code"]), str(row["label"]), int(row["max_points"]), int(row["weight"]), scale)


@dataclass(frozen=True)
class Flag:
    """A mark the issuing staff set on single submissions (the secretaries' "oral report")."""

    code: str
    label: str | Promise


@dataclass(frozen=True)
class Category:
    """One category a call awards places in (a commendation's 优秀共产党员); each call sets its number of
    places (`Call.quotas`), `default_quota` until it does."""

    code: str
    label: str | Promise
    default_quota: int


@dataclass(frozen=True)
class CallKind:
    """A registered kind of call."""

    code: str
    label: str | Promise
    fields: tuple[FieldSpec, ...]
    criteria: tuple[Criterion, ...]
    attachments_allowed: bool = True
    max_files: int = 5
    title_field: str = ""  # the field that names a submission in the results
    flags: tuple[Flag, ...] = ()
    public_results: bool = True  # False: the results stay inside (never on the public site)
    description: str | Promise = ""
    extra: dict = field(default_factory=dict, compare=False)
    categories: tuple[Category, ...] = ()
    # "score": the reviewers score each accepted submission on the criteria (`Score`); "vote": the app
    # that owns the kind has its panel vote on what the submissions put forward, and no criteria.
    review: str = "score"
    # Run when a unit submits (after its fields are checked): the owning app's own rules, e.g. each
    # nominee still eligible. Raises ValidationError to refuse.
    on_submit: Callable[[Any], None] | None = field(default=None, compare=False)
    unit_kinds: tuple[str, ...] = ()  # who may be the units (UnitKind values); empty: any

    @property
    def total_weight(self) -> int:
        return sum(c.weight for c in self.criteria)

    def criterion(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def category_label(self, code: str) -> str:
        """The category's label in the current language; its code when the kind has no such category."""
        category = self.category(code)
        return str(category.label) if category else code

    @property
    def scored(self) -> bool:
        return self.review == REVIEW_SCORE


REVIEW_SCORE, REVIEW_VOTE = "score", "vote"
_KINDS: dict[str, CallKind] = {}


def criteria_problem(criteria: tuple[Criterion, ...]) -> str:
    """What is wrong with a set of criteria ("" when nothing): at least one, codes once each, positive
    maxima and weights, every grade of a scale between 0 and the maximum, grade codes once each."""
    if not criteria:
        return "no criteria"
    if len({c.code for c in criteria}) != len(criteria):
        return "a criterion code twice"
    if any(c.max_points <= 0 or c.weight <= 0 for c in criteria):
        return "a criterion without a positive maximum and weight"
    for c in criteria:
        if len({g.code for g in c.scale}) != len(c.scale) or any(
            not 0 <= g.points <= c.max_points for g in c.scale
        ):
            return f"the scale of {c.code!r}"
    return ""


def register(kind: CallKind) -> CallKind:
    """Register a kind (again replaces it). A scored kind's criteria need positive maxima and weights
    (`criteria_problem`); a voted one has none. Categories need positive default quotas."""
    if kind.review not in (REVIEW_SCORE, REVIEW_VOTE):
        raise ValueError(f"kind {kind.code!r} has an unknown review {kind.review!r}")
    if kind.scored:
        problem = criteria_problem(kind.criteria)
        if problem:
            raise ValueError(f"kind {kind.code!r}: {problem}")
    elif kind.criteria:
        raise ValueError(f"kind {kind.code!r} is voted on: it has no criteria")
    if any(c.default_quota <= 0 for c in kind.categories) or len({c.code for c in kind.categories}) != len(
        kind.categories
    ):
        raise ValueError(f"kind {kind.code!r} needs distinct categories with positive quotas")
    names = [f.name for f in kind.fields]
    if len(set(names)) != len(names):
        raise ValueError(f"kind {kind.code!r} declares a field twice")
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> CallKind:
    """The kind registered under `code` (KeyError when none is)."""
    return _KINDS[code]


def kinds() -> list[CallKind]:
    return [_KINDS[code] for code in sorted(_KINDS)]


def scored_kind_codes() -> list[str]:
    """The kinds whose reviewers score submissions (the others are voted on elsewhere)."""
    return [k.code for k in kinds() if k.scored]


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, str(k.label)) for k in kinds()]


def _clean_one(spec: FieldSpec, raw: Any) -> Any:
    if spec.type in (FieldType.TEXT, FieldType.LONG_TEXT):
        text = str(raw).strip()
        limit = TEXT_MAX if spec.type == FieldType.TEXT else LONG_TEXT_MAX
        if len(text) > limit:
            raise ValidationError(
                _("At most %(limit)s characters."), code="too_long", params={"limit": limit}
            )
        (validate_plain_text if spec.type == FieldType.TEXT else validate_multiline_text)(text)
        return text
    if spec.type == FieldType.NUMBER:
        try:
            number = Decimal(str(raw).strip())
        except InvalidOperation as exc:
            raise ValidationError(_("Enter a number."), code="number") from exc
        if not number.is_finite():
            raise ValidationError(_("Enter a number."), code="number")
        if spec.min_value is not None and number < spec.min_value:
            raise ValidationError(_("The value is too small."), code="min_value")
        if spec.max_value is not None and number > spec.max_value:
            raise ValidationError(_("The value is too large."), code="max_value")
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.type == FieldType.CHOICE:
        value = str(raw)
        if value not in {code for code, _label in spec.choices}:
            raise ValidationError(
                _("Select a valid choice. That choice is not one of the available choices."), code="choice"
            )
        return value
    if spec.type == FieldType.DATE:
        if isinstance(raw, dt.date):
            return raw.isoformat()
        try:
            return dt.date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError as exc:
            raise ValidationError(_("Enter a valid date."), code="date") from exc
    raise ValidationError(_("Enter a valid value."), code="invalid")


def clean_values(kind: CallKind, data: Mapping[str, Any], *, complete: bool) -> dict[str, Any]:
    """The values of the kind's fields from `data` (unknown keys refused), checked; with `complete`,
    every required field must be filled in. Raises ValidationError keyed by field name."""
    errors: dict[str, list[ValidationError]] = {}
    known = {spec.name for spec in kind.fields}
    unknown = sorted(set(data) - known)
    if unknown:
        errors["__all__"] = [
            ValidationError(
                _("Unknown fields: %(names)s"), code="unknown_field", params={"names": ", ".join(unknown)}
            )
        ]
    values: dict[str, Any] = {}
    for spec in kind.fields:
        raw = data.get(spec.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if complete and spec.required:
                errors[spec.name] = [ValidationError(_("This field is required."), code="required")]
            continue
        try:
            values[spec.name] = _clean_one(spec, raw)
        except ValidationError as error:
            errors[spec.name] = error.error_list
    if errors:
        raise ValidationError(errors)
    return values


CLASSIC_CASES = register(
    CallKind(
        code="classic_cases",
        label=_("Classic case selection"),
        description=_(
            "Each firm puts forward one case it handled that shows professional skill and social value."
        ),
        fields=(
            FieldSpec("case_name", _("Case name")),
            FieldSpec(
                "practice_area",
                _("Practice area"),
                FieldType.CHOICE,
                choices=(
                    ("civil", _("Civil and commercial")),
                    ("criminal", _("Criminal defence")),
                    ("administrative", _("Administrative")),
                    ("foreign", _("Foreign-related")),
                    ("public_interest", _("Public interest")),
                ),
            ),
            FieldSpec("lead_lawyer", _("Lawyer in charge")),
            FieldSpec("concluded_on", _("Date concluded"), FieldType.DATE),
            FieldSpec(
                "amount",
                _("Amount in dispute (10,000 yuan)"),
                FieldType.NUMBER,
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(10**9),
            ),
            FieldSpec("summary", _("Summary of the case"), FieldType.LONG_TEXT),
            FieldSpec("significance", _("Why it is a classic"), FieldType.LONG_TEXT),
        ),
        criteria=(
            Criterion("difficulty", _("Professional difficulty"), 10, 30),
            Criterion("impact", _("Social impact"), 10, 30),
            Criterion("innovation", _("Legal innovation"), 10, 25),
            Criterion("writing", _("Quality of the written account"), 10, 15),
        ),
        title_field="case_name",
    )
)
