"""ListDef: one definition of a list's filters, columns and orderings. Given a definition, when it is
asked through the page's query string or the API's parameters, then the same filters narrow the same
rows; a refused value matches nothing (it never widens the list); the orderings a user may choose are the
declared ones; the columns split into the page's and the export's, the masked ones only where allowed."""

import pytest

from lvxie.core.lists import Column, ListDef, boolean, choice, search
from lvxie.core.validators import mask_phone
from lvxie.registry.choices import FirmKind, FirmStatus
from lvxie.registry.models import LawFirm
from tests.factories import LawFirmFactory

pytestmark = pytest.mark.django_db

FIRMS = ListDef(
    name="test-firms",
    model=LawFirm,
    rows=lambda actor: LawFirm.objects.select_related("region"),
    filters=(
        search(lambda rows, q: rows.filter(name__contains=q), description="Part of the name."),
        choice("kind", "Kind", FirmKind),
        choice("status", "Status", FirmStatus),
        boolean("party_building_in_bylaws", "Bylaws"),
    ),
    columns=(
        Column("name", "Name", link=True),
        Column("kind", "Kind", choices=True),
        Column("head_name", "Head", page=False),
        Column("address", "Address", masked=mask_phone, page=False),
        Column("credit_code", "Code", export=False),
    ),
    ordering=("name", "id"),
    orderings={"code": ("credit_code",), "newest": ("-founded_on", "id")},
    page_order=("kind", "name", "credit_code"),
)


BYLAWS = {"party_building_in_bylaws": True}


@pytest.fixture
def firms(regions):
    district = regions["futian"]
    return {
        "a": LawFirmFactory(name="甲所", region=district, kind=FirmKind.PARTNERSHIP, credit_code="B" * 18),
        "b": LawFirmFactory(
            name="乙所",
            region=district,
            kind=FirmKind.SOLE,
            party_building_in_bylaws=True,
            credit_code="A" * 18,
        ),
        "c": LawFirmFactory(
            name="丙所", region=district, kind=FirmKind.PARTNERSHIP, party_building_in_bylaws=True
        ),
    }


def names(query) -> list[str]:
    return sorted(f.name for f in query.items)


def test_no_data_is_the_whole_list_in_the_default_order(firms):
    found = FIRMS.query(None, None)
    assert list(found.items) == sorted(firms.values(), key=lambda f: (f.name, f.id))
    assert found.applied == {} and found.order == "" and not found.form.is_bound


def test_filters_narrow_together_and_are_recorded_as_applied(firms):
    found = FIRMS.query(None, {"kind": FirmKind.PARTNERSHIP, "party_building_in_bylaws": "true", "q": ""})
    assert names(found) == ["丙所"]
    assert found.applied == {"kind": FirmKind.PARTNERSHIP, "party_building_in_bylaws": "True"}


def test_a_refused_value_matches_nothing_instead_of_being_dropped(firms):
    found = FIRMS.query(None, {"kind": "no-such-kind"})
    assert list(found.items) == [] and found.applied == {"kind": "no-such-kind"}
    assert "kind" in found.form.errors


def test_the_api_schema_has_paging_and_one_parameter_per_filter(firms):
    schema = FIRMS.api_schema("TestFirmFilters")
    assert list(schema.model_fields) == ["limit", "offset", "q", "kind", "status", "party_building_in_bylaws"]
    params = schema(kind=FirmKind.PARTNERSHIP, party_building_in_bylaws=True, limit=10)
    api = FIRMS.api_query(None, params)
    page = FIRMS.query(None, {"kind": "partnership", "party_building_in_bylaws": "true"})
    assert list(api.items) == list(page.items) == [firms["c"]]
    assert api.applied == page.applied


def test_only_declared_orderings_are_chosen(firms):
    by_code = FIRMS.query(None, {"order": "code"})
    assert by_code.order == "code"
    assert list(by_code.items) == sorted(firms.values(), key=lambda f: f.credit_code)
    unknown = FIRMS.query(None, {"order": "-credit_code"})
    assert unknown.order == "" and [f.name for f in unknown.items] == sorted(f.name for f in firms.values())


def test_page_and_export_columns(firms):
    assert [c.key for c in FIRMS.page_columns()] == ["kind", "name", "credit_code"]
    assert [c.key for c in FIRMS.export_columns(sensitive=False)] == ["name", "kind", "head_name"]
    assert [c.key for c in FIRMS.export_columns(sensitive=True)] == ["name", "kind", "head_name", "address"]
    (obj, cells), *_ = FIRMS.page_rows([firms["b"]])
    assert obj == firms["b"]
    assert [value for _, value in cells] == [str(FirmKind.SOLE.label), "乙所", "A" * 18]
