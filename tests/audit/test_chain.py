"""The audit log is append-only (database triggers) and tamper-evident (hash chain)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from lvxie.audit.models import GENESIS_HASH, AuditEvent
from lvxie.audit.services import audit_record
from lvxie.audit.verify import verify_chain
from lvxie.registry.services import lawyer_update
from tests.conftest import audit_guard


def _tamper(event_id: int, new_repr: str) -> None:
    """What a person with direct database access might do: lift the guard, change a row, restore it."""
    audit_guard(False)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", [new_repr, event_id])
    audit_guard(True)


def test_editing_a_lawyer_records_before_and_after(world):
    lawyer = world["ft_lawyer"]
    lawyer_update(actor=world["users"]["futian"], lawyer=lawyer, status="suspended", phone="13912345678")
    event = AuditEvent.objects.get(action="lawyer.update")
    assert event.before["status"] == "practising" and event.after["status"] == "suspended"
    assert event.actor_name == "测试用户" and event.scope_path == world["regions"]["futian"].path
    # sensitive values are masked in the log itself
    assert event.after["phone"] == "139****5678"
    assert "13912345678" not in str(event.after)


def test_chain_links_each_event_to_the_previous(db):
    first = audit_record(actor=None, action="test.one")
    second = audit_record(actor=None, action="test.two")
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert verify_chain().ok and verify_chain().checked == 2


def test_update_and_delete_are_refused_by_the_database(db):
    event = audit_record(actor=None, action="test.one")
    for sql in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.one"


def test_verify_names_the_altered_row(db):
    events = [audit_record(actor=None, action=f"test.{i}", object_repr=str(i)) for i in range(5)]
    call_command("audit", "verify")  # whole
    _tamper(events[2].pk, "forged")
    report = verify_chain()
    assert not report.ok and report.broken_id == events[2].pk and report.reason == "content"
    with pytest.raises(CommandError, match=f"id={events[2].pk}"):
        call_command("audit", "verify")
