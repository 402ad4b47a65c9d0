"""The shared API pieces (core/api.py): one paging helper, one lookup by id or code, and error codes that
every app declares for its domain and the OpenAPI schema shows."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from lvxie.core.api import ErrorCode, Page, error_codes, page, pick, register_error_codes
from lvxie.registry.models import Region

SRC = Path(__file__).resolve().parents[2] / "src" / "lvxie"


@pytest.mark.django_db
def test_page_counts_all_rows_and_returns_the_slice_asked_for(world):
    # given the regions and a page of two after the first
    rows = Region.objects.order_by("pk")
    # when one page is taken
    answer = page(rows, Page(limit=2, offset=1))
    # then it holds the total, the paging and exactly those rows
    assert answer["count"] == rows.count() and (answer["limit"], answer["offset"]) == (2, 1)
    assert answer["items"] == list(rows[1:3])


@pytest.mark.django_db
def test_pick_finds_by_id_or_code_and_names_the_field_otherwise(world):
    region = Region.objects.order_by("pk").first()
    regions = Region.objects.all()
    assert pick(regions, region.pk, code_field="code", field="region", message="no") == region
    assert pick(regions, region.code, code_field="code", field="region", message="no") == region
    with pytest.raises(ValidationError) as caught:
        pick(regions, "no-such-code", code_field="code", field="region", message="no")
    assert caught.value.error_dict["region"][0].code == "does_not_exist"


def test_every_code_the_request_guard_and_error_pages_answer_is_an_error_code():
    # given the codes core/errors.py and core/middleware.py put into an error answer
    text = (SRC / "core" / "errors.py").read_text() + (SRC / "core" / "middleware.py").read_text()
    used = set(re.findall(r'(?:error_response\(request, \d+, |"code": |return \d+, )"([a-z_]+)"', text))
    used |= {"malformed_body"}  # lvxie.config.api's answer to ninja's unparsable body
    # then the schema's ErrorCode lists each of them
    assert used and used <= {code.value for code in ErrorCode}


def test_a_domain_registers_its_codes_once_sorted_and_unique(monkeypatch):
    # given a registry of its own, so the real one is left as the apps filled it
    monkeypatch.setattr("lvxie.core.api._FIELD_CODES", {"common": ("invalid",)})
    # when a domain registers, then registers again
    assert register_error_codes("zz_test", ["b", "a", "b"]) == ("a", "b")
    assert register_error_codes("zz_test", ["c"]) == ("c",)
    # then its last list stands, domains in alphabetical order
    assert error_codes() == {"common": ("invalid",), "zz_test": ("c",)}


def test_the_openapi_schema_lists_each_domains_codes(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(schema["ErrorCode"]["enum"]) == {code.value for code in ErrorCode}
    by_domain = schema["FieldErrorOut"]["properties"]["code"]["x-codes-by-domain"]
    assert {"registry", "party", "accounts", "notices", "ledgers", "dataio", "common"} <= set(by_domain)
    assert "stale" in by_domain["ledgers"] and "does_not_exist" in by_domain["registry"]
