from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lvxie.audit.archive import archive_events, verify_archive
from lvxie.audit.verify import ChainReport, verify_chain

_WHAT = {"link": "its link to the previous event", "content": "its content", "count": "the event count"}


class Command(BaseCommand):
    help = (
        "Audit log tools. `verify`: check the online hash chain (from the last archive checkpoint), or with "
        "--file an archive file. `archive`: move events past retention to a file in --dir."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "archive"])
        parser.add_argument("--file", type=Path, help="verify this archive file instead of the database")
        parser.add_argument(
            "--dir", type=Path, help="where `archive` writes (default: VAR_DIR/audit-archive)"
        )

    def handle(self, *args, action, file=None, dir=None, **options):
        if action == "archive":
            return self._archive(dir or Path(settings.VAR_DIR) / "audit-archive")
        if file is not None:
            if not file.exists():
                raise CommandError(f"No such file: {file}")
            try:
                report, checkpoint = verify_archive(file)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self._report(report, f"Archive {file.name}")
            if checkpoint is not None:
                self.stdout.write(
                    f"It matches the checkpoint recorded at {checkpoint.created_at:%Y-%m-%d %H:%M}."
                )
            return None
        self._report(verify_chain(), "Audit chain")
        return None

    def _report(self, report: ChainReport, name: str) -> None:
        if not report.ok:
            raise CommandError(
                f"{name} BROKEN at event id={report.broken_id}: {_WHAT[report.reason]} does not match "
                f"({report.checked} events before it verified)."
            )
        self.stdout.write(self.style.SUCCESS(f"{name} whole: {report.checked} events verified."))

    def _archive(self, directory: Path) -> None:
        try:
            result = archive_events(actor=None, directory=directory)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        if result is None:
            self.stdout.write("Nothing to archive: no event is past retention.")
            return
        self.stdout.write(self.style.SUCCESS(f"Archived {result.checkpoint.events} events to {result.path}."))
