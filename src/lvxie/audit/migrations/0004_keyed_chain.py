"""The keyed chain: SQLite refuses REPLACE INTO on audit rows, and a chain hashed before the audit key
existed (plain SHA-256) is sealed by one keyed event appended now.

Why a seal, not a rehash: the old rows stay exactly as they were written (they are append-only, and
rehashing them would need every row rewritten); they keep verifying as a plain SHA-256 prefix. The seal
links to their last hash under the key, so rewriting any of them breaks the chain at the seal, and a
chain rewritten entirely without the key ends unkeyed, which `lvxie audit verify` refuses. With rows to
seal, this migration needs LVXIE_AUDIT_KEY and stops with that message without it.
"""

from django.db import migrations
from django.utils import timezone

from lvxie.audit.chain import seal_legacy_chain
from lvxie.audit.triggers import replace_guard


def _forward(apps, schema_editor):
    for sql in replace_guard(schema_editor.connection.vendor):
        schema_editor.execute(sql)
    seal_legacy_chain(apps.get_model("audit", "AuditEvent"), now=timezone.now())


def _backward(apps, schema_editor):
    for sql in replace_guard(schema_editor.connection.vendor, reverse=True):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_archive")]

    operations = [migrations.RunPython(_forward, _backward)]
