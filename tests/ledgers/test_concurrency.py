"""Two people at once, for real (PostgreSQL, two connections): item numbers are never given twice, and of
two saves on the same version exactly one wins and the other is told."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from lvxie.ledgers.models import RectificationItem
from lvxie.ledgers.services import item_add, item_update, ledger_create
from tests.concurrency import together

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writers; the race needs two real connections"
)


def _fields(problem):
    return {
        "problem": problem,
        "goal": "目标",
        "measures": "措施",
        "responsible": "王主任",
        "deadline": timezone.localdate() + timedelta(days=30),
    }


def test_concurrent_additions_get_distinct_numbers(transactional_db, audit_purge, world):
    firm = world["users"]["firm"]
    ledger = ledger_create(actor=firm, firm=world["ft_firm"], title="台账", year=2023)
    results = together(
        *[lambda i=i: item_add(actor=firm, ledger=ledger, **_fields(f"问题{i}")) for i in range(4)]
    )
    assert all(isinstance(r, RectificationItem) for r in results), results
    assert sorted(r.number for r in results) == ["2023-001", "2023-002", "2023-003", "2023-004"]


def test_concurrent_saves_on_one_version_let_exactly_one_win(transactional_db, audit_purge, world):
    firm, futian = world["users"]["firm"], world["users"]["futian"]
    ledger = ledger_create(actor=firm, firm=world["ft_firm"], title="台账", year=2023)
    item = item_add(actor=firm, ledger=ledger, **_fields("问题"))
    version = item.version
    results = together(
        lambda: item_update(
            actor=firm, item=RectificationItem.objects.get(pk=item.pk), version=version, goal="甲"
        ),
        lambda: item_update(
            actor=futian, item=RectificationItem.objects.get(pk=item.pk), version=version, goal="乙"
        ),
    )
    stale = [r for r in results if isinstance(r, ValidationError)]
    assert len(stale) == 1 and stale[0].code == "stale"
    winner = next(r for r in results if isinstance(r, RectificationItem))
    item.refresh_from_db()
    assert item.goal == winner.goal and item.version == version + 1
