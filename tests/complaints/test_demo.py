"""The demo's complaints: a year of them at every stage, some past their clock; the demo lawyer sees
the accepted ones against them, never a confidential complainant's name."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lvxie.complaints.choices import ComplaintStatus
from lvxie.complaints.models import Complaint
from lvxie.workflow.clocks import clock_status
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_demo_has_complaints_at_every_stage_over_a_year(demo):  # noqa: F811
    assert "complaints" in demo
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert statuses == set(ComplaintStatus.values)
    oldest = Complaint.objects.order_by("received_on").first()
    assert (timezone.localdate() - oldest.received_on).days > 300
    late = [
        c
        for c in Complaint.objects.filter(status=ComplaintStatus.RECEIVED)
        if clock_status(c.acceptance_clock).overdue
    ]
    assert late
    assert Complaint.objects.filter(confidential=True).exists()


def test_the_demo_lawyer_sees_theirs_and_the_officer_all(client, demo):  # noqa: F811
    users = get_user_model().objects
    lawyer = users.get(username="lawyer")
    client.force_login(lawyer)
    page = client.get(reverse("complaints:list")).content.decode()
    theirs = Complaint.objects.filter(lawyer=lawyer.lawyer).exclude(
        status__in=["received", "papers", "declined", "referred"]
    )
    assert theirs and all(c.number in page for c in theirs)
    rows = client.get("/api/v1/complaints").json()["items"]
    assert {row["id"] for row in rows} == {c.pk for c in theirs}
    assert any(c.confidential for c in theirs)
    for row in rows:
        complaint = Complaint.objects.get(pk=row["id"])
        assert row["complainant"] == ("（保密）" if complaint.confidential else complaint.complainant_name)
    client.force_login(users.get(username="discipline"))
    assert client.get(reverse("complaints:list")).status_code == 200
    assert client.get("/api/v1/complaints").json()["count"] == Complaint.objects.count()
