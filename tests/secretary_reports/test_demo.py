"""The demo's secretaries' reports: last year's review in the Shenzhen shape (up to 199 directly
affiliated organizations, 6 reporting orally, all rated, one returned and sent again), this year's
just opened; each page of the capability has data for the demo's Party accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lvxie.calls.choices import CallStatus, SubmissionStatus
from lvxie.calls.models import Call
from lvxie.secretary_reports import selectors
from lvxie.secretary_reports.kinds import CODE, ORAL
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def _reviews():
    return list(Call.objects.filter(kind=CODE).order_by("created_at", "id"))


def test_the_demo_has_last_years_review_rated_and_this_years_open(demo):  # noqa: F811
    last, current = _reviews()
    assert last.status == CallStatus.REVIEWING and current.status == CallStatus.OPEN
    units = last.submissions.count()
    assert 7 <= units <= 199
    assert sum(1 for s in last.submissions.all() if ORAL in s.flags) == 6
    assert set(last.submissions.values_list("status", flat=True)) == {SubmissionStatus.ACCEPTED}
    assert last.submissions.filter(events__action="return").count() == 1
    issuer = get_user_model().objects.get(username="party_city")
    table = selectors.year_table(issuer, last)
    assert all(row.rating is not None for row in table) and len(table) == units
    assert len({row.rating for row in table}) >= 2  # the panel did not rate everything alike
    assert set(current.submissions.values_list("status", flat=True)) == {SubmissionStatus.DRAFT}
    assert "secretaries' reports" in demo


@pytest.mark.parametrize("username", ["party_city", "report_panel"])
def test_the_committee_and_the_panel_have_every_page(client, demo, username):  # noqa: F811
    last, current = _reviews()
    client.force_login(get_user_model().objects.get(username=username))
    page = client.get(reverse("secretary_reports:list")).content.decode()
    assert last.title in page and current.title in page
    overview = client.get(reverse("secretary_reports:detail", args=[last.pk])).content.decode()
    assert "rating-good" in overview and "现场述职" in overview
    report = last.submissions.order_by("id").first()
    assert client.get(reverse("calls:review", args=[report.pk])).status_code == 200
    assert client.get(reverse("secretary_reports:shortcoming", args=[report.pk])).status_code == 200
    if username == "party_city":
        assert client.get(reverse("secretary_reports:open")).status_code == 200
        assert client.get(reverse("secretary_reports:export", args=[last.pk, "xlsx"])).status_code == 200


def test_the_demo_secretary_has_their_report_to_write(client, demo):  # noqa: F811
    client.force_login(get_user_model().objects.get(username="secretary"))
    page = client.get(reverse("secretary_reports:list")).content.decode()
    assert page.count('class="own-report"') == 2  # last year's (accepted) and this year's draft
