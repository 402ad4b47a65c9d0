"""lvxie's URLs plus bare views: the same data from one hand-written query, with no authentication,
scoping or templates of lvxie's own — the ceiling a page or API endpoint is compared with — with no session
(/bench/bare/) and with the same session and user as the page (/bench/session/)."""

import json

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path


def _rows(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def bare_lawyer(request, pk: int):
    rows = _rows(
        "SELECT l.id, l.name, l.licence_no, l.kind, l.status, l.first_licensed_year, f.name AS firm, "
        "r.name AS district FROM registry_lawyer l LEFT JOIN registry_lawfirm f ON f.id = l.firm_id "
        "JOIN registry_region r ON r.id = l.region_id WHERE l.id = %s",
        [pk],
    )
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")


def bare_firms(request):
    """The firm list's first page for a region (its path in `?path=`): name, kind, status, credit code,
    district and lawyer count, as lvxie's list shows them."""
    rows = _rows(
        "SELECT f.id, f.name, f.kind, f.status, f.credit_code, r.name AS district, (SELECT count(*) FROM "
        "registry_lawyer l WHERE l.firm_id = f.id) AS lawyers FROM registry_lawfirm f JOIN registry_region r "
        "ON r.id = f.region_id WHERE r.path LIKE %s ORDER BY f.name, f.id LIMIT 25",
        [request.GET.get("path", "") + "%"],
    )
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")


def bare_search(request):
    """The same ranked answer as lvxie's search for a Chinese name, from the same bigram index."""
    q = request.GET.get("q", "")
    rows = _rows(
        "SELECT id, name, licence_no FROM registry_lawyer WHERE lvxie_bigrams(name_simplified) @> "
        "lvxie_bigrams(%s) AND name_simplified LIKE %s ORDER BY CASE WHEN name_simplified = %s THEN 0 "
        "WHEN name_simplified LIKE %s THEN 1 ELSE 2 END, length(name_simplified), name_pinyin, id LIMIT 20",
        [q, f"%{q}%", q, f"{q}%"],
    )
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")


def with_session(view):
    """The bare view behind the same session and user lvxie's page loads (the session and user rows read
    by the middleware that every view has): the fair floor for a signed-in page."""

    def signed_in(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponse(status=403)
        return view(request, *args, **kwargs)

    return signed_in


urlpatterns = [
    path("bench/bare/lawyers/<int:pk>/", bare_lawyer),
    path("bench/bare/search", bare_search),
    path("bench/session/firms", with_session(bare_firms)),
    path("bench/session/lawyers/<int:pk>/", with_session(bare_lawyer)),
    path("bench/session/search", with_session(bare_search)),
    path("", include("lvxie.config.urls")),
]
