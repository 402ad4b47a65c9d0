"""The audit table refuses UPDATE and DELETE at the database, whatever the application does."""

from django.db import migrations

from lvxie.audit.triggers import statements


def _run(reverse: bool):
    def run(apps, schema_editor):
        for sql in statements(schema_editor.connection.vendor, reverse=reverse):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(_run(reverse=False), _run(reverse=True)),
    ]
