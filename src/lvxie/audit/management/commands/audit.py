from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lvxie.audit.archive import archive_events, verify_archive, verify_kept
from lvxie.audit.checkpoint import (
    CheckpointError,
    check_against,
    checkpoint_write,
    newest_checkpoint,
    recorded_gaps,
)
from lvxie.audit.verify import ChainReport, verify_chain

_WHAT = {
    "link": "its link to the previous event",
    "content": "its content (or its keyed hash: recomputed without the audit key?)",
    "unkeyed": "its hash (plain SHA-256, and no keyed event after it: rewritten without the key?)",
    "count": "the event count",
    "signature": "the file's signed header (another key, or altered)",
    "head": "the last event named in the file's signed header (cut short?)",
}


class Command(BaseCommand):
    help = (
        "Audit log tools. `verify`: check the online hash chain (from the last archive checkpoint), the "
        "gaps restores recorded, and the newest signed checkpoint in --dir; or with --file an archive "
        "file. `archive`: move events past retention to a file in --dir, and write a checkpoint. "
        "`checkpoint`: write a signed checkpoint of the chain's head to --dir (run it from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "archive", "checkpoint"])
        parser.add_argument("--file", type=Path, help="verify this archive file instead of the database")
        parser.add_argument(
            "--dir", type=Path, help="the archive directory (default: the setting LVXIE_AUDIT_ARCHIVE_DIR)"
        )

    def handle(self, *args, action, file=None, dir=None, **options):
        directory = dir or Path(settings.LVXIE_AUDIT_ARCHIVE_DIR)
        if action == "archive":
            return self._archive(directory)
        if action == "checkpoint":
            return self._checkpoint(directory)
        if file is not None:
            return self._verify_file(file)
        return self._verify(directory)

    def _verify_file(self, file: Path) -> None:
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

    def _verify(self, directory: Path) -> None:
        report = verify_chain()
        self._report(report, "Audit chain")
        if report.unkeyed:
            self.stdout.write(f"({report.unkeyed} of them hashed before the audit key, sealed by the next.)")
        problems = []
        gaps = recorded_gaps()
        for gap in gaps:
            kept_ok, kept = verify_kept(gap, directory)
            self.stdout.write(
                f"Gap recorded by event id={gap.event_id} ({gap.recorded_at:%Y-%m-%d %H:%M}): the restore "
                f"from {gap.backup} erased {gap.lost} events after id={gap.backup_last_id} up to "
                f"id={gap.last_id_before}; {kept}."
            )
            if kept_ok is False:
                problems.append(f"The events erased by the restore of event id={gap.event_id}: {kept}.")
        try:
            checkpoint = newest_checkpoint(directory)
        except CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        if checkpoint is None:
            self.stdout.write(
                self.style.WARNING(
                    f"No checkpoint in {directory}: deleting the newest events would go unnoticed. "
                    "Run `lvxie audit checkpoint` from cron."
                )
            )
        else:
            check = check_against(checkpoint, gaps)
            (self.stdout.write if check.ok else problems.append)(check.message)
        if problems:
            raise CommandError("\n".join(problems))

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
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Archived {result.checkpoint.events} events to {result.path}.")
            )
        self._checkpoint(directory)

    def _checkpoint(self, directory: Path) -> None:
        try:
            checkpoint = checkpoint_write(directory=directory)
        except CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Checkpoint at event id={checkpoint.last_id} written to {checkpoint.path}.")
        )
