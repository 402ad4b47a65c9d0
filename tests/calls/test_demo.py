"""The demo's calls: last year's published on the public site, this year's under way with three
accepted, one returned, drafts, and scores hidden while one reviewer is still to score."""

from lvxie.calls import selectors
from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.models import Call
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_demo_has_a_published_call_and_one_under_way(demo):  # noqa: F811
    last = Call.objects.get(title__startswith="2024")
    assert last.status == CallStatus.PUBLISHED
    assert [e["call"] for e in selectors.published_results()] == [last]
    assert all(row.total is not None for row in selectors.results(last)) and len(selectors.results(last)) == 4
    current = Call.objects.get(title__startswith="2025")
    assert current.status == CallStatus.OPEN and current.reviewers.count() == 2
    statuses = list(current.submissions.values_list("status", flat=True))
    assert statuses.count(SubmissionStatus.ACCEPTED) == 3 and SubmissionStatus.RETURNED in statuses
    assert statuses.count(SubmissionStatus.DRAFT) == 2
    # One reviewer has scored, the other not: no combined result yet
    assert all(row.total is None for row in selectors.results(current))
    assert "calls for submissions" in demo
