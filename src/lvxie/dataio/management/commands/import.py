"""`lvxie import lawyers FILE [--dry-run] [--user NAME]`: the same checks and report as the web import."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from lvxie.dataio import services
from lvxie.dataio.kinds import KINDS
from lvxie.dataio.parsing import UnsafeFile


class Command(BaseCommand):
    help = "Import firms, lawyers, trainees or Party members from an .xlsx or .csv file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report; save nothing.")
        parser.add_argument("--user", help="Import as this user (their scope); default: the system.")

    def handle(self, *args, kind, file, dry_run, user, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user {user!r}.")

        def progress(done, total):
            self.stdout.write(f"\r{done}/{total}", ending="")

        try:
            report = services.import_file(
                actor=actor,
                kind=kind,
                content=file.read_bytes(),
                commit=not dry_run,
                filename=file.name,
                progress=progress,
            )
        except (OSError, UnsafeFile) as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(f"{user} may not import {kind}.") from exc
        self.stdout.write("")
        for message in report["file_errors"]:
            self.stderr.write(message)
        for error in report["errors"]:
            self.stderr.write(f"row {error['row']} · {error['column']}: {error['message']}")
        for warning in report["warnings"]:
            self.stdout.write(f"row {warning['row']} · {warning['column']}: {warning['message']}")
        self.stdout.write(
            f"create {report['create']}, update {report['update']}, refused {report['refused']}"
        )
        if report["refused"] or report["file_errors"]:
            raise CommandError("Nothing was saved: correct the refused rows and run again.")
        if report.get("committed"):
            self.stdout.write(self.style.SUCCESS("Saved."))
