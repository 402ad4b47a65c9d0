"""The public look-up: given no log-in, when someone searches, then they see only public fields, and
past the limit per address they get a 429 with a clear message."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import LawyerFactory, OfficeFactory


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lawyer(world):
    return LawyerFactory(
        name="歐陽明", firm=world["ft_firm"], phone="13800138000", id_number="440304198503120010"[:-1] + "X"
    )


@pytest.mark.parametrize("typed", ["欧阳明", "歐陽明", "ouyang ming", "oym"])
def test_anonymous_finds_a_lawyer_with_public_fields_only(client, world, lawyer, typed):
    page = client.get(reverse("public:lookup"), {"q": typed}).content.decode()
    assert "歐陽明" in page and lawyer.licence_no in page and world["ft_firm"].name in page
    for secret in (lawyer.phone, lawyer.id_number, lawyer.phone[-4:] + "<", "身份证", "手机"):
        assert secret not in page


def test_number_lookup_and_firm_page_show_address_and_offices(client, world):
    firm = world["ft_firm"]
    firm.address = "福田区深南大道1号"
    firm.save()
    OfficeFactory(firm=firm, country="新加坡", city="新加坡")
    page = client.get(reverse("public:lookup"), {"q": firm.credit_code}).content.decode()
    assert firm.name in page and "新加坡" in page
    detail = client.get(reverse("public:firm_detail", args=[firm.pk])).content.decode()
    assert "福田区深南大道1号" in detail and "新加坡" in detail
    assert client.get(reverse("public:firm_detail", args=[999999])).status_code == 404


def test_logged_in_users_see_the_same_public_page(client, world, lawyer):
    client.force_login(world["users"]["nanshan"])  # out of scope for Futian; the public page is public
    page = client.get(reverse("public:lookup"), {"q": "oym"}).content.decode()
    assert "歐陽明" in page and lawyer.phone not in page


def test_rate_limit_answers_429_with_a_message(client, world, settings):
    settings.PUBLIC_LOOKUP_RATE = "3/60"
    url = reverse("public:lookup")
    assert [client.get(url, {"q": "张"}).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url, {"q": "张"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "60" in response.content.decode()
    other = client.get(url, {"q": "张"}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200  # counted per address


def test_directory_and_world_map(client, world):
    OfficeFactory(firm=world["ns_firm"], country="英国", city="伦敦", latitude=51.5, longitude=-0.12)
    page = client.get(reverse("public:directory")).content.decode()
    assert "伦敦" in page and 'data-worldmap="world-map"' in page and "vendor/world.json" in page
    assert client.get("/static/vendor/world.json").status_code == 200


def test_lookup_and_directory_queries_do_not_grow(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url, params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        # (not the rate limit's own: its first request of a new minute also forgets quiet addresses, so a
        # run that crosses a minute counted one more)
        return sum("public_ratecounter" not in query["sql"] for query in queries.captured_queries)

    for url, params in ((reverse("public:lookup"), {"q": "律师"}), (reverse("public:directory"), {})):
        OfficeFactory(firm=world["ft_firm"])
        count(url, params)  # warm: what is read once per process is read
        few = count(url, params)
        for _ in range(5):
            OfficeFactory(firm=world["ns_firm"])
            LawyerFactory(firm=world["ns_firm"], name="律师甲")
        assert count(url, params) == few <= 12


def test_the_world_map_source_is_a_setting(client, world, settings, tmp_path):
    url = reverse("public:directory")
    # Without the setting: the bundled map, and no file of the deployment's to serve
    settings.LVXIE_WORLD_GEOJSON = ""
    assert "vendor/world.json" in client.get(url).content.decode()
    assert client.get(reverse("public:world_geojson")).status_code == 404
    # Given the deployment's approved map and its approval number
    approved = tmp_path / "approved-world.json"
    approved.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    settings.LVXIE_WORLD_GEOJSON = str(approved)
    settings.LVXIE_MAP_APPROVAL = "GS(2024)0650号"
    # Then the page loads the map from it and shows the number
    page = client.get(url).content.decode()
    assert f'data-geojson="{reverse("public:world_geojson")}"' in page and "vendor/world.json" not in page
    assert "审图号：GS(2024)0650号" in page
    served = client.get(reverse("public:world_geojson"))
    assert served.status_code == 200 and served["Content-Type"] == "application/geo+json"
    assert b"".join(served.streaming_content) == approved.read_bytes()
    # A setting naming a missing file serves nothing
    settings.LVXIE_WORLD_GEOJSON = str(tmp_path / "missing.json")
    assert client.get(reverse("public:world_geojson")).status_code == 404
