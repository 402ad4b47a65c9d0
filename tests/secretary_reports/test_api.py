"""The API of secretaries' reports as anonymous (401), out-of-scope and non-Party (404) callers and the
committee and the panel; the year's review from opening to its results through the same services as
the pages (writing, returning and rating on the calls API)."""

import datetime as dt

import pytest
from django.utils import timezone

from lvxie.audit.models import AuditEvent
from lvxie.calls.models import Call
from lvxie.ledgers.models import RectificationItem
from lvxie.secretary_reports.kinds import ORAL
from tests.api.conftest import API
from tests.secretary_reports.conftest import REPORT, report_of

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "api:secretary_reviews",
    "api:secretary_review_open",
    "api:secretary_review_results",
    "api:secretary_report_oral",
    "api:secretary_report_shortcoming",
]

SHORTCOMING = {
    "problem": "入党积极分子培养偏少",
    "goal": "每年发展一名入党积极分子",
    "measures": "建立青年律师联系制度",
    "responsible": "A支部书记",
    "deadline": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
}


def _paths(review, submission):
    return [
        ("get", f"{API}/secretary-reports/{review.pk}/results", None),
        ("post", f"{API}/secretary-reports/submissions/{submission.pk}/oral", {"oral": True}),
        ("post", f"{API}/secretary-reports/submissions/{submission.pk}/shortcomings", SHORTCOMING),
        ("get", f"{API}/submissions/{submission.pk}", None),
        ("get", f"{API}/calls/{review.pk}/submissions", None),
    ]


def _call(client, method, path, body):
    return getattr(client, method)(path, body, content_type="application/json")


@pytest.mark.parametrize("who", ["anonymous", "party_nanshan", "city", "firm_admin_a", "lawyer"])
def test_outside_callers_get_nothing(client, rw, accepted, who):
    a = report_of(accepted, rw["orgs"]["a"])
    if who != "anonymous":
        client.force_login(rw["firm_admin_a"] if who == "firm_admin_a" else rw["users"][who])
    for method, path, body in _paths(accepted, a):
        response = _call(client, method, path, body)
        if who == "party_nanshan" and path.endswith("/submissions"):
            # The call reaches Nanshan's N支部, so Nanshan's committee lists N's report, never A's
            assert [row["party_org"]["name"] for row in response.json()["items"]] == ["N支部"]
            continue
        assert response.status_code == (401 if who == "anonymous" else 404), path
    listing = client.get(f"{API}/secretary-reports")
    assert listing.status_code == (401 if who == "anonymous" else 200)
    if who in ("city", "firm_admin_a", "lawyer"):
        assert listing.json() == []
    a.refresh_from_db()
    assert a.flags == [ORAL] and not RectificationItem.objects.exists()


def test_the_year_through_the_api(client, rw):
    orgs = rw["orgs"]
    body = {
        "region_id": rw["regions"]["city"].pk,
        "year": 2025,
        "org_ids": [orgs["a"].pk, orgs["n"].pk],
        "oral_org_ids": [orgs["a"].pk],
        "reviewer_ids": [u.pk for u in rw["panel"]],
        "deadline_working_days": 10,
        "criteria": [{"label": "履行第一责任人职责", "weight": 60}, {"label": "党建引领业务", "weight": 40}],
    }
    # Not the bar's staff; an organization out of reach is named
    client.force_login(rw["users"]["city"])
    assert _call(client, "post", f"{API}/secretary-reports", body).status_code == 403
    client.force_login(rw["users"]["party_futian"])
    assert (
        _call(
            client,
            "post",
            f"{API}/secretary-reports",
            {**body, "region_id": rw["regions"]["futian"].pk, "org_ids": [orgs["n"].pk]},
        ).status_code
        == 422
    )
    assert not Call.objects.exists()
    client.force_login(rw["issuer"])
    response = _call(client, "post", f"{API}/secretary-reports", body)
    assert response.status_code == 201 and response.json()["total"] == 2
    review = Call.objects.get(pk=response.json()["id"])
    a, n = report_of(review, orgs["a"]), report_of(review, orgs["n"])

    # The secretaries write and send on the calls API; the committee returns A's, then accepts both
    for key, submission in (("a", a), ("n", n)):
        client.force_login(rw["secretaries"][key])
        assert (
            _call(client, "patch", f"{API}/submissions/{submission.pk}", {"values": REPORT}).status_code
            == 200
        )
        assert client.post(f"{API}/submissions/{submission.pk}/submit").json()["status"] == "submitted"
    client.force_login(rw["issuer"])
    assert (
        _call(client, "post", f"{API}/submissions/{a.pk}/return", {"reason": "请补充不足部分。"}).json()[
            "status"
        ]
        == "returned"
    )
    client.force_login(rw["secretaries"]["a"])
    assert client.post(f"{API}/submissions/{a.pk}/submit").json()["status"] == "submitted"
    client.force_login(rw["issuer"])
    for submission in (a, n):
        assert client.post(f"{API}/submissions/{submission.pk}/accept").json()["status"] == "accepted"
    oral = _call(client, "post", f"{API}/secretary-reports/submissions/{n.pk}/oral", {"oral": True}).json()
    assert oral["oral"] is True

    # The panel rates on the scale; a grade off it is refused with its code
    for reviewer in rw["panel"]:
        client.force_login(reviewer)
        bad = _call(
            client, "post", f"{API}/submissions/{a.pk}/score", {"points": {"c1": "best", "c2": "good"}}
        )
        assert bad.status_code == 422 and "grade" in bad.content.decode()
        for submission, grade in ((a, "good"), (n, "average")):
            score = _call(
                client,
                "post",
                f"{API}/submissions/{submission.pk}/score",
                {"points": {"c1": grade, "c2": grade}},
            )
            assert score.status_code == 200
    rows = client.get(f"{API}/secretary-reports/{review.pk}/results").json()
    assert [(r["organization"], r["oral"], r["total"], r["rating"]) for r in rows] == [
        ("A支部", True, "100.00", "good"),
        ("N支部", True, "60.00", "average"),
    ]
    created = _call(client, "post", f"{API}/secretary-reports/submissions/{a.pk}/shortcomings", SHORTCOMING)
    assert created.status_code == 201 and created.json()["number"].endswith("-001")
    bad = _call(
        client,
        "post",
        f"{API}/secretary-reports/submissions/{a.pk}/shortcomings",
        {**SHORTCOMING, "problem": ""},
    )
    assert bad.status_code == 422 and RectificationItem.objects.count() == 1
    assert AuditEvent.objects.filter(
        action="submission.party_read", after__what="api:secretary_reports"
    ).exists()
