from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lvxie.audit.services import audit_record
from lvxie.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents with the backup at PATH (made by `lvxie backup`), then check it: "
        "row counts per table against the manifest, and the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="confirm: the current contents are replaced")

    def handle(self, *args, path, yes=False, **options):
        if not yes:
            raise CommandError("Restoring replaces every row in the database: run again with --yes.")
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            result = restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for table, (expected, found) in sorted(result.count_mismatches.items()):
            self.stderr.write(f"{table}: {found} rows, the backup had {expected}")
        if not result.chain_ok:
            self.stderr.write("The audit chain of the restored database is BROKEN (lvxie audit verify).")
        elif not result.head_matches:
            self.stderr.write("The audit chain does not end where the backup's did.")
        if not result.ok:
            raise CommandError("Restore check FAILED.")
        audit_record(actor=None, action="system.restore", object_repr=path.name)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored from {path}: row counts match, audit chain whole ({result.chain_checked} events)."
            )
        )
