from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lvxie.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump) to PATH, with a manifest "
        "of row counts and the audit chain's head beside it (PATH.manifest.json). The backup's own audit "
        "event is inside the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?", help="default: VAR_DIR/backups/lvxie-<time>")

    def handle(self, *args, path=None, **options):
        path = path or Path(settings.VAR_DIR) / "backups" / f"lvxie-{timezone.now():%Y%m%d-%H%M%S}.backup"
        try:
            manifest = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {len(manifest['tables'])} tables, {rows} rows to {path}.")
        )
