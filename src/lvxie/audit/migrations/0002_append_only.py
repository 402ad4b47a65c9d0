"""The audit table refuses UPDATE and DELETE at the database, whatever the application does.
(The SQL as it was at this step; 0003 lets archived rows past retention go.)"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]
POSTGRES = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$""",
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


def _run(reverse: bool):
    def run(apps, schema_editor):
        table = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRES, POSTGRES_REVERSE)}
        forward, backward = table.get(schema_editor.connection.vendor, ([], []))
        for sql in backward if reverse else forward:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(_run(reverse=False), _run(reverse=True)),
    ]
