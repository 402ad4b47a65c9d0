from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lvxie.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents with the backup at PATH (made by `lvxie backup`), then check it: "
        "row counts per table against the manifest, and the audit chain. The audit events written after "
        "the backup are kept in a file in the archive directory and the gap is recorded in the log."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="confirm: the current contents are replaced")
        parser.add_argument(
            "--dir", type=Path, help="where erased audit events are kept (default: LVXIE_AUDIT_ARCHIVE_DIR)"
        )

    def handle(self, *args, path, yes=False, dir=None, **options):
        if not yes:
            raise CommandError("Restoring replaces every row in the database: run again with --yes.")
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            result = restore(path, directory=dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        gap = result.gap
        if gap.lost:
            self.stdout.write(
                f"{gap.lost} audit events written after the backup (after id={gap.backup_last_id}, up to "
                f"id={gap.last_id_before}) were erased; kept in {gap.kept_in}. Recorded by event "
                f"id={result.event.pk}."
            )
        if result.checkpoint_error:
            self.stderr.write(f"No checkpoint written: {result.checkpoint_error}")
        check = result.check
        for table, (expected, found) in sorted(check.count_mismatches.items()):
            self.stderr.write(f"{table}: {found} rows, the backup had {expected}")
        if not check.chain_ok:
            self.stderr.write("The audit chain of the restored database is BROKEN (lvxie audit verify).")
        elif not check.head_matches:
            self.stderr.write("The audit chain does not end where the backup's did.")
        if not check.ok:
            raise CommandError("Restore check FAILED.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored from {path}: row counts match, audit chain whole ({check.chain_checked} events)."
            )
        )
