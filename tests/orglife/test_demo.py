"""The demo's organizational life: a year of meetings with attendance, some organizations behind, task
lists for recent months, and every page of the capability showing something to the demo roles."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.orglife import selectors
from lvxie.orglife.choices import MeetingKind, MeetingStatus
from lvxie.orglife.models import Attendance, Meeting, TaskList, TaskRecipient
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_demo_has_a_year_of_meetings_and_recent_task_lists(demo):  # noqa: F811
    today = timezone.localdate()
    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    assert held.filter(date__lte=today - timezone.timedelta(days=300)).exists()
    assert set(held.values_list("kind", flat=True)) >= set(MeetingKind.values)
    assert Meeting.objects.filter(status=MeetingStatus.PLANNED, date__gt=today).exists()
    assert Attendance.objects.filter(presence="leave").exclude(reason="").exists()
    assert TaskList.objects.filter(status="published").count() == 4
    city = get_user_model().objects.get(username="party_city")
    stats = selectors.statistics(city, today.year, today)
    assert stats.orgs > 5 and any(f.behind for f in stats.rules) and any(f.met for f in stats.rules)
    assert selectors.behind(city, today).exists()
    assert "organizational-life meetings" in demo


def test_the_demo_secretary_has_this_month_s_party_day_to_do(client, demo):  # noqa: F811
    secretary = get_user_model().objects.get(username="secretary")
    org = RoleAssignment.objects.get(user=secretary).party_org
    recipient = TaskRecipient.objects.get(org=org, task_list__month=timezone.localdate().replace(day=1))
    states = [row.state for row in selectors.recipient_items(recipient)]
    assert states[0] == "done" and "open" in states
    assert any("主题党日" in t.title for t in selectors.todos(secretary, timezone.localdate()))


@pytest.mark.parametrize("username", ["party_city", "party_futian", "secretary"])
def test_every_page_has_demo_data(client, demo, username):  # noqa: F811
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    meeting = selectors.meeting_list(user).filter(status=MeetingStatus.HELD).first()
    recipient = selectors.recipient_list(user).first()
    for url in (
        reverse("orglife:meeting_list"),
        meeting.get_absolute_url(),
        reverse("orglife:org_detail", args=[meeting.org_id]),
        reverse("orglife:calendar"),
        reverse("orglife:tasklist_list"),
        recipient.get_absolute_url(),
        reverse("orglife:statistics"),
        reverse("orglife:rules"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("orglife:meeting_list")).content.decode()
    assert meeting.topic in page
