"""Publication windows: an item is on the public pages and API only while its window is open; the
public objects (no log-in, size limits, rate-limited) and the issuing side's staff read it; the job
records openings and closings once and tells the issuer."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from lvxie.calls import services as call_services
from lvxie.notifications.models import Notification
from lvxie.workflow import publication, services
from lvxie.workflow.models import Objection, PublicationWindow
from tests.api.conftest import API
from tests.calls.conftest import VALUES, make_call, points, sub

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Shenzhen


@pytest.fixture
def published_call(cw):
    """The classic-case call with A accepted and scored by both reviewers, published from START for
    two days."""
    with time_machine.travel(START - dt.timedelta(days=7), tick=False):
        call = make_call(cw)
        call_services.call_open(actor=cw["issuer"], call=call)
        a = sub(call, cw["firms"]["a"])
        call_services.submission_save(actor=cw["admins"]["a"], submission=a, values=VALUES)
        call_services.submission_submit(actor=cw["admins"]["a"], submission=a)
        call_services.submission_accept(actor=cw["issuer"], submission=a)
        for reviewer in cw["reviewers"]:
            call_services.score_submit(actor=reviewer, submission=a, points=points())
        call_services.result_publish(
            actor=cw["issuer"], call=call, starts_at=START, ends_at=START + dt.timedelta(days=2)
        )
    return call


def test_a_published_item_disappears_from_the_public_page_and_api_when_its_window_closes(
    client, published_call
):
    window = PublicationWindow.objects.get()
    # Before the window: nowhere
    with time_machine.travel(START - dt.timedelta(minutes=1), tick=False):
        assert published_call.title not in client.get(reverse("public:call_results")).content.decode()
        assert client.get(reverse("public:call_result", args=[window.pk])).status_code == 404
    # During it: on the list, its page and the public API
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        page = client.get(reverse("public:call_results")).content.decode()
        assert published_call.title in page
        detail = client.get(reverse("public:call_result", args=[window.pk])).content.decode()
        assert "甲律师事务所" in detail
        assert [r["title"] for r in client.get(f"{API}/public/call-results").json()] == [published_call.title]
    # After it: gone from every public page and the API, before any job has run
    with time_machine.travel(START + dt.timedelta(days=2, seconds=1), tick=False):
        assert published_call.title not in client.get(reverse("public:call_results")).content.decode()
        assert client.get(reverse("public:call_result", args=[window.pk])).status_code == 404
        assert client.get(f"{API}/public/call-results").json() == []
        assert list(publication.published(call_services.PUBLICATION_KIND)) == []


def test_the_public_objects_without_logging_in_and_the_issuing_staff_read_it(client, cw, published_call):
    window = PublicationWindow.objects.get()
    url = reverse("public:call_result", args=[window.pk])
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        # Too long: refused, nothing kept
        assert client.post(url, {"text": "长" * 2001}).status_code == 400
        assert not Objection.objects.exists()
        response = client.post(
            url, {"text": "甲所的案例并非该所代理。", "name": "王某", "contact": "13800000000"}
        )
        assert response.status_code == 200 and 'id="objection-sent"' in response.content.decode()
    objection = Objection.objects.get()
    assert objection.text == "甲所的案例并非该所代理。"
    # The issuer was told, and reads it on the results page; a district and a firm do not
    assert Notification.objects.filter(
        recipient=cw["issuer"], key__startswith=f"window:{window.pk}:objection"
    ).exists()
    client.force_login(cw["issuer"])
    assert (
        "甲所的案例并非该所代理"
        in client.get(reverse("calls:results", args=[published_call.pk])).content.decode()
    )
    assert list(publication.objections_visible_to(cw["users"]["futian"], window)) == []
    assert list(publication.objections_visible_to(cw["admins"]["a"], window)) == []
    # After the window no objection is taken
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        client.logout()
        assert client.post(url, {"text": "迟到的异议"}).status_code == 404
    assert Objection.objects.count() == 1


def test_objections_are_rate_limited_like_the_public_look_up(client, settings, published_call):
    settings.PUBLIC_LOOKUP_RATE = "2/60"
    window = PublicationWindow.objects.get()
    url = reverse("public:call_result", args=[window.pk])
    with time_machine.travel(START + dt.timedelta(hours=1), tick=True):
        codes = [client.post(url, {"text": f"异议{i}"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]
    assert Objection.objects.count() == 2


def test_the_job_records_opening_and_closing_once_and_tells_the_issuer(cw, published_call):
    window = PublicationWindow.objects.get()
    assert services.publication_windows_mark(START - dt.timedelta(hours=1)) == 0
    assert services.publication_windows_mark(START + dt.timedelta(hours=1)) == 1
    assert services.publication_windows_mark(START + dt.timedelta(hours=2)) == 0
    window.refresh_from_db()
    assert window.opened_marked_at is not None and window.closed_marked_at is None
    assert services.publication_windows_mark(START + dt.timedelta(days=3)) == 1
    assert services.publication_windows_mark(START + dt.timedelta(days=4)) == 0
    keys = set(Notification.objects.filter(recipient=cw["issuer"]).values_list("key", flat=True))
    assert {f"window:{window.pk}:open", f"window:{window.pk}:close"} <= keys


def test_a_withdrawn_item_is_gone_at_once(client, cw, published_call):
    window = PublicationWindow.objects.get()
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        services.window_withdraw(actor=cw["issuer"], window=window, reason="评选结果需复核")
        assert client.get(reverse("public:call_result", args=[window.pk])).status_code == 404
        assert window.objections.count() == 0


def test_a_window_must_end_after_it_starts_and_have_a_known_kind(cw, published_call):
    with pytest.raises(ValidationError) as error:
        services.window_create(
            actor=None,
            obj=published_call,
            kind=call_services.PUBLICATION_KIND,
            title="x",
            starts_at=START,
            ends_at=START,
            scope_path="86/",
        )
    assert "ends_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.window_create(
            actor=None,
            obj=published_call,
            kind="nope",
            title="x",
            starts_at=START,
            ends_at=START + dt.timedelta(days=1),
            scope_path="86/",
        )
    assert error.value.code == "kind"
