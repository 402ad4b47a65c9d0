"""PostgreSQL only: a one-character search (a surname) in rank order straight from an index. Its order is
(length, pinyin, id) among the names that start with the character, so an index on exactly that yields the
first 20 of 50,000 王 without sorting them all (14 ms → under 1 ms nationally)."""

from django.db import migrations

TABLES = ("registry_lawyer", "registry_lawfirm")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_first_character ON {table} "
                "(left(name_simplified, 1), length(name_simplified), name_pinyin, id)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_first_character")


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search_indexes")]
    operations = [migrations.RunPython(create, drop)]
