"""PostgreSQL only: the indexes behind registry.search at national scale.

- `lvxie_bigrams(text)`: the array of a text's two-character substrings, with a GIN index over the
  simplified names. Two-character Chinese names have no trigram that pg_trgm can use, so a bigram array
  serves `contains` for every name of 2+ characters.
- pg_trgm GIN indexes on the pinyin key, for a given name typed alone ("weidong").
- pattern-ops btree indexes on the simplified, pinyin and initials keys, for prefixes (a surname, "oym").
pg_trgm is a trusted extension: the database owner may create it.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION lvxie_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$
"""

TABLES = ("registry_lawyer", "registry_lawfirm")
INDEXES = {
    # fastupdate off: a search must not scan a pending list of recent inserts (9 ms after a bulk load).
    "{t}_name_bigrams": "{t} USING gin (lvxie_bigrams(name_simplified)) WITH (fastupdate = off)",
    "{t}_pinyin_trgm": "{t} USING gin (name_pinyin gin_trgm_ops) WITH (fastupdate = off)",
    "{t}_simplified_like": "{t} (name_simplified varchar_pattern_ops)",
    "{t}_pinyin_like": "{t} (name_pinyin varchar_pattern_ops)",
    "{t}_initials_like": "{t} (name_initials varchar_pattern_ops)",
}
EXTRA = {"registry_lawfirm_licence_like": "registry_lawfirm (licence_no varchar_pattern_ops)"}


def _all():
    for table in TABLES:
        for name, target in INDEXES.items():
            yield name.format(t=table), target.format(t=table)
    yield from EXTRA.items()


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(FUNCTION)
        for name, target in _all():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _target in _all():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute("DROP FUNCTION IF EXISTS lvxie_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_lawyer_year_range")]
    operations = [migrations.RunPython(create, drop)]
