"""`__any_of` (core/lookups.py): given a list of values, when rows are filtered by it, then the rows are
those `__in` finds (on plain fields, keys and foreign keys), on both databases; NULLs match
nothing and an empty list finds nothing; on PostgreSQL the list is one parameter, however long."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lvxie.core.lookups import SQLITE_CHUNK, chunks
from lvxie.registry.models import Lawyer
from tests.factories import LawyerFactory


@pytest.fixture
def lawyers(world):
    firm = world["ft_firm"]
    return [LawyerFactory(firm=firm, region=firm.region) for _ in range(3)]


def test_any_of_finds_what_in_finds(lawyers):
    wanted = [lawyers[0].licence_no, lawyers[2].licence_no, "00000000000000000", None]
    found = set(Lawyer.objects.filter(licence_no__any_of=wanted).values_list("pk", flat=True))
    assert found == set(Lawyer.objects.filter(licence_no__in=wanted).values_list("pk", flat=True))
    assert found == {lawyers[0].pk, lawyers[2].pk}


def test_any_of_works_on_keys_and_combines_with_other_filters(lawyers):
    keys = [lawyer.pk for lawyer in lawyers[1:]]
    rows = Lawyer.objects.filter(pk__any_of=keys, name__any_of=[lawyers[1].name])
    assert list(rows.values_list("pk", flat=True)) == [lawyers[1].pk]


def test_any_of_works_on_a_foreign_key_by_its_values(lawyers, world):
    firms = [world["ft_firm"].pk, None]
    found = set(Lawyer.objects.filter(firm_id__any_of=firms).values_list("pk", flat=True))
    assert found == set(Lawyer.objects.filter(firm_id__in=firms).values_list("pk", flat=True))
    assert found >= {lawyer.pk for lawyer in lawyers}
    assert world["ns_lawyer"].pk not in found
    assert set(Lawyer.objects.filter(firm__any_of=firms).values_list("pk", flat=True)) == found


@pytest.mark.parametrize("wanted", [[], [None]])
def test_an_empty_list_finds_nothing(lawyers, wanted):
    assert not Lawyer.objects.filter(licence_no__any_of=wanted).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array parameter is PostgreSQL's")
def test_on_postgresql_a_long_list_is_one_parameter(lawyers):
    wanted = [lawyers[0].licence_no, *(f"{n:017d}" for n in range(5000))]
    with CaptureQueriesContext(connection) as queries:
        assert Lawyer.objects.filter(licence_no__any_of=wanted).count() == 1
    assert "= ANY(" in queries.captured_queries[-1]["sql"]


def test_chunks_are_distinct_sorted_and_sized_for_the_database():
    values = [f"{n:05d}" for n in range(2000)] * 2
    sent = list(chunks(values))
    assert [v for chunk in sent for v in chunk] == sorted(set(values))
    if connection.vendor == "postgresql":
        assert len(sent) == 1
    else:
        assert max(len(chunk) for chunk in sent) == SQLITE_CHUNK
    assert list(chunks([])) == []
