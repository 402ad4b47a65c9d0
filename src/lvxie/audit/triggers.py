"""The SQL that makes the audit table append-only, per database (migrations 0002, 0003 and 0004).

UPDATE and TRUNCATE are always refused, and so is an INSERT that would replace a row: SQLite's `REPLACE INTO`
(and `INSERT OR REPLACE`) deletes the row it conflicts with without firing the delete trigger, so a BEFORE
INSERT trigger refuses an id or hash already present. PostgreSQL has no such path: `INSERT ... ON CONFLICT
DO UPDATE` is an UPDATE and meets the update trigger.

DELETE is refused too, except for a row that both lies under an archive checkpoint (`lvxie audit archive`
wrote it to a file first) and is older than MIN_RETENTION_DAYS by the database's own clock: whoever holds
the application's database account can archive old events, and can never erase recent ones.
"""

MIN_RETENTION_DAYS = 180  # online at least six months (网络安全法 art. 21; GB/T 22239-2019 8.1.4.3)

_REFUSE = "SELECT RAISE(ABORT, 'audit events are append-only')"

SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN {_REFUSE}; END""",
    # The f-strings below interpolate module constants only.
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT (
         OLD.id <= (SELECT COALESCE(MAX(last_event_id), 0) FROM audit_archivecheckpoint)
         AND OLD.created_at < datetime('now', '-{MIN_RETENTION_DAYS} days')
       )
       BEGIN {_REFUSE}; END""",  # noqa: S608
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_replace BEFORE INSERT ON audit_auditevent
       WHEN EXISTS (SELECT 1 FROM audit_auditevent WHERE id = NEW.id)
         OR EXISTS (SELECT 1 FROM audit_auditevent WHERE hash = NEW.hash)
       BEGIN {_REFUSE}; END""",  # noqa: S608
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_replace",
]

POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
   LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE'
        AND OLD.id <= (SELECT COALESCE(MAX(last_event_id), 0) FROM audit_archivecheckpoint)
        AND OLD.created_at < now() - interval '{MIN_RETENTION_DAYS} days' THEN
       RETURN OLD;
     END IF;
     RAISE EXCEPTION 'audit events are append-only';
   END $$"""  # noqa: S608
POSTGRES = [
    POSTGRES_FUNCTION,
    """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER audit_event_no_truncate ON audit_auditevent",
    "DROP TRIGGER audit_event_no_change ON audit_auditevent",
    "DROP FUNCTION audit_event_append_only()",
]


def statements(vendor: str, *, reverse: bool = False) -> list[str]:
    table = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRES, POSTGRES_REVERSE)}
    forward, backward = table.get(vendor, ([], []))
    return backward if reverse else forward


def archive_upgrade(vendor: str) -> list[str]:
    """From migration 0002's triggers (no deletes at all) to these (deletes of archived old rows)."""
    if vendor == "sqlite":
        return ["DROP TRIGGER IF EXISTS audit_event_no_delete", SQLITE[1]]
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION]
    return []


def replace_guard(vendor: str, *, reverse: bool = False) -> list[str]:
    """Migration 0004: SQLite's trigger against REPLACE (nothing to add on PostgreSQL)."""
    if vendor != "sqlite":
        return []
    return [SQLITE_REVERSE[2]] if reverse else [SQLITE[2]]
