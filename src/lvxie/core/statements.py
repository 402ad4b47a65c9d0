"""Querysets compiled to SQL once per shape, then run with new values: for the hottest reads (a search
keystroke), where Django's building and compiling of the query costs more than PostgreSQL's answer.

A statement is built by a function of its values, `build(*values) -> QuerySet`, under a `key` that names
everything else the query and `build` depend on (the kind of search, the scope, the limit). The first
call builds it with stand-in values, compiles it once, and notes where each value lands among the
SQL's parameters; later calls with the same key put their values in those places and run the same SQL
through the same compiler, so the rows come back as the queryset would give them (model objects with
their related rows, or values).

It only ever gives what the queryset itself would: the first compile is checked against the queryset
built with the real values (the same SQL, the same parameters), and a shape that does not match is never
cached. A value that a lookup would rewrite (LIKE's `%`, `_` and `\\`, which it escapes) makes that call
build its queryset as usual. Values are text or integers; `build` must not branch on them (the key
carries what it branches on), and nothing else it reads may change while the process runs: no clock,
no language, no row of the database turned into a constant of the SQL (scope paths belong in the key).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Hashable
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet

from lvxie.core.kept import Kept

# Stand-ins: private-use characters around the value's position (no lookup rewrites them), and
# integers no key or count takes.
_TEXT_MARK = "\ue000{}\ue001"
_TEXT_MARK_RE = re.compile("\ue000(\\d+)\ue001")
_INT_MARK = -1_000_000_000
_REWRITTEN = re.compile("[%_\\\\\ue000\ue001]")
MAX_SHAPES = 512


class _Statement:
    """One compiled query: its SQL, and each parameter as a constant or as where a value goes."""

    __slots__ = ("compiler", "queryset", "slots", "sql")

    def __init__(self, queryset: QuerySet, compiler: Any, sql: str, params: list, marks: tuple) -> None:
        self.queryset, self.compiler, self.sql = queryset, compiler, sql
        ints = {mark: i for i, mark in enumerate(marks) if isinstance(mark, int)}
        self.slots: list[tuple[str, Any]] = []
        for param in params:
            if isinstance(param, str) and "\ue000" in param:
                self.slots.append(("text", param))
            elif isinstance(param, int) and param in ints:
                self.slots.append(("int", (ints[param], type(param))))
            else:
                self.slots.append(("constant", param))

    def bind(self, values: tuple) -> list:
        bound = []
        for kind, slot in self.slots:
            if kind == "text":
                bound.append(_TEXT_MARK_RE.sub(lambda m: values[int(m.group(1))], slot))
            elif kind == "int":
                index, wrap = slot
                bound.append(wrap(values[index]))
            else:
                bound.append(slot)
        return bound

    def rows(self, values: tuple) -> list:
        sql, params = self.sql, self.bind(values)
        compiler = copy.copy(self.compiler)  # its select list and row converters, already worked out
        compiler.connection = connections[self.queryset.db]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = self.queryset._chain()  # type: ignore[attr-defined]  # a fresh clone: only it gets this compiler
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


class Statements:
    """The compiled statements of one kind of read (one per key, the most recent MAX_SHAPES)."""

    def __init__(self) -> None:
        self._shapes: Kept[_Statement | None] = Kept(MAX_SHAPES)

    def rows(self, key: Hashable, build: Callable[..., QuerySet], *values: str | int) -> list:
        """`list(build(*values))`, compiled once per `key` (and the values' types)."""
        statement = self._statement(key, build, values)
        if statement is None:
            return list(build(*values))
        return statement.rows(values)

    def count(self, key: Hashable, build: Callable[..., QuerySet], *values: str | int) -> int:
        """`build(*values).count()`, compiled once per `key` as `rows` is: the count of its keys, for a
        queryset neither sliced nor distinct (another one is counted as usual)."""
        statement = self._statement(("count", key), lambda *v: _keys(build(*v)), values)
        if statement is None:
            return build(*values).count()
        with connections[statement.queryset.db].cursor() as cursor:
            # (Django's compiled SQL; the values are parameters)
            cursor.execute(f"SELECT count(*) FROM ({statement.sql}) AS counted", statement.bind(values))  # noqa: S608
            return cursor.fetchone()[0]

    def exists_sql(
        self, key: Hashable, build: Callable[..., QuerySet], *values: Any
    ) -> tuple[str, list] | None:
        """The SQL and parameters of `build(*values).exists()`, compiled once per `key` as `rows` is, to be
        run inside a larger statement; None: build it as usual (values other than text and integers, too)."""
        statement = self._statement(("exists", key), lambda *v: _exists(build(*v)), values)
        return None if statement is None else (statement.sql, statement.bind(values))

    def _statement(self, key: Hashable, build: Callable[..., QuerySet], values: tuple) -> _Statement | None:
        """The compiled statement of `key`, compiled now if it is new; None: build the queryset as usual."""
        if any(not isinstance(v, str | int) or (isinstance(v, str) and _REWRITTEN.search(v)) for v in values):
            return None
        key = (key, tuple(type(v) for v in values))
        return self._shapes.get(key, lambda: _compile(build, values))


def _keys(rows: QuerySet) -> QuerySet:
    """What `count` counts: the rows' keys; nothing to compile for a sliced or distinct queryset (whose
    count is not its keys' count), which is then counted as usual."""
    if rows.query.is_sliced or rows.query.distinct or rows.query.combinator:
        return rows.none()
    return rows.order_by().values("pk")


def driver_rows(rows: QuerySet) -> list[tuple]:
    """`list(rows)` of a `values_list` queryset, on PostgreSQL as the driver gives them, without Django's
    per-value converters: for a select list of integers, counts, sums of integers or decimals and text,
    which psycopg already gives as `int`, `Decimal` and `str` (what the converters would make of them).
    Tens of thousands of grouped rows paid a fifth of their read in converters. Elsewhere (SQLite, whose
    decimals need converting), the queryset's own rows."""
    connection = connections[rows.db]
    if connection.vendor != "postgresql":
        return list(rows)
    try:
        sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _exists(rows: QuerySet) -> QuerySet:
    """A queryset whose query is `rows.exists()`'s (compiled, not run: `exists_sql`)."""
    rows = rows._chain()  # type: ignore[attr-defined]
    rows.query = rows.query.exists()
    return rows


def _compile(build: Callable[..., QuerySet], values: tuple) -> _Statement | None:
    marks = tuple(_TEXT_MARK.format(i) if isinstance(v, str) else _INT_MARK - i for i, v in enumerate(values))
    queryset = build(*marks)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except (EmptyResultSet, FullResultSet):  # nothing to run (or to compile once): build it each time
        return None
    statement = _Statement(queryset, compiler, sql, list(params), marks)
    # The check: the queryset built with the real values compiles to this SQL with these parameters.
    real = build(*values)
    real_sql, real_params = real.query.get_compiler(using=real.db).as_sql()
    same = real_sql == sql and list(real_params) == statement.bind(values)
    return statement if same else None
