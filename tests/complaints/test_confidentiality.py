"""A confidential complainant's identity reaches no page, export or API answer the lawyer complained
of, their firm or a district administrator can reach; the officers and the people they name see it,
and every read by someone other than the officers is audited."""

import pytest
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.complaints import services
from lvxie.complaints.choices import AccessKind, ComplaintAction, Track
from tests.complaints.conftest import CRITERIA, SECRET_NAME, SECRET_PHONE, accept, intake, step
from tests.downloads import content_of, rows_of

pytestmark = pytest.mark.django_db


def _reachable(client, user, complaint) -> str:
    """Everything the user can fetch about complaints: the list, the page, the export, the API."""
    client.force_login(user)
    bodies = []
    for url in (
        reverse("complaints:list"),
        reverse("complaints:detail", args=[complaint.pk]),
        reverse("dataio:export", args=["complaints"]) + "?format=csv",
        "/api/v1/complaints",
        f"/api/v1/complaints/{complaint.pk}",
        "/",
    ):
        response = client.get(url)
        bodies.append(f"{url} {response.status_code} " + content_of(response).decode(errors="replace"))
    return "\n".join(bodies)


@pytest.fixture
def handled(cw, filed):
    complaint, _code = filed
    accept(cw, complaint)
    step(
        cw["officer"], complaint, ComplaintAction.TRIAGE_SIMPLE, decision=Track.EXPLANATION, criteria=CRITERIA
    )
    complaint.refresh_from_db()
    return complaint


@pytest.mark.parametrize("who", ["lawyer", "firm", "futian", "city", "nanshan"])
def test_the_identity_reaches_nobody_outside_the_handlers(client, cw, handled, who):
    body = _reachable(client, cw["users"][who], handled)
    assert SECRET_NAME not in body and SECRET_PHONE not in body and "tousu@example.cn" not in body


def test_the_lawyer_and_firm_see_the_accepted_complaint_masked(client, cw, handled):
    for who in ("lawyer", "firm"):
        client.force_login(cw["users"][who])
        page = client.get(reverse("complaints:detail", args=[handled.pk]))
        assert page.status_code == 200 and "（保密）" in page.content.decode()
        api = client.get(f"/api/v1/complaints/{handled.pk}").json()
        assert api["complainant"] == "（保密）" and api["facts"] is None and api["complainant_phone"] is None
        listed = client.get("/api/v1/complaints").json()
        assert [row["complainant"] for row in listed["items"]] == ["（保密）"]
    reads = AuditEvent.objects.filter(action="complaint.read", object_id=str(handled.pk))
    assert {e.actor_id for e in reads} == {cw["users"]["lawyer"].pk, cw["users"]["firm"].pk}


def test_a_district_administrator_sees_no_complaint_at_all(client, cw, handled):
    client.force_login(cw["users"]["futian"])
    assert client.get(reverse("complaints:detail", args=[handled.pk])).status_code == 404
    assert client.get(f"/api/v1/complaints/{handled.pk}").status_code == 404
    assert client.get("/api/v1/complaints").json()["count"] == 0


def test_the_lawyer_sees_nothing_before_acceptance(client, cw, filed):
    complaint, _code = filed
    client.force_login(cw["users"]["lawyer"])
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404


def test_a_complaint_not_confidential_shows_the_name_to_the_lawyer(client, cw):
    from tests.complaints.conftest import intake

    complaint = services.complaint_submit(intake=intake(cw, confidential=False)).complaint
    accept(cw, complaint)
    client.force_login(cw["users"]["lawyer"])
    body = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert SECRET_NAME in body and SECRET_PHONE not in body


def test_officers_and_named_staff_see_it_and_the_staffs_reads_are_audited(client, cw, handled):
    client.force_login(cw["officer"])
    assert SECRET_NAME in client.get(reverse("complaints:detail", args=[handled.pk])).content.decode()
    client.force_login(cw["staff"])
    assert client.get(reverse("complaints:detail", args=[handled.pk])).status_code == 404
    services.complaint_name(actor=cw["officer"], complaint=handled, user=cw["staff"], kind=AccessKind.READER)
    assert SECRET_NAME in client.get(reverse("complaints:detail", args=[handled.pk])).content.decode()
    assert AuditEvent.objects.filter(action="complaint.read", actor=cw["staff"]).count() == 1
    assert not AuditEvent.objects.filter(action="complaint.read", actor=cw["officer"]).exists()
    client.force_login(cw["officer_ns"])
    assert client.get(reverse("complaints:detail", args=[handled.pk])).status_code == 404


def test_the_export_masks_the_identity_for_the_lawyer_and_not_for_the_officer(client, cw, handled):
    url = reverse("dataio:export", args=["complaints"]) + "?format=csv"
    client.force_login(cw["users"]["lawyer"])
    rows = rows_of(client.get(url))
    assert len(rows) == 2 and "（保密）" in rows[1]
    client.force_login(cw["officer"])
    assert SECRET_NAME in rows_of(client.get(url))[1]


def test_a_complaint_with_people_named_is_listed_once_and_whole_to_them(client, cw, handled):
    from lvxie.complaints.lists import COMPLAINTS

    other = services.complaint_submit(intake=intake(cw)).complaint
    for user, kind in ((cw["staff"], AccessKind.HANDLER), (cw["officer_city"], AccessKind.READER)):
        services.complaint_name(actor=cw["officer"], complaint=handled, user=user, kind=kind)
    # The city officer is over both and named on one: each complaint once, in the list's order.
    rows = COMPLAINTS.query(cw["officer_city"], {}).items
    assert rows.count() == 2 and [c.pk for c in rows] == [other.pk, handled.pk]
    # The named staff see the one they were named on, the complainant's name included.
    client.force_login(cw["staff"])
    listed = client.get("/api/v1/complaints").json()
    assert listed["count"] == 1 and [(r["id"], r["complainant"]) for r in listed["items"]] == [
        (handled.pk, SECRET_NAME)
    ]


def test_the_list_reads_a_page_in_one_query_whatever_its_rows(client, cw, handled, django_assert_num_queries):
    """The list loads only the columns it shows, and all of them: no row (page or API) reads a field on
    its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lvxie.complaints.lists import COMPLAINTS

    client.force_login(cw["officer"])
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/complaints").json()["count"] == 1
    for _ in range(3):
        accept(cw, services.complaint_submit(intake=intake(cw)).complaint)
    with CaptureQueriesContext(connection) as four:
        listed = client.get("/api/v1/complaints").json()
    assert listed["count"] == 4 and len(four) == len(one)
    assert {r["region"]["code"] for r in listed["items"]} == {cw["regions"]["futian"].code}
    rows = COMPLAINTS.query(cw["officer"], {}).items
    with django_assert_num_queries(1):
        cells = [dict((c.key, value) for c, value in row) for _obj, row in COMPLAINTS.page_rows(rows[:25])]
    assert [c["lawyer"] for c in cells] == [cw["ft_lawyer"].name] * 4
    # Newest first: three accepted (no clock running until the triage), then the one in simple handling.
    assert [c["due"] for c in cells] == ["", "", "", handled.handling_clock.due_on.isoformat()]
    assert {c["complainant_shown"] for c in cells} == {SECRET_NAME}
