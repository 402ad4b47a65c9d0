"""lvxie's URLs plus bare views: the same data from one hand-written query, with no authentication,
scoping or templates of lvxie's own — the ceiling a page or API endpoint is compared with — with no session
(/bench/bare/) and with the same session and user as the page (/bench/session/)."""

import json

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

from lvxie.core.validators import mask_id_number, mask_phone
from lvxie.registry.choices import LawyerKind, LawyerStatus


def _rows(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def bare_lawyer(request, pk: int):
    """A lawyer's record as the detail page shows it. With `?path=` (the reader's district) the page's
    answer: the record with its firm and district if it lies in the reader's district (none otherwise, as
    the page's 404), the lawyer's committee seats and the sanctions on the record there. Without `path`:
    the record alone, whoever reads it, the floor of earlier runs."""
    scoped = "path" in request.GET
    path = request.GET.get("path", "") + "%"
    rows = _rows(
        "SELECT l.id, l.name, l.licence_no, l.kind, l.status, l.first_licensed_year, f.name AS firm, "
        "r.name AS district FROM registry_lawyer l LEFT JOIN registry_lawfirm f ON f.id = l.firm_id "
        "JOIN registry_region r ON r.id = l.region_id WHERE l.id = %s"
        + (" AND l.region_path LIKE %s" if scoped else ""),
        [pk, path] if scoped else [pk],
    )
    if scoped and rows:
        rows += _rows(
            "SELECT c.id, c.name, m.position FROM registry_committeemembership m JOIN "
            "registry_barcommittee c ON c.id = m.committee_id WHERE m.lawyer_id = %s "
            "ORDER BY m.position, m.id",
            [pk],
        )
        rows += _rows(
            "SELECT s.id, s.kind, s.status, s.decided_on::text AS decided_on, d.number FROM "
            "discipline_sanction s JOIN registry_region r ON r.id = s.region_id LEFT JOIN "
            "discipline_disciplinarycase d ON d.id = s.case_id WHERE r.path LIKE %s AND s.lawyer_id = %s "
            "ORDER BY s.decided_on DESC, s.id DESC",
            [path, pk],
        )
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")


def bare_firms(request):
    """The firm list's first page for a region (its path in `?path=`) as lvxie's list shows it: name,
    kind, status, credit code, district and lawyer count of 25 firms, and how many firms the list holds
    (the page's "N records" and its pager). With `count=0`, the rows alone: the floor of earlier runs."""
    where = "FROM registry_lawfirm f JOIN registry_region r ON r.id = f.region_id WHERE r.path LIKE %s"
    params = [request.GET.get("path", "") + "%"]
    rows = _rows(
        "SELECT f.id, f.name, f.kind, f.status, f.credit_code, r.name AS district, (SELECT count(*) FROM "
        f"registry_lawyer l WHERE l.firm_id = f.id) AS lawyers {where} ORDER BY f.name, f.id LIMIT 25",
        params,
    )
    if request.GET.get("count") == "0":
        return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")
    (total,) = _rows(f"SELECT count(*) AS n {where}", params)
    page = {"count": total["n"], "rows": rows}
    return HttpResponse(json.dumps(page, ensure_ascii=False), content_type="application/json")


_RANK = (
    "ORDER BY CASE WHEN name_simplified = %s THEN 0 WHEN name_simplified LIKE %s THEN 1 ELSE 2 END, "
    "length(name_simplified), name_pinyin, id LIMIT 20"
)


def bare_search(request):
    """The same ranked answer as lvxie's search API for a Chinese name, from the same bigram index. With
    `?path=` (the reader's district): the API's answer, the 20 best lawyers there, each as the API shows
    one (labels, firm and region, masked ID number and phone), in its page envelope. Without it: ids,
    names and licence numbers from the whole country, the floor of earlier runs."""
    q = request.GET.get("q", "")
    if "path" not in request.GET:
        rows = _rows(
            "SELECT id, name, licence_no FROM registry_lawyer WHERE lvxie_bigrams(name_simplified) @> "
            f"lvxie_bigrams(%s) AND name_simplified LIKE %s {_RANK}",
            [q, f"%{q}%", q, f"{q}%"],
        )
        return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")
    rows = _rows(
        "SELECT l.id, l.name, l.gender, l.kind, l.status, l.licence_no, l.firm_id, f.name AS firm_name, "
        "l.employer, r.id AS region_id, r.code, r.name AS region_name, l.first_licensed_year, "
        "l.practice_areas, l.id_number, l.phone, l.updated_at FROM (SELECT id, CASE WHEN name_simplified = "
        "%s THEN 0 WHEN name_simplified LIKE %s THEN 1 ELSE 2 END AS o0, length(name_simplified) AS o1, "
        "name_pinyin AS o2 FROM registry_lawyer WHERE region_path LIKE %s AND lvxie_bigrams(name_simplified) "
        "@> lvxie_bigrams(%s) AND name_simplified LIKE %s ORDER BY o0, o1, o2, id LIMIT 20) k JOIN "
        "registry_lawyer l ON l.id = k.id LEFT JOIN registry_lawfirm f ON f.id = l.firm_id JOIN "
        "registry_region r ON r.id = l.region_id ORDER BY k.o0, k.o1, k.o2, k.id",
        [q, f"{q}%", request.GET["path"] + "%", q, f"%{q}%"],
    )
    kinds, statuses = dict(LawyerKind.choices), dict(LawyerStatus.choices)
    items = [
        {
            "id": row["id"], "name": row["name"], "gender": row["gender"], "kind": row["kind"],
            "kind_label": str(kinds[row["kind"]]), "status": row["status"],
            "status_label": str(statuses[row["status"]]), "licence_no": row["licence_no"],
            "firm": {"id": row["firm_id"], "name": row["firm_name"]} if row["firm_id"] else None,
            "employer": row["employer"],
            "region": {"id": row["region_id"], "code": row["code"], "name": row["region_name"]},
            "first_licensed_year": row["first_licensed_year"],
            "practice_areas": [a for a in row["practice_areas"].split(",") if a],
            "id_number_masked": mask_id_number(row["id_number"]), "phone_masked": mask_phone(row["phone"]),
            "updated_at": row["updated_at"].isoformat().replace("+00:00", "Z"),
        }
        for row in rows
    ]  # fmt: skip
    # (the count as the API gives it for a page that is not full: the bench's name has a few namesakes)
    page = {"count": len(items), "limit": 20, "offset": 0, "items": items}
    return HttpResponse(json.dumps(page, ensure_ascii=False), content_type="application/json")


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
