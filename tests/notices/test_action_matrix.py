"""The POST actions of notices, notifications and the ledger API, each as anonymous, out-of-scope and
in-scope users: anonymous users log in (pages) or get 401 (API), users outside the scope get 404, users
inside it get the action."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lvxie.notifications.models import Notification
from lvxie.notifications.services import notify
from tests.api.conftest import API
from tests.ledgers.conftest import add_item
from tests.notices.conftest import write_notice

MATRIX_URLS = [
    "notices:publish",
    "notices:remind",
    "notices:attachment_remove",
    "notices:detail",
    "notices:attachment",
    "notices:update",
    "notices:receipts_export",
    "notices:list",
    "notices:inbox",
    "notices:create",
    "notices:acknowledge",
    "notices:reply",
    "notices:reply_file",
    "notifications:list",
    "notifications:open",
    "notifications:read_all",
    "api:notice_list",
    "api:notice_detail",
    "api:receipt_list",
    "api:receipt_acknowledge",
    "api:notification_list",
    "api:notification_read",
]


def _matrix(client, world, url, *, inside="futian", outside="nanshan"):
    response = client.post(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(world["users"][outside])
    assert client.post(url).status_code == 404
    client.force_login(world["users"][inside])
    done = client.post(url)
    assert done.status_code == 302 and reverse("accounts:login") not in done["Location"]
    # Forget the session without logging out: a log-out ends all of that user's sessions.
    client.cookies.clear()


def test_publish_remind_and_remove_an_attachment(client, world):
    draft = write_notice(world["users"]["futian"], world["regions"]["futian"])
    attachment = draft.attachments.get()
    _matrix(client, world, reverse("notices:attachment_remove", args=[draft.pk, attachment.pk]))
    assert not draft.attachments.exists()
    _matrix(client, world, reverse("notices:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.published_at is not None
    draft.receipts.update(read_at=None)
    _matrix(client, world, reverse("notices:remind", args=[draft.pk]))


def test_notifications_are_ones_own(client, world):
    notify(users=[world["users"]["firm"]], title="给律所的消息")
    mine = Notification.objects.get()
    _matrix(client, world, reverse("notifications:open", args=[mine.pk]), inside="firm", outside="city")
    notify(users=[world["users"]["firm"]], title="二")
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(world["users"]["city"])  # nothing of theirs to mark: the firm's stay unread
    client.post(reverse("notifications:read_all"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    client.force_login(world["users"]["firm"])
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_ledger_api_writes(client, world, ledger):
    item = add_item(world["users"]["firm"], ledger)
    create = f"{API}/ledgers/{ledger.pk}/items"
    body = {"problem": "问题", "goal": "目标", "measures": "措施", "responsible": "李四",
            "deadline": str(timezone.localdate() + timedelta(days=10))}  # fmt: skip
    transition = f"{API}/items/{item.pk}/transition"
    start = {"action": "start", "version": item.version}
    assert _post(client, create, body).status_code == 401
    assert _post(client, transition, start).status_code == 401
    client.force_login(world["users"]["nanshan"])
    assert _post(client, create, body).status_code == 404
    assert _post(client, transition, start).status_code == 404
    client.force_login(world["users"]["firm"])
    assert _post(client, create, body).status_code == 201
    assert _post(client, transition, start).status_code == 200


def test_notification_api_read(client, world):
    notify(users=[world["users"]["firm"]], title="消息")
    url = f"{API}/notifications/{Notification.objects.get().pk}/read"
    assert client.post(url).status_code == 401
    client.force_login(world["users"]["city"])
    assert client.post(url).status_code == 404
    client.force_login(world["users"]["firm"])
    assert client.post(url).status_code == 200


@pytest.fixture
def ledger(world):
    from lvxie.ledgers.services import ledger_create

    return ledger_create(actor=world["users"]["firm"], firm=world["ft_firm"], title="台账", year=2023)
