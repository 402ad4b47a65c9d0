"""Each registry list is defined once (registry/lists.py). Given one query string, when the list page,
the API's list endpoint and the export are asked with it, then all three hold the same rows, and the
export's audit event names the list and the filters its definition applied."""

import pytest
from django.urls import reverse

from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.registry.choices import FirmKind, LawyerKind, LawyerStatus
from tests.api.conftest import API
from tests.downloads import rows_of
from tests.factories import CommitteeFactory, LawFirmFactory, LawyerFactory, OfficeFactory, make_user

pytestmark = pytest.mark.django_db


def three_ways(client, page: str, api: str | None, what: str, query: dict) -> tuple[list, list | None, list]:
    """The names the page, the API (if the list has an endpoint) and the export show for `query`."""
    on_page = [obj.name for obj in client.get(reverse(page), query).context["objects"]]
    by_api = None
    if api:
        response = client.get(API + api, {**query, "limit": 200})
        assert response.status_code == 200, response.content
        by_api = [item["name"] for item in response.json()["items"]]
    exported = [
        row[0]
        for row in rows_of(client.get(reverse("dataio:export", args=[what]), {**query, "format": "csv"}))[1:]
    ]
    return on_page, by_api, exported


def test_firms_page_api_and_export_apply_the_same_filters(client, world):
    futian = world["regions"]["futian"]
    LawFirmFactory(name="福田个人所", region=futian, kind=FirmKind.SOLE)
    LawFirmFactory(name="福田章程所", region=futian, party_building_in_bylaws=True)
    LawFirmFactory(name="南山章程所", region=world["regions"]["nanshan"], party_building_in_bylaws=True)
    client.force_login(world["users"]["city"])
    query = {"region": futian.code, "kind": FirmKind.PARTNERSHIP, "party_building_in_bylaws": "true"}
    on_page, by_api, exported = three_ways(client, "registry:firm_list", "/firms", "firms", query)
    assert on_page == by_api == exported == ["福田章程所"]
    event = AuditEvent.objects.get(action="export.download")
    assert event.after["list"] == "firms"
    assert event.after["filters"] == {
        "region": futian.code,
        "kind": "partnership",
        "party_building_in_bylaws": "True",
    }


def test_lawyers_page_api_and_export_apply_the_same_filters(client, world):
    ft_firm = world["ft_firm"]
    LawyerFactory(name="刘一", firm=ft_firm, kind=LawyerKind.PART_TIME)
    LawyerFactory(name="刘二", firm=ft_firm, practice_areas=",criminal,")
    LawyerFactory(name="刘三", firm=ft_firm, status=LawyerStatus.SUSPENDED, practice_areas=",criminal,")
    LawyerFactory(name="刘四", firm=world["ns_firm"], practice_areas=",criminal,")
    client.force_login(world["users"]["city"])
    query = {"q": "liu", "firm": ft_firm.pk, "kind": LawyerKind.FULL_TIME, "practice_area": "criminal"}
    on_page, by_api, exported = three_ways(client, "registry:lawyer_list", "/lawyers", "lawyers", query)
    assert sorted(on_page) == sorted(by_api) == sorted(exported) == ["刘三", "刘二"]
    assert on_page == by_api == exported  # and in the same order (relevance, then pinyin)
    event = AuditEvent.objects.get(action="export.download")
    assert event.after["list"] == "lawyers"
    assert event.after["filters"] == {
        "q": "liu",
        "firm": str(ft_firm.pk),
        "kind": "full_time",
        "practice_area": "criminal",
    }


def test_a_region_out_of_scope_matches_nothing_in_all_three(client, world):
    client.force_login(world["users"]["futian"])
    query = {"region": world["regions"]["nanshan"].code}
    for page, api, what in (
        ("registry:firm_list", "/firms", "firms"),
        ("registry:lawyer_list", "/lawyers", "lawyers"),
    ):
        assert three_ways(client, page, api, what, query) == ([], [], [])
    # The page says why it shows nothing, in the reader's language, beside the filter refused
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("registry:firm_list"), {"kind": "bogus"}).content.decode()
    assert 'class="errorlist' in page and "选择一个有效的选项" in page


def test_committees_and_offices_page_and_export_apply_the_same_filters(client, world):
    region = world["regions"]["futian"]
    CommitteeFactory(name="刑事专业委员会", region=region)
    CommitteeFactory(name="民事专业委员会", region=region)
    OfficeFactory(firm=world["ft_firm"], city="伦敦")
    OfficeFactory(firm=world["ft_firm"], city="巴黎")
    client.force_login(world["users"]["city"])
    on_page, _, exported = three_ways(client, "registry:committee_list", None, "committees", {"q": "刑事"})
    assert on_page == exported == ["刑事专业委员会"]
    cities = [o.city for o in client.get(reverse("registry:office_list"), {"q": "伦"}).context["objects"]]
    rows = rows_of(client.get(reverse("dataio:export", args=["offices"]), {"q": "伦", "format": "csv"}))
    assert cities == [row[2] for row in rows[1:]] == ["伦敦"]


@pytest.mark.parametrize(
    ("scope", "offered", "label"),
    [
        ("country", ["广东省"], "省"),
        ("province", ["广州市", "深圳市"], "城市"),
        ("city", ["福田区", "南山区"], "区"),
        ("futian", ["福田区"], "区"),
    ],
)
def test_the_region_filter_offers_one_level_below_a_broad_scope(
    client, world, regions, scope, offered, label
):
    """A national or provincial administrator's drop-down lists the provinces or cities, not every district
    (2,800 options made each of their list pages 135 KB); any region they see is still accepted."""
    user = make_user(Role.CITY_ADMIN, region=regions[scope], username=f"admin_{scope}")
    client.force_login(user)
    page = client.get(reverse("registry:firm_list"))
    field = page.context["filter_form"]["region"]
    assert [name for _, name in field.field.choices][1:] == offered
    assert str(field.label) == label
    narrowed = client.get(reverse("registry:firm_list"), {"region": "440304"})
    assert [firm.name for firm in narrowed.context["objects"]] == ["福田律师事务所"]
