"""The audit log is append-only (database triggers) and tamper-evident (a hash chain keyed with a secret kept
outside the database, so that rewriting the table and recomputing the hashes is detected too)."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from lvxie.audit.archive import event_line, verify_archive
from lvxie.audit.chain import KEY_START_ACTION, keyed_hash, legacy_hash, payload_of, seal_legacy_chain
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


def _rewrite(events, edit_id: int, hasher) -> None:
    """What a person with file access and the code might do: lift the guard, change one row, and recompute
    the hash (and link) of it and of every later row with `hasher(prev_hash, payload)`."""
    audit_guard(False)
    prev_hash = None
    with connection.cursor() as cursor:
        for event in AuditEvent.objects.filter(pk__in=[e.pk for e in events]).order_by("id"):
            if event.pk == edit_id:
                event.object_repr = "forged"
            if prev_hash is not None:
                event.prev_hash = prev_hash
            if event.pk >= edit_id:
                event.hash = hasher(event.prev_hash, payload_of(event))
                cursor.execute(
                    "UPDATE audit_auditevent SET object_repr = %s, prev_hash = %s, hash = %s WHERE id = %s",
                    [event.object_repr, event.prev_hash, event.hash, event.pk],
                )
            prev_hash = event.hash
    audit_guard(True)


def test_a_chain_rewritten_with_plain_sha256_fails_verify(db):
    # Given five events, and someone who edits the third and recomputes the chain from there, unkeyed
    events = [audit_record(actor=None, action=f"test.{i}", object_repr=str(i)) for i in range(5)]
    _rewrite(events, events[2].pk, legacy_hash)
    # Then verify names the edited row: without the key its hash cannot be made
    report = verify_chain()
    assert not report.ok and report.broken_id == events[2].pk and report.reason == "content"
    with pytest.raises(CommandError, match=f"BROKEN at event id={events[2].pk}"):
        call_command("audit", "verify")


def test_a_chain_rewritten_entirely_with_plain_sha256_fails_verify(db):
    # Given every event rehashed the way events were before the key (plain SHA-256), links intact
    events = [audit_record(actor=None, action=f"test.{i}", object_repr=str(i)) for i in range(3)]
    _rewrite(events, events[0].pk, legacy_hash)
    # Then the chain ends unkeyed, which only a forgery can do
    report = verify_chain()
    assert not report.ok and report.reason == "unkeyed" and report.broken_id == events[-1].pk
    with pytest.raises(CommandError, match="plain SHA-256"):
        call_command("audit", "verify")


def test_only_the_audit_key_can_rechain_an_edit(db):
    events = [audit_record(actor=None, action=f"test.{i}", object_repr=str(i)) for i in range(4)]
    # A wrong key: broken at the edited row
    wrong = b"a-guess-at-the-key-0123456789abcdef"
    _rewrite(events, events[1].pk, lambda prev, payload: keyed_hash(prev, payload, wrong))
    report = verify_chain()
    assert not report.ok and report.broken_id == events[1].pk and report.reason == "content"
    # The key itself (which lives outside the database) is what makes a rewrite pass
    _rewrite(events, events[1].pk, keyed_hash)
    assert verify_chain().ok
    with override_settings(LVXIE_AUDIT_KEY="another-deployment-key-0123456789abcdef"):
        assert verify_chain().broken_id == events[0].pk


# Every NOT NULL column of an event, for copying a row in SQL.
_COLUMNS = [
    "created_at", "actor_name", "request_id", "action", "object_type", "object_id", "object_repr",
    "scope_path", "result", "prev_hash", "hash",
]  # fmt: skip


def _copy_row(verb: str, source_id: int, *, new_id: str, suffix: str = "") -> None:
    """`verb` (INSERT, REPLACE...) a copy of row `source_id` with id `new_id` and a forged object."""
    select = ", ".join("'forged'" if c == "object_repr" else c for c in _COLUMNS)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"{verb} audit_auditevent (id, {', '.join(_COLUMNS)}) SELECT {new_id}, {select} "
            f"FROM audit_auditevent WHERE id = %s {suffix}",
            [source_id],
        )


@pytest.mark.parametrize("verb", ["REPLACE INTO", "INSERT OR REPLACE INTO"])
def test_sqlite_refuses_replace_into_an_existing_event(db, verb):
    if connection.vendor != "sqlite":
        pytest.skip("REPLACE is SQLite's")
    event = audit_record(actor=None, action="test.one", object_repr="original")
    other = audit_record(actor=None, action="test.two")
    # The same id with forged content; a new id with an existing row's hash (REPLACE would delete that row)
    _copy_row(verb, event.pk, new_id="id")
    _copy_row(verb, other.pk, new_id="id + 100")
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "original"
    assert AuditEvent.objects.count() == 2 and verify_chain().ok


@pytest.mark.parametrize("target", ["id", "hash"])
def test_an_upsert_is_an_update_and_is_refused(db, target):
    # INSERT ... ON CONFLICT DO UPDATE (PostgreSQL, and SQLite's UPSERT) fires the update trigger
    event = audit_record(actor=None, action="test.one", object_repr="original")
    _copy_row(
        "INSERT INTO", event.pk, new_id="id", suffix=f"ON CONFLICT ({target}) DO UPDATE SET action = 'x'"
    )
    assert AuditEvent.objects.get(pk=event.pk).action == "test.one"
    assert AuditEvent.objects.count() == 1 and verify_chain().ok


def _legacy_events(count: int) -> list[AuditEvent]:
    """Events as the code before the audit key wrote them: hashed with plain SHA-256."""
    events, prev_hash = [], GENESIS_HASH
    for i in range(count):
        event = AuditEvent(
            created_at=timezone.now(), action=f"old.{i}", object_repr=str(i), prev_hash=prev_hash
        )
        event.hash = event.legacy_hash()
        event.save(force_insert=True)
        events.append(event)
        prev_hash = event.hash
    return events


def test_a_chain_from_before_the_key_is_sealed_and_still_verifies(db):
    # Given a chain written before the key; on its own it no longer passes (anyone could have made it)
    old = _legacy_events(3)
    assert verify_chain().reason == "unkeyed"
    # When migration 0004 seals it with one keyed event, and events go on being written
    seal = seal_legacy_chain(AuditEvent, now=timezone.now())
    assert seal.action == KEY_START_ACTION and seal.prev_hash == old[-1].hash
    assert seal.after == {"scheme": "HMAC-SHA256", "unkeyed_events": 3, "unkeyed_last_id": old[-1].pk}
    assert seal_legacy_chain(AuditEvent, now=timezone.now()) is None  # once is enough
    audit_record(actor=None, action="test.new")
    # Then the whole chain verifies, the unkeyed prefix counted
    report = verify_chain()
    assert report.ok and report.checked == 5 and report.unkeyed == 3
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "3 of them hashed before the audit key" in out.getvalue()
    # But the old events are not open to rewriting: the seal's keyed link breaks
    _rewrite(old, old[1].pk, legacy_hash)
    report = verify_chain()
    assert not report.ok and report.broken_id == seal.pk and report.reason == "link"


def test_audit_record_refuses_to_write_without_a_key(db):
    with (
        override_settings(LVXIE_AUDIT_KEY=""),
        pytest.raises(ImproperlyConfigured, match="LVXIE_AUDIT_KEY"),
        transaction.atomic(),
    ):
        audit_record(actor=None, action="test.one")
    assert not AuditEvent.objects.exists()


def test_an_archive_file_from_before_the_key_still_verifies(db, tmp_path):
    # Given a version 1 archive (unsigned header, events hashed with plain SHA-256)
    old = _legacy_events(2)
    path = tmp_path / "audit-old.jsonl"
    header = {"format": "lvxie-audit-archive", "version": 1, "prev_hash": GENESIS_HASH, "events": 2}
    path.write_text(json.dumps(header) + "\n" + "".join(map(event_line, old)))
    report, _ = verify_archive(path)
    assert report.ok and report.checked == 2 and report.unkeyed == 2
    # An altered line still fails
    path.write_text(path.read_text().replace('"1"', '"forged"'))
    assert verify_archive(path)[0].broken_id == old[1].pk


def test_events_of_one_change_chain_without_reading_the_head_again(db):
    # Given a change that writes two events in one transaction
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        first = audit_record(actor=None, action="test.first")
        second = audit_record(actor=None, action="test.second")
    # Then the second links to the first, and the head was read once (the transaction holds the chain)
    assert second.prev_hash == first.hash and verify_chain().ok
    heads = [
        q["sql"] for q in queries.captured_queries if "audit_chain_head" in q["sql"] or "ORDER BY" in q["sql"]
    ]
    assert len(heads) == 1


def test_an_event_rolled_back_with_its_savepoint_is_not_the_head(db):
    # Given an event, then one written in a savepoint that is rolled back
    first = audit_record(actor=None, action="test.kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="test.undone")
        raise RuntimeError
    # Then the next event links to the one that stayed, and the chain verifies
    after = audit_record(actor=None, action="test.after")
    assert after.prev_hash == first.hash
    assert list(AuditEvent.objects.values_list("action", flat=True).order_by("id")) == [
        "test.kept",
        "test.after",
    ]
    assert verify_chain().ok
