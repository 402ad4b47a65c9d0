"""One round trip for an appender's turn on PostgreSQL: `audit_chain_head(key)` takes the chain's advisory
lock, then reads the newest event's hash. Two statements did this before, on every audited write.

Why a function and not one SELECT of both: a statement reads the snapshot taken when it began, before it
waited for the lock, so an event committed while it waited would be missed and the chain would fork. A
VOLATILE PL/pgSQL function takes a fresh snapshot for each query it runs, so its read comes after the lock.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN (SELECT hash FROM audit_auditevent ORDER BY id DESC LIMIT 1);
END $$
"""
BACKWARD = "DROP FUNCTION audit_chain_head(bigint)"


def _run(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_keyed_chain")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
