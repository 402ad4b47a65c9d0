"""The notices, receipts, ledgers and items API: anonymous 401, in scope 200, out of scope 404; the
firm's acknowledgement; items added, changed on a version (stale is 422) and moved along."""

import json

import pytest

from lvxie.ledgers.choices import ItemStatus
from lvxie.ledgers.services import item_evidence_add, ledger_create
from lvxie.notices.models import Receipt
from tests import uploads
from tests.api.conftest import API
from tests.ledgers.conftest import add_item
from tests.notices.conftest import *  # noqa: F403 - the notice fixtures

pytestmark = pytest.mark.django_db


MATRIX_URLS = [
    "api:ledger_list",
    "api:ledger_detail",
    "api:item_list",
    "api:item_detail",
    "api:item_update",
    "api:item_create",
    "api:item_transition",
]


@pytest.fixture
def objects(world, futian_only):
    ledger = ledger_create(actor=world["users"]["firm"], firm=world["ft_firm"], title="台账", year=2023)
    item = add_item(world["users"]["firm"], ledger)
    return {"notice": futian_only, "receipt": futian_only.receipts.get(), "ledger": ledger, "item": item}


GETS = [
    "/notices",
    "/notices/{notice}",
    "/notices/{notice}/receipts",
    "/ledgers",
    "/ledgers/{ledger}",
    "/ledgers/{ledger}/items",
    "/items/{item}",
    "/notifications",
]


def _url(path, objects):
    return API + path.format(**{key: obj.pk for key, obj in objects.items()})


@pytest.mark.parametrize("path", GETS)
def test_reads_matrix(client, world, objects, path):
    url = _url(path, objects)
    assert client.get(url).status_code == 401
    client.force_login(world["users"]["futian"])
    response = client.get(url)
    assert response.status_code == 200
    client.force_login(world["users"]["nanshan"])
    other = client.get(url)
    if "{" in path:
        assert other.status_code == 404
    else:
        assert other.status_code == 200 and other.json()["count"] == 0


def test_the_firm_acknowledges_through_the_api(client, world, objects, ns_firm_admin):
    url = _url("/receipts/{receipt}/acknowledge", objects)
    assert client.post(url).status_code == 401
    client.force_login(ns_firm_admin)
    assert client.post(url).status_code == 404
    client.force_login(world["users"]["futian"])
    assert client.post(url).status_code == 403
    client.force_login(world["users"]["firm"])
    response = client.post(url)
    assert response.status_code == 200 and response.json()["state"] == "acknowledged"
    again = client.post(url)
    assert again.status_code == 422 and again.json()["detail"][0]["code"] == "already_acknowledged"
    assert Receipt.objects.get().acknowledged_at is not None


def test_reading_a_notice_through_the_api_opens_it_for_the_firm(client, world, objects):
    client.force_login(world["users"]["firm"])
    assert client.get(_url("/notices/{notice}", objects)).status_code == 200
    assert Receipt.objects.get().read_at is not None


def _send(client, method, url, body):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_items_are_added_changed_on_a_version_and_moved_along(client, world, objects):
    item = objects["item"]
    client.force_login(world["users"]["firm"])
    created = _send(
        client,
        "post",
        _url("/ledgers/{ledger}/items", objects),
        {
            "problem": "问题",
            "goal": "目标",
            "measures": "措施",
            "responsible": "张三",
            "deadline": "2030-01-01",
        },
    )
    assert created.status_code == 201 and created.json()["number"] == "2023-002"
    patch = _send(
        client, "patch", _url("/items/{item}", objects), {"version": item.version, "goal": "新目标"}
    )
    assert patch.status_code == 200 and patch.json()["version"] == item.version + 1
    stale = _send(
        client, "patch", _url("/items/{item}", objects), {"version": item.version, "goal": "旧目标"}
    )
    assert stale.status_code == 422 and stale.json()["detail"][0]["code"] == "stale"
    item_evidence_add(actor=world["users"]["firm"], item=item, files=[uploads.checked(uploads.pdf())])
    version = patch.json()["version"]
    submit = _send(
        client, "post", _url("/items/{item}/transition", objects), {"action": "submit", "version": version}
    )
    assert submit.status_code == 200 and submit.json()["status"] == ItemStatus.SUBMITTED
    close = _send(
        client, "post", _url("/items/{item}/transition", objects), {"action": "close", "version": version + 1}
    )
    assert close.status_code == 403  # not by the item's own firm
    client.force_login(world["users"]["futian"])
    close = _send(
        client, "post", _url("/items/{item}/transition", objects), {"action": "close", "version": version + 1}
    )
    assert close.status_code == 200 and close.json()["status"] == ItemStatus.CLOSED
    client.force_login(world["users"]["nanshan"])
    assert (
        _send(client, "patch", _url("/items/{item}", objects), {"version": 9, "goal": "x"}).status_code == 404
    )


def test_the_schema_documents_the_new_endpoints(client):
    paths = client.get(API + "/openapi.json").json()["paths"]
    for path in (
        "/api/v1/notices",
        "/api/v1/ledgers/{ledger_id}/items",
        "/api/v1/items/{item_id}/transition",
    ):
        assert path in paths
