"""The district's path on each firm and lawyer row (RegionPathMixin: scope without a join), filled from
the regions; and, on PostgreSQL, the hand-made pattern-ops indexes of 0002 and 0004 dropped where Django's
own `_like` index on the same column already serves the same LIKE 'prefix%' (every COPY and insert paid
for both)."""

from django.db import migrations, models

FILL = (
    "UPDATE {table} SET region_path = (SELECT path FROM registry_region WHERE registry_region.id = "
    "{table}.region_id)"
)
# Name → what it indexed (to create it again when the migration is reversed).
DUPLICATES = {
    "registry_lawyer_licence_like": "registry_lawyer (licence_no varchar_pattern_ops)",
    "registry_lawfirm_credit_like": "registry_lawfirm (credit_code varchar_pattern_ops)",
    "registry_lawfirm_licence_like": "registry_lawfirm (licence_no varchar_pattern_ops)",
    **{
        f"{table}_{key}_like": f"{table} (name_{column} varchar_pattern_ops)"
        for table in ("registry_lawyer", "registry_lawfirm")
        for key, column in (("simplified", "simplified"), ("pinyin", "pinyin"), ("initials", "initials"))
    },
}


def drop_duplicates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in DUPLICATES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_duplicates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in DUPLICATES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_text_and_year_validators"),
    ]

    operations = [
        migrations.AddField(
            model_name="lawfirm",
            name="region_path",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="lawyer",
            name="region_path",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunSQL(FILL.format(table="registry_lawfirm"), migrations.RunSQL.noop),
        migrations.RunSQL(FILL.format(table="registry_lawyer"), migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="lawfirm",
            index=models.Index(
                fields=["region_path"], name="lawfirm_region_path", opclasses=["varchar_pattern_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="lawyer",
            index=models.Index(
                fields=["region_path"], name="lawyer_region_path", opclasses=["varchar_pattern_ops"]
            ),
        ),
        migrations.RunPython(drop_duplicates, restore_duplicates),
    ]
