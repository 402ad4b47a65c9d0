"""Pages and API of calls as anonymous, in-scope and out-of-scope users (404), and the flow through
the pages: a unit fills in and submits, the issuer returns and accepts, a reviewer scores (refused on
a conflict, others' scores hidden), the results page exports and publishes."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.accounts.choices import Role
from lvxie.calls import services
from lvxie.calls.choices import SubmissionStatus
from tests.api.conftest import API
from tests.calls.conftest import VALUES, make_call, points, sub
from tests.downloads import content_of
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "calls:list",
    "calls:create",
    "calls:detail",
    "calls:update",
    "calls:open",
    "calls:close",
    "calls:results",
    "calls:results_export",
    "calls:publish",
    "calls:submission",
    "calls:return",
    "calls:accept",
    "calls:file",
    "calls:review",
    "api:call_list",
    "api:call_detail",
    "api:call_open",
    "api:call_close",
    "api:submission_list",
    "api:submission_detail",
    "api:submission_save",
    "api:submission_submit",
    "api:submission_return",
    "api:submission_accept",
    "api:score_submit",
    "api:score_list",
    "api:call_results",
    "api:result_publish",
]


@pytest.fixture
def outsider(cw):
    """Staff of a district in another city: nothing of the call exists for them."""
    return make_user(Role.DISTRICT_ADMIN, region=cw["regions"]["tianhe"], username="tianhe")


def _fill(client, submission, do="save", **values):
    data = {**VALUES, **values, "version": submission.version, "do": do}
    return client.post(reverse("calls:submission", args=[submission.pk]), data)


def test_the_flow_through_the_pages(client, cw, opened):
    issuer, firms = cw["issuer"], cw["firms"]
    a = sub(opened, firms["a"])
    # The firm's administrator sees the call and its own submission, and submits it
    client.force_login(cw["admins"]["a"])
    page = client.get(reverse("calls:detail", args=[opened.pk])).content.decode()
    assert a.get_absolute_url() in page and "progress-chart" not in page
    assert client.get(a.get_absolute_url()).status_code == 200
    assert _fill(client, a, do="submit").status_code == 302
    a.refresh_from_db()
    assert a.status == SubmissionStatus.SUBMITTED
    # A required field left out: 400 and nothing submitted
    b = sub(opened, firms["b"])
    client.force_login(cw["admins"]["b"])
    assert _fill(client, b, do="submit", summary="").status_code == 400
    b.refresh_from_db()
    assert b.status == SubmissionStatus.DRAFT
    # The issuer sees the progress with its chart, returns A's, then accepts it after a resubmission
    client.force_login(issuer)
    page = client.get(reverse("calls:detail", args=[opened.pk])).content.decode()
    assert 'id="progress-chart"' in page and "福田区" in page
    client.post(reverse("calls:return", args=[a.pk]), {"reason": "缺少判决书"})
    a.refresh_from_db()
    assert a.status == SubmissionStatus.RETURNED
    client.force_login(cw["admins"]["a"])
    assert "缺少判决书" in client.get(a.get_absolute_url()).content.decode()
    a.refresh_from_db()
    _fill(client, a, do="submit")
    client.force_login(issuer)
    client.post(reverse("calls:accept", args=[a.pk]))
    a.refresh_from_db()
    assert a.status == SubmissionStatus.ACCEPTED
    # The first reviewer scores; the second sees the others' scores hidden until they score too
    r1, r2 = cw["reviewers"]
    client.force_login(r1)
    assert client.post(reverse("calls:review", args=[a.pk]), points(8, 8, 8, 8)).status_code == 302
    client.force_login(r2)
    page = client.get(reverse("calls:review", args=[a.pk])).content.decode()
    assert 'id="scores-hidden"' in page
    client.post(reverse("calls:review", args=[a.pk]), points(6, 6, 6, 6))
    page = client.get(reverse("calls:review", args=[a.pk])).content.decode()
    assert 'id="scores-hidden"' not in page and "80.00" in page
    # A changed score without a reason is refused on the page
    assert client.post(reverse("calls:review", args=[a.pk]), points(1, 1, 1, 1)).status_code == 400
    # The issuer's results page and exports
    client.force_login(issuer)
    page = client.get(reverse("calls:results", args=[opened.pk])).content.decode()
    assert "甲律师事务所" in page and "70.00" in page
    response = client.get(reverse("calls:results_export", args=[opened.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    assert sheet.cell(row=2, column=2).value == "甲律师事务所"
    response = client.get(reverse("calls:results_export", args=[opened.pk, "pdf"]))
    assert content_of(response).startswith(b"%PDF")
    # And publishes them (only A accepted: B and C never were)
    assert client.post(reverse("calls:publish", args=[opened.pk])).status_code == 302
    opened.refresh_from_db()
    assert opened.status == "published"


def test_a_conflicted_reviewer_is_told_why_and_cannot_score(client, cw):
    call = make_call(cw, reviewers=[*cw["reviewers"], cw["conflicted"]])
    services.call_open(actor=cw["issuer"], call=call)
    a = sub(call, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=a, values=VALUES)
    services.submission_submit(actor=cw["admins"]["a"], submission=a)
    services.submission_accept(actor=cw["issuer"], submission=a)
    client.force_login(cw["conflicted"])
    page = client.get(reverse("calls:review", args=[a.pk])).content.decode()
    assert 'id="conflict"' in page and 'id="save-score"' not in page
    response = client.post(reverse("calls:review", args=[a.pk]), points())
    assert response.status_code == 400 and not a.scores.exists()


def test_creating_a_call_on_the_page(client, cw):
    client.force_login(cw["issuer"])
    assert client.get(reverse("calls:create")).status_code == 200
    response = client.post(
        reverse("calls:create"),
        {
            "title": "经典案例评选",
            "kind": "classic_cases",
            "region": cw["regions"]["city"].pk,
            "unit_kind": "firm",
            "audience_kind": "firms",
            "audience_firms": "\n".join(f.name for f in cw["firms"].values()),
            "deadline_working_days": 10,
            "reviewers": [r.pk for r in cw["reviewers"]],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # A firm administrator may not
    client.force_login(cw["admins"]["a"])
    assert client.get(reverse("calls:create")).status_code == 403


def _urls(call, submission, file_pk):
    return [
        ("get", reverse("calls:detail", args=[call.pk])),
        ("get", reverse("calls:update", args=[call.pk])),
        ("post", reverse("calls:close", args=[call.pk])),
        ("get", reverse("calls:results", args=[call.pk])),
        ("get", reverse("calls:results_export", args=[call.pk, "xlsx"])),
        ("post", reverse("calls:publish", args=[call.pk])),
        ("get", reverse("calls:submission", args=[submission.pk])),
        ("post", reverse("calls:return", args=[submission.pk])),
        ("post", reverse("calls:accept", args=[submission.pk])),
        ("get", reverse("calls:file", args=[submission.pk, file_pk])),
        ("get", reverse("calls:review", args=[submission.pk])),
    ]


@pytest.fixture
def with_file(cw, opened):
    from tests import uploads

    a = sub(opened, cw["firms"]["a"])
    services.submission_save(
        actor=cw["admins"]["a"],
        submission=a,
        values=VALUES,
        files=[uploads.checked(uploads.pdf("判决书.pdf"))],
    )
    return a, a.files.get().pk


def test_anonymous_callers_are_sent_to_log_in(client, cw, opened, with_file):
    submission, file_pk = with_file
    draft = make_call(cw)
    urls = [
        *_urls(opened, submission, file_pk),
        ("get", reverse("calls:list")),
        ("get", reverse("calls:create")),
        ("post", reverse("calls:open", args=[draft.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_out_of_scope_users_get_404_everywhere(client, cw, opened, with_file, outsider):
    submission, file_pk = with_file
    draft = make_call(cw)
    for user in (outsider, cw["users"]["firm"]):
        client.force_login(user)
        for method, url in [
            *_urls(opened, submission, file_pk),
            ("post", reverse("calls:open", args=[draft.pk])),
        ]:
            assert getattr(client, method)(url).status_code == 404, (user.username, url)
        # And their list does not show the call
        assert opened.title not in client.get(reverse("calls:list")).content.decode()
    # Another unit of the same call sees the call but not firm A's submission, file or scoring page
    client.force_login(cw["admins"]["b"])
    for method, url in _urls(opened, submission, file_pk)[6:]:
        assert getattr(client, method)(url).status_code == 404, url


def test_in_scope_users_reach_what_is_theirs(client, cw, opened, with_file):
    submission, file_pk = with_file
    # The unit: its call, its submission, its file; not the results or the scoring page (404), not
    # the issuer's buttons (403)
    client.force_login(cw["admins"]["a"])
    assert client.get(reverse("calls:list")).status_code == 200
    for url in (
        reverse("calls:detail", args=[opened.pk]),
        submission.get_absolute_url(),
        reverse("calls:file", args=[submission.pk, file_pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("calls:results", args=[opened.pk])).status_code == 404
    assert client.get(reverse("calls:review", args=[submission.pk])).status_code == 404
    assert client.post(reverse("calls:accept", args=[submission.pk])).status_code == 403
    assert client.post(reverse("calls:close", args=[opened.pk])).status_code == 403
    # A district over firm A sees the call through its firm's submission, but does not issue it
    client.force_login(cw["users"]["futian"])
    assert client.get(reverse("calls:detail", args=[opened.pk])).status_code == 200
    assert client.get(reverse("calls:update", args=[opened.pk])).status_code == 403
    # The issuer reaches every page; the reviewer the results and the scoring page
    client.force_login(cw["issuer"])
    for url in (
        reverse("calls:update", args=[opened.pk]),
        reverse("calls:results", args=[opened.pk]),
        reverse("calls:results_export", args=[opened.pk, "xlsx"]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.post(reverse("calls:close", args=[opened.pk])).status_code == 302
    client.force_login(cw["reviewers"][0])
    assert client.get(reverse("calls:results", args=[opened.pk])).status_code == 200
    assert client.get(reverse("calls:review", args=[submission.pk])).status_code == 200


# API ----------------------------------------------------------------------------------------------


def test_api_as_anonymous_in_scope_and_out_of_scope(client, cw, opened, outsider):
    a = sub(opened, cw["firms"]["a"])
    draft = make_call(cw)
    paths = [
        ("get", f"{API}/calls/{opened.pk}"),
        ("get", f"{API}/calls/{opened.pk}/submissions"),
        ("get", f"{API}/submissions/{a.pk}"),
        ("get", f"{API}/submissions/{a.pk}/scores"),
        ("get", f"{API}/calls/{opened.pk}/results"),
        ("post", f"{API}/calls/{opened.pk}/close"),
        ("post", f"{API}/submissions/{a.pk}/submit"),
        ("post", f"{API}/submissions/{a.pk}/accept"),
        ("post", f"{API}/calls/{opened.pk}/publish"),
        ("post", f"{API}/calls/{draft.pk}/open"),
        ("patch", f"{API}/submissions/{a.pk}"),
        ("post", f"{API}/submissions/{a.pk}/return"),
        ("post", f"{API}/submissions/{a.pk}/score"),
    ]
    bodies = {"patch": {"values": {}}, "post": {"reason": "x", "points": {}}}
    for method, path in paths:
        response = getattr(client, method)(
            path, bodies[method] if method != "get" else None, content_type="application/json"
        )
        assert response.status_code == 401, path
    client.force_login(outsider)
    for method, path in paths:
        response = getattr(client, method)(
            path, bodies[method] if method != "get" else None, content_type="application/json"
        )
        assert response.status_code == 404, path
    assert client.get(f"{API}/calls").json()["count"] == 0


def test_api_flow(client, cw, opened):
    a = sub(opened, cw["firms"]["a"])
    client.force_login(cw["admins"]["a"])
    assert client.get(f"{API}/calls").json()["items"][0]["total"] == 1  # its own only
    response = client.patch(f"{API}/submissions/{a.pk}", {"values": VALUES}, content_type="application/json")
    assert response.status_code == 200 and response.json()["values"]["case_name"] == VALUES["case_name"]
    assert client.post(f"{API}/submissions/{a.pk}/submit").json()["status"] == "submitted"
    assert client.post(f"{API}/submissions/{a.pk}/accept").status_code == 403
    assert client.get(f"{API}/calls/{opened.pk}/results").status_code == 404
    client.force_login(cw["issuer"])
    response = client.post(
        f"{API}/submissions/{a.pk}/return", {"reason": ""}, content_type="application/json"
    )
    assert response.status_code == 422
    assert client.post(f"{API}/submissions/{a.pk}/accept").json()["status"] == "accepted"
    assert (
        client.post(
            f"{API}/submissions/{a.pk}/score", {"points": points()}, content_type="application/json"
        ).status_code
        == 404
    )
    for reviewer in cw["reviewers"]:
        client.force_login(reviewer)
        response = client.post(
            f"{API}/submissions/{a.pk}/score", {"points": points()}, content_type="application/json"
        )
        assert response.status_code == 200
    assert len(client.get(f"{API}/submissions/{a.pk}/scores").json()) == 2
    client.force_login(cw["issuer"])
    assert client.get(f"{API}/calls/{opened.pk}/results").json()[0]["unit"] == "甲律师事务所"
    assert client.post(f"{API}/calls/{opened.pk}/publish").json()["status"] == "published"
    client.logout()
    public = client.get(f"{API}/public/call-results").json()
    assert public[0]["title"] == opened.title and public[0]["results"][0]["unit"] == "甲律师事务所"


def test_api_scores_hidden_and_conflict(client, cw):
    call = make_call(cw, reviewers=[*cw["reviewers"], cw["conflicted"]])
    services.call_open(actor=cw["issuer"], call=call)
    a = sub(call, cw["firms"]["a"])
    services.submission_save(actor=cw["admins"]["a"], submission=a, values=VALUES)
    services.submission_submit(actor=cw["admins"]["a"], submission=a)
    services.submission_accept(actor=cw["issuer"], submission=a)
    client.force_login(cw["conflicted"])
    response = client.post(
        f"{API}/submissions/{a.pk}/score", {"points": points()}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["detail"][0]["code"] == "conflict_of_interest"
    client.force_login(cw["reviewers"][0])
    client.post(f"{API}/submissions/{a.pk}/score", {"points": points()}, content_type="application/json")
    client.force_login(cw["reviewers"][1])
    assert client.get(f"{API}/submissions/{a.pk}/scores").json() == []
