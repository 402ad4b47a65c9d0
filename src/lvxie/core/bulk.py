"""Inserting many validated rows at the speed of the database: COPY on PostgreSQL, `bulk_create` elsewhere.

`bulk_create` sends one INSERT … RETURNING per batch, with every value a parameter; COPY streams the rows
in one command, several times faster on the lawyer table with its indexes (issue 13: an import should
cost about twice COPY). It runs on the caller's connection, inside the caller's transaction, so an
import still saves every row or none. The keys are taken from the table's own sequence first, so each
object has its primary key afterwards, as after `bulk_create` on PostgreSQL.

Only what `bulk_create` would write is written: each concrete field's `pre_save` (auto_now dates) and
database value, no signals, no `save()`; the caller has validated the rows (the bulk services do).
"""

import contextlib
import functools
import gc
import threading
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django.db import connection, connections, models, router
from django.db.models import signals

M = TypeVar("M", bound=models.Model)

# Below this many rows the round trips are few either way: keep the plain path (and its simpler plan).
COPY_FROM_ROWS = 500


def bulk_insert(
    model: type[models.Model], rows: Iterable[models.Model], *, batch_size: int, most: int | None = None
) -> None:
    """Insert `rows`. They may still be coming (an import checking the rest of its file, `most` bounding
    how many): each is then written as it comes, so that the database's work on the rows already sent
    overlaps the caller's on the next ones. Nothing else may use the connection until they are all in."""
    if most is None:
        rows = list(rows)
        most = len(rows)
    if connection.vendor != "postgresql" or most < COPY_FROM_ROWS or not _copyable(model):
        model._default_manager.bulk_create(list(rows), batch_size=batch_size)
        return
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in [meta.pk, *fields])
    table = connection.ops.quote_name(meta.db_table)
    # wrap_database_errors: a refused row (a key taken meanwhile) raises Django's IntegrityError, as from
    # bulk_create, which the import turns into "nothing was saved" (the transaction is rolled back).
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, most],
        )
        keys = iter([key for (key,) in cursor.fetchall()])  # (those of rows that do not come stay unused)
        attnames = [field.attname for field in fields]
        # Most fields' values are written as they are (psycopg adapts str, int, bool, dates, None); the
        # others (auto_now dates, any other type of field) go through the field, as bulk_create does.
        prepared = [(index, field) for index, field in enumerate(fields, start=1) if not _plain(field)]
        # An auto_now date is the insert's: one for all the rows (the first row's), converted once.
        stamps: dict[models.Field, tuple[Any, Any]] = {}
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                key = next(keys, None)
                if key is None:
                    raise ValueError(f"more than the {most} rows announced")
                row.pk = key
                values = row.__dict__
                line = [key, *(values[name] for name in attnames)]
                for index, field in prepared:
                    if field in stamps:
                        value, line[index] = stamps[field]
                        setattr(row, field.attname, value)
                        continue
                    value = field.pre_save(row, True)
                    line[index] = field.get_db_prep_save(value, connection)
                    if _stamped(field):
                        stamps[field] = (value, line[index])
                copy.write_row(line)
                row._state.adding = False
                row._state.db = connection.alias


def insert_one(obj: models.Model) -> None:
    """`obj.save(force_insert=True)` for a row written on the path of every change (an audit event): one
    `INSERT … RETURNING` its key, whose SQL is made once per model, not built and compiled each time
    (two thirds of an event's cost). Only for a model with an automatic key, no `save()` of its own and
    no signal receivers: the same values as `save` (each field's `pre_save` and database value), no
    signals. A value that is an expression (a database default) is saved as usual."""
    meta = obj._meta
    fields = _insert_fields(type(obj))
    values = [field.pre_save(obj, True) for field in fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        obj.save(force_insert=True)
        return
    db = router.db_for_write(type(obj))
    link = connections[db]
    sql = _insert_sql(type(obj), db)
    with link.cursor() as cursor:
        cursor.execute(
            sql, [field.get_db_prep_save(value, link) for field, value in zip(fields, values, strict=True)]
        )
        (key,) = cursor.fetchone()
    setattr(obj, meta.pk.attname, key)
    obj._state.adding, obj._state.db = False, db


def save_row(obj: models.Model) -> None:
    """`obj.save()` for the rows a service writes on every change (a transfer, its new membership, its
    history row): a new row by `insert_one`, a loaded one by one `UPDATE` of every column whose SQL is
    made once per model, where Django's `save` would build and compile its query each time (a third of
    a small write's cost). Whatever `save` does that these do not (a model's own `save`, signal
    receivers, inheritance, deferred fields, an explicit key on a new row) is left to `save`."""
    model = type(obj)
    # (as save: an unsaved related object is refused)
    obj._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    listened = signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model)
    if listened or not _plain_model(model):
        obj.save()
    elif obj._state.adding and obj.pk is None:
        insert_one(obj)
    elif not obj._state.adding and obj.pk is not None and not obj.get_deferred_fields() and _update_one(obj):
        pass
    else:
        obj.save()


def _update_one(obj: models.Model) -> bool:
    """One `UPDATE` of every column of a loaded row (pre_save stamps auto_now dates, as save does);
    False: no row has that key (any more), for `save` to deal with as it does."""
    db = obj._state.db or router.db_for_write(type(obj))
    link = connections[db]
    fields = _insert_fields(type(obj))
    values = [field.pre_save(obj, False) for field in fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        return False
    params = [field.get_db_prep_save(value, link) for field, value in zip(fields, values, strict=True)]
    with link.cursor() as cursor:
        cursor.execute(_update_sql(type(obj), db), [*params, obj.pk])
        if cursor.rowcount != 1:
            return False
    obj._state.db = db
    return True


@functools.cache
def _plain_model(model: type[models.Model]) -> bool:
    """Saved by `save_row`'s own statements: `Model.save` itself, an automatic key, one table."""
    meta = model._meta
    return (
        model.save is models.Model.save
        and isinstance(meta.pk, models.AutoField | models.BigAutoField)
        and not meta.parents
        and not meta.proxy
        and not meta.order_with_respect_to
        and not any(isinstance(field, models.GeneratedField) for field in meta.concrete_fields)
    )


@functools.cache
def _update_sql(model: type[models.Model], db: str) -> str:
    ops = connections[db].ops
    sets = ", ".join(f"{ops.quote_name(field.column)} = %s" for field in _insert_fields(model))
    table, pk = ops.quote_name(model._meta.db_table), ops.quote_name(model._meta.pk.column)
    return f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608


@functools.cache
def _insert_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(field for field in model._meta.concrete_fields if not field.primary_key)


@functools.cache
def _insert_sql(model: type[models.Model], db: str) -> str:
    ops = connections[db].ops
    fields = _insert_fields(model)
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    pk = ops.quote_name(model._meta.pk.column)
    return f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks}) RETURNING {pk}"  # noqa: S608


def _copyable(model: type[models.Model]) -> bool:
    """An auto-incrementing integer key (taken from its sequence) and plain columns: no field whose value
    the database computes (a generated field) or that psycopg cannot write in COPY's text form."""
    meta = model._meta
    if not isinstance(meta.pk, models.AutoField | models.BigAutoField):
        return False
    unusual = models.GeneratedField | models.JSONField
    return not any(isinstance(field, unusual) for field in meta.concrete_fields)


_PLAIN_FIELDS = (
    models.CharField,  # and its subclasses (EmailField, SlugField, URLField)
    models.TextField,
    models.IntegerField,  # and the small, big and positive ones
    models.BooleanField,
    models.DateField,  # not DateTimeField, a subclass: its auto_now and time zones need the field
    models.ForeignKey,
)


def _stamped(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _plain(field: models.Field) -> bool:
    if isinstance(field, models.DateTimeField) or _stamped(field):
        return False
    return type(field).__module__.startswith("django.") and isinstance(field, _PLAIN_FIELDS)


@functools.cache
def _construction(model: type[models.Model]) -> tuple[tuple[models.Field, ...], frozenset[str]] | None:
    """The concrete fields in the order `Model.__init__` takes them by position, and their names; None
    for a model with a relation other than a plain foreign key (a one-to-one key's related object caches
    the instance back)."""
    fields = tuple(model._meta.concrete_fields)
    plain = (not f.is_relation or (isinstance(f, models.ForeignKey) and not f.one_to_one) for f in fields)
    if not all(plain):
        return None
    return fields, frozenset(field.name for field in fields)


def new_object(model: type[M], fields: dict[str, Any]) -> M:
    """`model(**fields)` (field names; a related object or None for a foreign key), the same object built
    as Django builds the rows it loads: every value by position, a related object cached beside its
    key, no descriptor per field. Half the cost of `model(**fields)`, on every row of an import."""
    construction = _construction(model)
    if construction is None or not construction[1].issuperset(fields):
        return model(**fields)
    values, related = [], []
    for field in construction[0]:
        if field.name not in fields:
            values.append(field.get_default())
        elif isinstance(field, models.ForeignKey):
            obj = fields[field.name]
            related.append((field, obj))
            values.append(None if obj is None else getattr(obj, field.target_field.attname))
        else:
            values.append(fields[field.name])
    made = model(*values)
    for field, obj in related:
        field.set_cached_value(made, obj)
        if obj is not None and made._state.db is None:  # as the key's descriptor does
            made._state.db = router.db_for_write(model, instance=obj)
    return made


class _Pause:
    """How many `collector_paused` blocks are running, in any thread, and whether the collector was on
    before the first of them."""

    def __init__(self) -> None:
        self.lock, self.depth, self.was_on = threading.Lock(), 0, False


_pause = _Pause()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (on again after the last such block, if it was
    on): work that holds many new objects until its end (an import's rows) gains nothing from it, and
    its full passes rescanned every row held so far, again and again (a quarter of a 20,000-row import,
    more as files grow). Reference counting still frees what the block lets go of."""
    with _pause.lock:
        if _pause.depth == 0:
            _pause.was_on = gc.isenabled()
            gc.disable()
        _pause.depth += 1
    try:
        yield
    finally:
        with _pause.lock:
            _pause.depth -= 1
            if _pause.depth == 0 and _pause.was_on:
                gc.enable()
