"""PostgreSQL only: prefix matches (scope subtrees, number prefixes) need pattern-ops indexes, because
the default btree under a non-C collation cannot serve LIKE 'prefix%'. SQLite's LIKE needs none here."""

from django.db import migrations

INDEXES = {
    "registry_region_path_like": "registry_region (path varchar_pattern_ops)",
    "registry_lawyer_licence_like": "registry_lawyer (licence_no varchar_pattern_ops)",
    "registry_lawfirm_credit_like": "registry_lawfirm (credit_code varchar_pattern_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
