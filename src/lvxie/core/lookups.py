"""`field__any_of=[…]`: `__in` for long lists of values (an import's licence numbers, its names).

`__in` compiles one placeholder per value, and the driver splits the query at each of them again: for
20,000 licence numbers that is most of the time of the query. On PostgreSQL `any_of` sends the list as
ONE array parameter (`= ANY(%s)`, which uses the same index); elsewhere it is `__in`. `chunks` sizes the
lists a caller sends at once: all of them on PostgreSQL, what SQLite's parameter limit allows elsewhere.
On a foreign key the values are the keys (`lawyer_id__any_of=[1, 2]`), not objects."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models.lookups import In

SQLITE_CHUNK = 900  # SQLite allows 999 parameters in a query


# Registered on Field and, because a relation looks its lookups up only from ForeignObject down, on that too.
@models.ForeignObject.register_lookup
@models.Field.register_lookup
class AnyOf(In):
    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = list(dict.fromkeys(v for v in self.rhs if v is not None))  # as `__in`: NULL matches nothing
        if not values:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (
            *lhs_params,
            [field.get_db_prep_value(v, connection, prepared=True) for v in values],
        )


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    """The distinct values, sorted, in lists of at most as many as one query may send."""
    ordered = sorted(set(values))
    size = max(len(ordered), 1) if connection.vendor == "postgresql" else SQLITE_CHUNK
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
