"""The list pages (core/views.py `ScopedListView`): given a list whose rows depend on the scope alone
(`ListDef.compiled`, the firm list), when no filter narrows it, then its count and rows are read through
statements compiled once per list, scope and ordering, and every reader still gets exactly their own
scope's rows, current after a change; a filtered list is read as usual."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvxie.core import views
from lvxie.registry.lists import FIRMS
from tests.factories import LawFirmFactory


def _page(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("registry:firm_list") + query)
    assert response.status_code == 200
    return response.context["page"]


def test_each_scope_gets_its_own_compiled_rows_and_count(client, world, monkeypatch):
    monkeypatch.setattr(views, "_LIST_PAGES", views.Statements())
    assert FIRMS.compiled
    futian, nanshan, city = (world["users"][name] for name in ("futian", "nanshan", "city"))
    assert [f.name for f in _page(client, futian).object_list] == ["福田律师事务所"]
    assert [f.name for f in _page(client, nanshan).object_list] == ["南山律师事务所"]
    page = _page(client, city)
    assert page.paginator.count == 2 and {f.name for f in page.object_list} == {
        "福田律师事务所",
        "南山律师事务所",
    }
    assert len(views._LIST_PAGES._shapes) == 6  # a count and a window for each of the three scopes
    LawFirmFactory(name="福田第二律师事务所", region=world["regions"]["futian"])
    page = _page(client, futian)
    assert page.paginator.count == 2 and len(page.object_list) == 2  # the SQL is kept, not the rows
    assert page.object_list[0].lawyer_count is not None and page.object_list[0].region.name


def test_the_compiled_page_is_what_the_queryset_gives(client, world):
    futian = world["users"]["futian"]
    for n in range(30):
        LawFirmFactory(name=f"福田{n:02d}律师事务所", region=world["regions"]["futian"])
    expected = list(FIRMS.query(futian, {"order": "lawyer_count"}).items)
    for number, rows in ((1, expected[:25]), (2, expected[25:])):
        page = _page(client, futian, f"?order=lawyer_count&page={number}")
        assert [f.pk for f in page.object_list] == [f.pk for f in rows]
        assert page.paginator.count == len(expected)


def test_a_filtered_list_is_read_as_usual(client, world, monkeypatch):
    monkeypatch.setattr(views, "_LIST_PAGES", views.Statements())
    page = _page(client, world["users"]["city"], "?q=福田")
    assert [f.name for f in page.object_list] == ["福田律师事务所"]
    assert not views._LIST_PAGES._shapes


@pytest.fixture
def shared_cache(settings):
    """A local-memory cache as the "request" alias: one process, as shared as Redis is in production."""
    settings.CACHES = {
        **settings.CACHES,
        "request": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-filters"},
    }
    caches["request"].clear()
    views._FILTER_FORMS.clear()
    yield caches["request"]
    caches["request"].clear()
    views._FILTER_FORMS.clear()


def _filters(client, user, query="", language="zh-hans") -> tuple[str, int]:
    """The page's filter form (its HTML), and how many times the page read the regions of a level (the
    region drop-down's query)."""
    client.force_login(user)
    client.cookies["django_language"] = language
    with CaptureQueriesContext(connection) as seen:
        response = client.get(reverse("registry:firm_list") + query)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<form method="get" class="filters">')
    form = html[start : html.index("</form>", start)]
    return form, sum('"registry_region"."level" =' in q["sql"] for q in seen.captured_queries)


def test_the_filter_form_with_nothing_chosen_is_drawn_once_per_scope_and_language(client, world, settings):
    """With a shared cache, a list's filter form is drawn once per scope, language and path generation:
    the same HTML as drawn anew (its region drop-down read once), the other language's in the other
    language, a chosen filter's drawn anew with its value; without one, drawn every time."""
    city = world["users"]["city"]
    drawn, reads = _filters(client, city)  # no shared cache: drawn each time, nothing kept
    assert reads == 1
    assert views.filter_form_html(FIRMS, city) is None and not views._FILTER_FORMS
    settings.CACHES = {
        **settings.CACHES,
        "request": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-filters"},
    }
    caches["request"].clear()
    views._FILTER_FORMS.clear()
    first, first_reads = _filters(client, city)
    again, again_reads = _filters(client, city, "?page=1")
    assert first == again == drawn and "福田区" in first and "南山区" in first
    assert (first_reads, again_reads) == (1, 0)  # the drop-down read once, then kept
    english, _n = _filters(client, city, language="en")
    assert "Kind" in english and "类别" not in english and english != first
    chosen, _n = _filters(client, city, "?region=" + world["regions"]["nanshan"].code)
    assert 'value="' + world["regions"]["nanshan"].code + '" selected' in chosen
    futian, _n = _filters(client, world["users"]["futian"])  # another scope: its own districts
    assert "福田区" in futian and "南山区" not in futian
    caches["request"].clear()
    views._FILTER_FORMS.clear()


def test_a_new_or_renamed_region_is_in_the_next_pages_filter(client, world, shared_cache):
    """Regions added in bulk (no signal) or renamed change the path generation: every kept form is stale."""
    from lvxie.registry.models import Region
    from lvxie.registry.services import regions_bulk_create

    city, region = world["users"]["city"], world["regions"]["city"]
    before, _n = _filters(client, city)
    assert "宝安区" not in before
    regions_bulk_create(
        actor=None, regions=[Region(code="440306", name="宝安区", level="district", parent=region)]
    )
    added, _n = _filters(client, city)
    assert "宝安区" in added
    nanshan = world["regions"]["nanshan"]
    nanshan.name = "南山新区"
    nanshan.save()
    renamed, _n = _filters(client, city)
    assert "南山新区" in renamed


def test_a_compiled_lists_queryset_is_built_once_per_scope_and_only_cloned(client, world, monkeypatch):
    """`ListDef._rows`: the firm list's queryset is built once per read scope, kept unevaluated, and every
    page gets a clone: each scope still its own rows, a firm registered since among them."""
    from lvxie.core import lists
    from lvxie.core.scoping import scope_of

    monkeypatch.setattr(lists, "_BUILT", lists.Kept(512))
    monkeypatch.setattr(views, "_LIST_PAGES", views.Statements())
    futian, nanshan = world["users"]["futian"], world["users"]["nanshan"]
    assert [f.name for f in _page(client, futian).object_list] == ["福田律师事务所"]
    assert [f.name for f in _page(client, nanshan, "?page=1").object_list] == ["南山律师事务所"]
    built = lists._BUILT.peek(("firms", scope_of(futian).reads()))
    assert len(lists._BUILT) == 2 and built._result_cache is None  # (cloned, never run itself)
    LawFirmFactory(name="福田第二律师事务所", region=world["regions"]["futian"])
    assert [f.name for f in _page(client, futian).object_list] == ["福田律师事务所", "福田第二律师事务所"]
    assert lists._BUILT.peek(("firms", scope_of(futian).reads())) is built and built._result_cache is None
