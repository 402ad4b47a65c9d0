"""Shared machinery for services: snapshots for the audit log and validation (the save-validate-audit step
itself is lvxie.audit.saving.save_audited: core imports no app)."""

import functools
from collections.abc import Hashable
from typing import Any, cast

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection, connections, models
from django.db.models.expressions import DatabaseDefault
from django.forms.models import model_to_dict

from lvxie.core.statements import Statements
from lvxie.core.validators import mask_id_number, mask_phone

_MASKS = {"id_number": mask_id_number, "phone": mask_phone}


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's fields as JSON-able values, sensitive ones masked: the audit log must not become a
    second, less protected copy of ID numbers and phones."""
    data = model_to_dict(obj, fields=[f.name for f in obj._meta.concrete_fields if f.editable])
    for name in getattr(obj, "SENSITIVE_FIELDS", ()):
        if data.get(name):
            data[name] = _MASKS.get(name, lambda v: "***")(data[name])
    return data


@functools.cache
def _foreign_keys(model: type[models.Model]) -> tuple[models.ForeignObject, ...]:
    # Concrete relations are foreign keys (ForeignObject): only they cache the related object.
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, models.ForeignObject))


def saved_relations(obj: models.Model) -> list[models.ForeignObject]:
    """The foreign keys of `obj` that hold a saved object: validation need not look each up again, one
    query per key, since the database's own constraint checks it on write."""
    fields = []
    for field in _foreign_keys(type(obj)):
        if field.is_cached(obj):
            related = field.get_cached_value(obj)
            if related is not None and related.pk is not None:
                fields.append(field)
    return fields


def kept_unique(obj: models.Model, unchanged: frozenset[str]) -> set[str]:
    """Fields whose uniqueness an update need not look up again: unchanged, unique on their own, and in
    no unique set or constraint (leaving them out of the check would leave those out too). The row
    holds the value already, so no other row can."""
    grouped = {name for group in obj._meta.unique_together for name in group}
    grouped |= {name for constraint in obj._meta.total_unique_constraints for name in constraint.fields}
    return {
        f.name for f in obj._meta.fields if f.unique and not f.primary_key and f.name in unchanged - grouped
    }


def _condition_holds(constraint: models.BaseConstraint, obj: models.Model) -> bool | None:
    """Whether a unique constraint's condition holds for the object, read off its own values where the
    condition is a plain AND of `field=value`, `field__in` or `field__isnull` tests; None where it cannot
    be read so (or the constraint has no condition)."""
    condition = (
        getattr(constraint, "condition", None) if isinstance(constraint, models.UniqueConstraint) else None
    )
    if not isinstance(condition, models.Q) or condition.negated or condition.connector != models.Q.AND:
        return None
    for child in condition.children:
        if not isinstance(child, tuple) or isinstance(child[1], models.expressions.Combinable):
            return None
        lookup, value = child
        name, _, op = lookup.partition("__")
        field = next((f for f in obj._meta.concrete_fields if f.name == name), None)
        if field is None or op not in ("", "exact", "in", "isnull") or (field.is_relation and op != "isnull"):
            return None
        current = getattr(obj, field.attname)
        if op == "isnull":
            fails = (current is None) != bool(value)
        else:
            fails = (current not in value) if op == "in" else (current != value)
        if fails:
            return False
    return True


def _direct_lookup(
    model, constraint: models.UniqueConstraint, obj: models.Model, exclude: set[str]
) -> "_Lookup | bool":
    """The lookup of a conditional unique constraint whose condition holds for the object, as Django's
    check would make it but without the savepoint Django puts it in (three round trips; this one is run
    with the object's other lookups, `_exist_each`). True: nothing to look up (a value left out or NULL,
    as Django). False: not a plain one (fields only, none generated, no condition on an excluded field),
    left to Django."""
    fields = [model._meta.get_field(name) for name in constraint.fields]
    condition = cast(models.Q, constraint.condition)  # a plain one (`_condition_holds` read it)
    tests = [child for child in condition.children if isinstance(child, tuple)]
    conditioned = {str(lookup).partition("__")[0] for lookup, _value in tests}
    if not fields or constraint.expressions or any(f.generated for f in fields) or conditioned & exclude:
        return False
    lookups = {}
    for field in fields:
        value = getattr(obj, field.attname)
        if field.name in exclude or (value is None and constraint.nulls_distinct is not False):
            return True  # as Django: not checked (NULLs never collide)
        lookups[field.name] = value
    excluded = obj.pk if not obj._state.adding and obj.pk is not None else None
    return _Lookup(model, tuple(lookups), tuple(lookups.values()), excluded, constraint)


class _Lookup:
    """One uniqueness or constraint lookup, not yet run: `model`'s rows with these values of these fields
    (and the constraint's condition), less the row itself (`excluded`, its key) on an update."""

    __slots__ = ("constraint", "excluded", "model", "names", "values")

    def __init__(self, model, names: tuple[str, ...], values: tuple, excluded: Any, constraint=None) -> None:
        self.model, self.names, self.values, self.excluded = model, names, values, excluded
        self.constraint = constraint

    def rows(self, *values: Any) -> models.QuerySet:
        """The queryset of the lookup, with `values` (its own, then the excluded key, if any)."""
        condition = () if self.constraint is None else (self.constraint.condition,)
        rows = self.model._default_manager.filter(*condition, **dict(zip(self.names, values, strict=False)))
        if self.excluded is not None:
            rows = rows.exclude(pk=values[len(self.names)])
        return rows

    def sql(self) -> tuple[str, list]:
        """Its `EXISTS` query's SQL and parameters: compiled once per shape (model, fields, constraint,
        update or insert) and then only given the new values (`_LOOKUPS`), where the values allow (text and
        integers); else built as usual. Building and compiling a queryset was most of a write's checks."""
        values = self.values if self.excluded is None else (*self.values, self.excluded)
        name = None if self.constraint is None else self.constraint.name
        key = (self.model, self.names, name, self.excluded is not None)
        compiled = _LOOKUPS.exists_sql(key, self.rows, *values)
        if compiled is not None:
            return compiled
        query = self.rows(*values).query.exists()
        sql, params = query.get_compiler(using=self.db).as_sql()
        return sql, list(params)

    @property
    def db(self) -> str:
        return self.model._default_manager.db


_LOOKUPS = Statements()


def _unique_lookups(obj: models.Model, exclude: set[str]) -> tuple[list, list]:
    """Django's uniqueness lookups of `obj` (`Model._perform_unique_checks`, which runs each as it makes
    it) as (rows, the key its error is filed under, the error), not yet run; and its date checks."""
    row: Any = obj  # (Django's own helpers, which its stubs do not name)
    unique_checks, date_checks = row._get_unique_checks(exclude=exclude)
    found = []
    for model_class, unique_check in unique_checks:
        lookups = {}
        for name in unique_check:
            field = cast(models.Field, obj._meta.get_field(name))
            value = getattr(obj, field.attname)
            if value is None or (value == "" and connection.features.interprets_empty_strings_as_nulls):
                continue  # as Django: a set with a missing value is not checked (below)
            if field in model_class._meta.pk_fields and not obj._state.adding:
                continue  # as Django: an update keeps its own primary key
            lookups[str(name)] = value
        if len(lookups) != len(unique_check):
            continue
        updating = not obj._state.adding and row._is_pk_set(model_class._meta)
        excluded = obj._get_pk_val(model_class._meta) if updating else None
        key = unique_check[0] if len(unique_check) == 1 else NON_FIELD_ERRORS
        lookup = _Lookup(model_class, tuple(lookups), tuple(lookups.values()), excluded)
        found.append((lookup, key, obj.unique_error_message(model_class, unique_check)))
    return found, date_checks


def _exist_each(lookups: list[_Lookup]) -> list[bool]:
    """Whether each has a row, in one round trip: `SELECT EXISTS (…), EXISTS (…)`. An insert's checks
    (a licence number, an active membership, a transfer's source) were one query each."""
    if not lookups:
        return []
    if len({lookup.db for lookup in lookups}) > 1:
        return [lookup.rows(*lookup.values, lookup.excluded).exists() for lookup in lookups]
    parts, params = [], []
    for lookup in lookups:
        sql, part_params = lookup.sql()
        parts.append(f"EXISTS ({sql})")
        params.extend(part_params)
    with connections[lookups[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [bool(value) for value in cursor.fetchone()]


def _constraint_errors(obj: models.Model, exclude: set[str], lookups: list) -> dict:
    """`Model.validate_constraints`' errors, less what can be read off the object: a conditional unique
    constraint whose plain condition the object fails is not looked up (`_condition_holds`); the lookup of
    one it meets is added to `lookups`, as (rows, the key its error is filed under, the error), to be run
    without Django's savepoint (`_direct_lookup`). The errors of the constraints Django checks itself."""
    errors: dict = {}
    for model, constraints in obj.get_constraints():
        for constraint in constraints:
            holds = _condition_holds(constraint, obj)
            if holds is False:
                continue
            plain = cast(models.UniqueConstraint, constraint)  # (holds: a conditional unique one)
            direct = _direct_lookup(model, plain, obj, exclude) if holds else False
            if isinstance(direct, _Lookup):
                error = ValidationError(
                    constraint.get_violation_error_message(), code=constraint.violation_error_code
                )
                lookups.append((direct, _constraint_key(constraint, error), error))
                continue
            if direct:
                continue
            try:
                constraint.validate(model, obj, exclude=exclude)  # type: ignore[attr-defined]
            except ValidationError as error:
                errors = _file(errors, _constraint_key(constraint, error), error)
    return errors


def _constraint_key(constraint: models.BaseConstraint, error: ValidationError) -> str | None:
    """Where a constraint's error is filed: under its field when it is a plain unique one on one field (as
    Django files it), else where the error says (None)."""
    fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
    return fields[0] if getattr(error, "code", None) == "unique" and len(fields) == 1 else None


def _file(errors: dict, key: str | None, error: Any) -> dict:
    if key is None:
        return ValidationError(error).update_error_dict(errors)
    errors.setdefault(key, []).append(error)
    return errors


@functools.lru_cache(maxsize=8192)
def _cleaned(field: models.Field, kind: Any, value: Any) -> tuple[bool, Any]:
    """(True, the cleaned value) or (False, the errors) of one value of one field that is not a relation:
    its checks (type, choices, length, validators) are a function of the value alone. `kind` keeps 1
    and True apart."""
    try:
        return True, field.clean(value, None)
    except ValidationError as error:
        return False, error.error_list


def clean_fields_remembered(obj: models.Model, *, exclude: set[str]) -> None:
    """`obj.clean_fields(exclude)`, where a value a field has checked lately is not checked again: in a
    bulk call most columns repeat a few values (a kind, a status, a district, a year) on every row, and
    eleven validators a row were a fifth of a large import. Relations (which look the row up) and
    unhashable values are checked each time."""
    errors: dict[str, list] = {}
    for field in obj._meta.fields:
        if field.name in exclude or field.generated:
            continue
        raw = getattr(obj, field.attname)
        if (field.blank and raw in field.empty_values) or isinstance(raw, DatabaseDefault):
            continue  # as Django: the developer's to fill
        try:
            kind = cast(Hashable, type(raw))
            ok, value = (True, field.clean(raw, obj)) if field.is_relation else _cleaned(field, kind, raw)
        except TypeError:  # unhashable (a list of practice areas, say)
            ok, value = True, field.clean(raw, obj)
        except ValidationError as error:  # (a relation's own check)
            ok, value = False, error.error_list
        if ok:
            setattr(obj, field.attname, value)
        else:
            errors[field.name] = value
    if errors:
        raise ValidationError(errors)


def validate(
    obj: models.Model, *, fields: tuple[str, ...] = (), unchanged: frozenset[str] = frozenset()
) -> None:
    """`full_clean`, less the lookups of `saved_relations`; uniqueness and constraints that involve those
    keys are still checked, so a duplicate still gets its message rather than a database error.
    `fields`: only these changed, so only they (and the model's `clean`) are checked. `unchanged`: these
    fields kept their stored values (an update), so their own uniqueness is not looked up (`kept_unique`)."""
    errors: dict = {}
    others = {field.name for field in obj._meta.fields if field.name not in fields} if fields else set()
    try:
        obj.clean_fields(exclude=others | {field.name for field in saved_relations(obj)})
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = others | set(errors)  # as full_clean: a field that failed is not checked for uniqueness too
    # Every lookup of the row, its uniqueness and its constraints, in one round trip (`_exist_each`).
    lookups, date_checks = _unique_lookups(obj, failed | kept_unique(obj, unchanged))
    found = _constraint_errors(obj, failed, lookups)
    for key, date_errors in cast(Any, obj)._perform_date_checks(date_checks).items():
        found.setdefault(key, []).extend(date_errors)
    for (_lookup, key, refusal), hit in zip(
        lookups, _exist_each([lookup for lookup, *_ in lookups]), strict=True
    ):
        if hit:
            found = _file(found, key, refusal)
    if found:
        errors = ValidationError(found).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def require(allowed: bool) -> None:
    """Refuse an action the actor's scope does not grant. Callers have already shown the object is
    visible (else it would be a 404), so this is a plain 403."""
    if not allowed:
        raise PermissionDenied
