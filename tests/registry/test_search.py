"""Search reads names as people write them: given lawyers stored in either script, when staff type
simplified, traditional, pinyin (spaced or not, ü as v), initials or a number prefix, then the right
people come first, and only those in the searcher's scope."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvxie.registry.search import search, search_firms, search_lawyers
from tests.factories import LawFirmFactory, LawyerFactory

MATRIX_URLS = ["registry:search"]


@pytest.fixture
def people(world):
    firm = world["ft_firm"]
    return {
        "ouyang": LawyerFactory(name="歐陽明", firm=firm),
        "ouyang2": LawyerFactory(name="欧阳明辉", firm=firm),
        "lv": LawyerFactory(name="吕方", firm=firm),
        "zeng": LawyerFactory(name="曾志", firm=firm),
        "shan": LawyerFactory(name="单雄", firm=firm),
        "xie": LawyerFactory(name="解放", firm=firm),
        "ou": LawyerFactory(name="区家", firm=firm),
        "qiu": LawyerFactory(name="仇英", firm=firm),
        "piao": LawyerFactory(name="朴正", firm=firm),
        "ns_ouyang": LawyerFactory(name="欧阳明", firm=world["ns_firm"]),
    }


def names(results):
    return [lawyer.name for lawyer in results]


@pytest.mark.parametrize("typed", ["欧阳明", "歐陽明", "ouyangming", "ouyang ming", "OuYang Ming", "oym"])
def test_ouyang_ming_is_found_first_however_typed(world, people, typed):
    found = search_lawyers(world["users"]["futian"], typed)
    assert names(found)[0] == "歐陽明"
    assert people["ns_ouyang"] not in found  # Nanshan is outside Futian's scope


def test_city_sees_both_districts_exact_matches_first(world, people):
    found = search_lawyers(world["users"]["city"], "欧阳明")
    assert set(names(found[:2])) == {"歐陽明", "欧阳明"} and names(found)[2] == "欧阳明辉"


@pytest.mark.parametrize(
    "typed, name",
    [
        ("zengzhi", "曾志"),
        ("shanxiong", "单雄"),
        ("xiefang", "解放"),
        ("oujia", "区家"),
        ("qiuying", "仇英"),
        ("piaozheng", "朴正"),
        ("lvfang", "吕方"),
        ("lüfang", "吕方"),
        ("lf", "吕方"),
    ],
)
def test_surnames_read_as_surnames(world, people, typed, name):
    assert names(search_lawyers(world["users"]["city"], typed))[0] == name


def test_traditional_query_finds_simplified_name(world):
    assert names(search_lawyers(world["users"]["city"], "劉偉東")) == ["刘伟东"]
    assert names(search_lawyers(world["users"]["city"], "weidong")) == ["刘伟东"]  # given name alone


def test_number_prefixes(world):
    lawyer, firm = world["ft_lawyer"], world["ft_firm"]
    assert lawyer in search_lawyers(world["users"]["city"], lawyer.licence_no[:12])
    assert search_lawyers(world["users"]["city"], lawyer.licence_no) == [lawyer]
    assert search_firms(world["users"]["city"], firm.credit_code.lower()) == [firm]
    assert search_firms(world["users"]["futian"], world["ns_firm"].credit_code) == []


def test_scope_holds_for_every_role(world, people):
    users = world["users"]
    assert search_lawyers(users["nobody"], "欧阳") == []
    assert search_lawyers(users["nanshan"], "歐陽明") == [people["ns_ouyang"]]
    assert names(search_lawyers(users["lawyer"], "张斌")) == ["張斌"]
    assert search_lawyers(users["lawyer"], "刘伟东") == []


def test_one_character_is_a_surname_prefix(world, people):
    assert set(names(search_lawyers(world["users"]["city"], "欧"))) == {"歐陽明", "欧阳明辉", "欧阳明"}


def test_one_character_ranks_the_exact_name_then_shorter_names_then_pinyin(world):
    firm = world["ft_firm"]
    for name in ("王小明", "王五", "王", "王二", "汪洋"):
        LawyerFactory(name=name, firm=firm)
    assert names(search_lawyers(world["users"]["futian"], "王")) == ["王", "王二", "王五", "王小明"]


def test_a_full_number_comes_before_the_longer_numbers_it_begins(world):
    """Lawyers' numbers have one length, but a number is still a prefix: its own order ranks it first."""
    lawyer = world["ft_lawyer"]
    found = search_lawyers(world["users"]["city"], lawyer.licence_no)
    assert found[0] == lawyer


def test_firms_and_lawyers_in_one_search_with_fixed_queries(world, people):
    LawFirmFactory(name="歐陽律师事务所", region=world["regions"]["futian"])
    with CaptureQueriesContext(connection) as queries:
        found = search(world["users"]["city"], "ouyang")
    assert [f.name for f in found["firms"]] == ["歐陽律师事务所"] and len(found["lawyers"]) == 3
    assert len(queries) <= 4


def test_blank_and_nonsense_find_nothing(world, people):
    assert search_lawyers(world["users"]["city"], "  ") == []
    assert search_lawyers(world["users"]["city"], "xyzzy") == []


def test_search_page_anonymous_in_scope_out_of_scope(client, world, people):
    from django.urls import reverse

    url = reverse("registry:search") + "?q=欧阳明"
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["futian"])
    page = client.get(url).content.decode()
    assert "歐陽明" in page and people["ns_ouyang"].get_absolute_url() not in page
    client.force_login(world["users"]["nobody"])
    assert "歐陽明" not in client.get(url).content.decode()


def test_entering_a_likely_duplicate_warns(client, world):
    """Given 張斌 in the Futian firm, when 张斌 is entered in the same firm, then the page warns."""
    from django.urls import reverse

    from tests.factories import lawyer_licence

    client.force_login(world["users"]["futian"])
    data = {
        "name": "张斌",
        "gender": "M",
        "kind": "full_time",
        "status": "practising",
        "licence_no": lawyer_licence(7001),
        "firm": world["ft_firm"].pk,
        "region": world["regions"]["futian"].pk,
        "first_licensed_year": 2015,
    }
    response = client.post(reverse("registry:lawyer_create"), data, follow=True)
    assert response.status_code == 200, response.content.decode()[:500]
    warnings = [str(m) for m in response.context["messages"]]
    assert any(world["ft_lawyer"].licence_no in m for m in warnings)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only indexes")
def test_postgres_serves_name_search_from_the_bigram_and_trigram_indexes(world, people):
    from lvxie.registry.models import Lawyer
    from lvxie.registry.search import match

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables: ask whether an index CAN serve it
    han = match(Lawyer.objects.all(), "张伟").explain()
    latin = match(Lawyer.objects.all(), "weidong").explain()
    code = match(Lawyer.objects.all(), "4403").explain()
    with connection.cursor() as cursor:  # can an index give a surname's matches in rank order, unsorted?
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    surname = match(Lawyer.objects.all(), "张").explain()
    assert "registry_lawyer_first_character" in surname and "Sort" not in surname
    assert "registry_lawyer_name_bigrams" in han
    assert "registry_lawyer_pinyin_trgm" in latin
    assert "registry_lawyer_licence" in code


def test_the_search_page_says_how_many_it_found(client, world, monkeypatch):
    # Given 25 lawyers surnamed 王 in Futian (the page shows the best 20)
    for n in range(25):
        LawyerFactory(
            name=f"王{'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地人'[n]}", firm=world["ft_firm"]
        )
    client.force_login(world["users"]["futian"])
    # When one searches for 王, the lawyers' count is all 25, and it says only 20 are shown
    page = client.get(reverse("registry:search") + "?q=王").content.decode()
    lawyers_count, firms_count = re.findall(r'data-testid="search-count">(.*?)</p>', page, re.S)
    assert "25" in lawyers_count and "20" in lawyers_count
    assert re.search(r"\b0\b", firms_count)
    # And beyond the counting cap it says "more than" instead of counting on
    monkeypatch.setattr("lvxie.registry.search.COUNT_CAP", 10)
    monkeypatch.setattr("lvxie.registry.views.COUNT_CAP", 10)
    capped = client.get(reverse("registry:search") + "?q=王").content.decode()
    said = re.findall(r'data-testid="search-count">(.*?)</p>', capped, re.S)[0]
    assert "10" in said and "25" not in said
