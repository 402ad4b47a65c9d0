"""The list pages (core/views.py `ScopedListView`): given a list whose rows depend on the scope alone
(`ListDef.compiled`, the firm list), when no filter narrows it, then its count and rows are read through
statements compiled once per list, scope and ordering, and every reader still gets exactly their own
scope's rows, current after a change; a filtered list is read as usual."""

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
