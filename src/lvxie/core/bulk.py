"""Inserting many validated rows at the speed of the database: COPY on PostgreSQL, `bulk_create` elsewhere.

`bulk_create` sends one INSERT … RETURNING per batch, with every value a parameter; COPY streams the rows
in one command, several times faster on the lawyer table with its indexes (issue 13: an import should
cost about twice COPY). It runs on the caller's connection, inside the caller's transaction, so an
import still saves every row or none. The keys are taken from the table's own sequence first, so each
object has its primary key afterwards, as after `bulk_create` on PostgreSQL.

Only what `bulk_create` would write is written: each concrete field's `pre_save` (auto_now dates) and
database value, no signals, no `save()`; the caller has validated the rows (the bulk services do).
"""

from collections.abc import Sequence

from django.db import connection, models

# Below this many rows the round trips are few either way: keep the plain path (and its simpler plan).
COPY_FROM_ROWS = 500


def bulk_insert(model: type[models.Model], rows: Sequence[models.Model], *, batch_size: int) -> None:
    if connection.vendor != "postgresql" or len(rows) < COPY_FROM_ROWS or not _copyable(model):
        model._default_manager.bulk_create(rows, batch_size=batch_size)
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
            [meta.db_table, meta.pk.column, len(rows)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        attnames = [field.attname for field in fields]
        # Most fields' values are written as they are (psycopg adapts str, int, bool, dates, None); the
        # others (auto_now dates, any other type of field) go through the field, as bulk_create does.
        prepared = [(index, field) for index, field in enumerate(fields, start=1) if not _plain(field)]
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row, key in zip(rows, keys, strict=True):
                row.pk = key
                values = row.__dict__
                line = [key, *(values[name] for name in attnames)]
                for index, field in prepared:
                    line[index] = field.get_db_prep_save(field.pre_save(row, True), connection)
                copy.write_row(line)
                row._state.adding = False
                row._state.db = connection.alias


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


def _plain(field: models.Field) -> bool:
    if isinstance(field, models.DateTimeField) or getattr(field, "auto_now", False):
        return False
    if getattr(field, "auto_now_add", False):
        return False
    return type(field).__module__.startswith("django.") and isinstance(field, _PLAIN_FIELDS)
