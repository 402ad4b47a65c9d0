"""The new list pages cost a fixed number of queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvxie.ledgers.services import ledger_create
from lvxie.notices.services import notice_publish
from tests.factories import LawFirmFactory
from tests.ledgers.conftest import add_item
from tests.notices.conftest import write_notice


def _grow(world, n: int) -> None:
    city = world["users"]["city"]
    for i in range(n):
        firm = LawFirmFactory(region=world["regions"]["futian"])
        notice = write_notice(city, world["regions"]["city"], title=f"通知{i}", attachments=[])
        notice_publish(actor=city, notice=notice)
        ledger = ledger_create(actor=city, firm=firm, title=f"台账{i}", year=2023)
        add_item(city, ledger)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ("city", "notices:list"),
        ("firm", "notices:inbox"),
        ("city", "ledgers:list"),
        ("city", "ledgers:summary"),
        ("firm", "notifications:list"),
    ],
)
def test_list_page_queries_do_not_grow_with_rows(client, world, user, name):
    client.force_login(world["users"][user])
    url = reverse(name)
    _grow(world, 1)
    few = _count(client, url)
    _grow(world, 5)
    assert _count(client, url) == few
    assert few <= 12


def test_notice_detail_queries_do_not_grow_with_recipients(client, world):
    city = world["users"]["city"]
    notice = write_notice(city, world["regions"]["city"], attachments=[])
    for _ in range(2):
        LawFirmFactory(region=world["regions"]["nanshan"])
    notice_publish(actor=city, notice=notice)
    client.force_login(city)
    few = _count(client, notice.get_absolute_url())
    second = write_notice(city, world["regions"]["city"], attachments=[])
    for _ in range(8):
        LawFirmFactory(region=world["regions"]["nanshan"])
    notice_publish(actor=city, notice=second)
    assert _count(client, second.get_absolute_url()) == few
