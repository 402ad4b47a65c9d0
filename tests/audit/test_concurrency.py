"""Appenders at once, for real (PostgreSQL, several connections): the chain never forks. Each appender
takes its turn and reads the newest hash in one round trip (`audit_chain_head`, migration audit 0005);
were the read taken before the lock, two events would claim the same predecessor."""

import pytest
from django.db import connection, transaction

from lvxie.audit.models import AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain
from tests.concurrency import together

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writers; the race needs real connections"
)


def _append_several(n: int) -> None:
    for i in range(5):
        with transaction.atomic():
            audit_record(actor=None, action="test.concurrent", object_type="test", object_id=f"{n}-{i}")


def test_concurrent_appenders_keep_one_chain(transactional_db, audit_purge):
    results = together(*[lambda n=n: _append_several(n) for n in range(4)])
    assert results == [None] * 4
    events = AuditEvent.objects.filter(action="test.concurrent")
    assert events.count() == 20
    prev = list(AuditEvent.objects.values_list("prev_hash", flat=True))
    assert len(prev) == len(set(prev))  # no two events link to the same predecessor
    assert verify_chain().ok


def test_the_head_is_the_newest_hash(db):
    first = audit_record(actor=None, action="test.head", object_type="test")
    second = audit_record(actor=None, action="test.head", object_type="test")
    assert second.prev_hash == first.hash
