"""Compiled statements (core/statements.py) and slices that choose their keys first (core/paging.py):
given querysets built from values, when they run again with other values under the same key, then they
give exactly what the queryset itself gives (the same objects, related rows and order) without compiling
again; and a value a lookup would rewrite, or a shape that cannot be compiled once, is built as usual."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from lvxie.core.paging import rows_between
from lvxie.core.statements import Statements
from lvxie.registry.models import Lawyer
from tests.factories import LawyerFactory


@pytest.fixture
def lawyers(world):
    firm = world["ft_firm"]
    names = ["王伟", "王伟东", "王芳", "李伟", "张伟", "王_一", "王%二"]
    return [LawyerFactory(name=name, firm=firm) for name in names]


def _by_name(text: str, *pks: int):
    queryset = Lawyer.objects.select_related("firm", "region").filter(name__contains=text)
    if pks:
        queryset = queryset.exclude(pk__in=pks)
    return queryset.order_by("-name", "pk")


def _compiles(monkeypatch) -> list:
    calls = []
    original = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return calls


def test_a_statement_runs_again_with_new_values_without_compiling(lawyers, monkeypatch):
    statements = Statements()
    first = statements.rows("by name", _by_name, "伟")
    assert first == list(_by_name("伟"))
    compiles = _compiles(monkeypatch)
    again = statements.rows("by name", _by_name, "王")
    assert not compiles  # the SQL compiled for "伟" ran with "王"
    assert [o.pk for o in again] == [o.pk for o in _by_name("王")] and again
    assert all(o.firm.name and o.region.name for o in again)  # the related rows came with them
    with CaptureQueriesContext(connection) as queries:
        [(o.firm.name, o.region.name) for o in again]
    assert not queries.captured_queries


def test_integers_are_values_too(lawyers):
    statements = Statements()
    wang = [o.pk for o in lawyers if o.name.startswith("王")]
    for excluded in ([wang[0]], [wang[1]]):
        got = statements.rows("but", _by_name, "王", *excluded)
        assert [o.pk for o in got] == [o.pk for o in _by_name("王", *excluded)]
        assert excluded[0] not in [o.pk for o in got]


def test_a_value_like_would_rewrite_is_built_as_usual(lawyers, monkeypatch):
    statements = Statements()
    statements.rows("by name", _by_name, "伟")
    compiles = _compiles(monkeypatch)
    got = statements.rows("by name", _by_name, "_")
    assert compiles  # built and compiled for this value: LIKE escapes "_"
    assert [o.name for o in got] == ["王_一"]
    assert [o.name for o in statements.rows("by name", _by_name, "%")] == ["王%二"]


def test_a_shape_that_compiles_to_nothing_is_never_cached(lawyers):
    statements = Statements()
    nothing = lambda text: Lawyer.objects.filter(pk__in=[], name=text)  # noqa: E731
    assert statements.rows("nothing", nothing, "王") == []
    assert statements.rows("nothing", nothing, "李") == []


def test_a_slice_of_joined_rows_chooses_its_keys_first(lawyers):
    rows = _by_name("伟")
    with CaptureQueriesContext(connection) as queries:
        got = rows_between(rows, 1, 3)
    assert got == list(rows[1:3]) and len(queries.captured_queries) == 1
    assert "IN (SELECT" in queries.captured_queries[0]["sql"]  # the keys chosen before the joins
    assert rows_between(rows, 10, 20) == []
    plain = Lawyer.objects.filter(name__contains="伟").order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        got = rows_between(plain, 0, 2)
    assert got == list(plain[:2]) and "IN (SELECT" not in queries.captured_queries[0]["sql"]  # no join


def test_a_count_runs_again_with_new_values_without_compiling(lawyers, monkeypatch):
    statements = Statements()
    assert statements.count("by name", _by_name, "伟") == _by_name("伟").count() > 1
    wang = _by_name("王").count()
    compiles = _compiles(monkeypatch)
    assert statements.count("by name", _by_name, "王") == wang
    assert not compiles
    LawyerFactory(name="王五", firm=lawyers[0].firm)
    assert statements.count("by name", _by_name, "王") == wang + 1  # the SQL is kept, never the answer


def test_a_sliced_or_distinct_queryset_is_counted_as_usual(lawyers):
    statements = Statements()
    assert statements.count("sliced", lambda text: _by_name(text)[:2], "王") == 2
    firms = _by_name("王").values("firm").distinct()
    assert (
        statements.count("distinct", lambda text: _by_name(text).values("firm").distinct(), "王")
        == firms.count()
    )
    assert firms.count() < _by_name("王").count()


def test_driver_rows_are_the_querysets_rows(lawyers):
    """`driver_rows` skips Django's converters on PostgreSQL only where they would change nothing:
    counts, integer sums and text come back as the queryset gives them, on either database."""
    from django.db.models import Count, Sum

    from lvxie.core.statements import driver_rows

    grouped = (
        Lawyer.objects.values("firm_id")
        .annotate(n=Count("id"), years=Sum("first_licensed_year"))
        .order_by("firm_id")
        .values_list("firm_id", "n", "years", "firm__name")
    )
    assert driver_rows(grouped) == list(grouped) and Lawyer.objects.count() == sum(n for _, n, *_ in grouped)
    assert driver_rows(Lawyer.objects.none().values_list("pk")) == []
