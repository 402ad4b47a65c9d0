"""The demo's calls: last year's published on the public site, this year's under way with three
accepted, one returned, drafts, and scores hidden while one reviewer is still to score."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lvxie.calls import selectors
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.models import Call
from tests.calls.test_todo import SCORE, SEND, calls_todos, todo_section
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_demo_has_a_published_call_and_one_under_way(demo):  # noqa: F811
    last = Call.objects.get(title__startswith="2024", kind="classic_cases")
    assert last.status == CallStatus.PUBLISHED
    assert [e["call"] for e in selectors.published_results() if e["call"].kind == "classic_cases"] == [last]
    assert all(row.total is not None for row in selectors.results(last)) and len(selectors.results(last)) == 4
    current = Call.objects.get(title__startswith="2025", kind="classic_cases")
    assert current.status == CallStatus.OPEN and current.reviewers.count() == 2
    statuses = list(current.submissions.values_list("status", flat=True))
    assert statuses.count(SubmissionStatus.ACCEPTED) == 3 and SubmissionStatus.RETURNED in statuses
    assert statuses.count(SubmissionStatus.DRAFT) == 2
    # One reviewer has scored, the other not: no combined result yet
    assert all(row.total is None for row in selectors.results(current))
    assert "calls for submissions" in demo


@pytest.mark.parametrize(
    "username, shown, hidden",
    [
        ("firm_admin", ["2025年度深圳律师行业经典案例评选"], []),
        ("reviewer1", ["2025年度深圳律师行业经典案例评选"], []),
        ("reviewer2", [], ["2025年度深圳律师行业经典案例评选"]),
        ("nanshan_admin", [], ["2025年度深圳律师行业经典案例评选"]),
    ],
)
def test_the_demo_roles_see_their_calls_work_on_the_home_page(client, demo, username, shown, hidden):  # noqa: F811
    user = get_user_model().objects.get(username=username)
    current = Call.objects.get(title__startswith="2025", kind="classic_cases")
    found = calls_todos(user)
    if username == "firm_admin":
        # The demo firm's draft, with the call's deadline
        assert [(t.kind, t.due) for t in found] == [(SEND, current.deadline)]
    if username == "reviewer1":
        # The three accepted submissions reviewer2 has scored and reviewer1 not yet
        assert [t.kind for t in found] == [SCORE] * 3
    client.force_login(user)
    section = todo_section(client.get(reverse("home")).content.decode())
    for words in shown:
        assert words in section, (username, words)
    for words in hidden:
        assert words not in section, (username, words)
