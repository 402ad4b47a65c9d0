"""`lvxie party recount [--check]`: compare the per-firm coverage rows with a recount from the raw tables."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lvxie.audit.services import audit_record
from lvxie.party.coverage import coverage_differences, coverage_refresh


class Command(BaseCommand):
    help = (
        "Party building. `recount`: recompute every firm's coverage row from memberships, organizations, "
        "instructors, firms and lawyers and fix differences; with --check, only report them (exit 1 if any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["recount"])
        parser.add_argument("--check", action="store_true", help="report differences, change nothing")

    def handle(self, *args, what: str, check: bool, **options):
        differences = coverage_differences()
        for where, name, stored, expected in differences[:50]:
            self.stdout.write(f"  {where}: {name} stored {stored!r}, recounted {expected!r}")
        if len(differences) > 50:
            self.stdout.write(f"  … and {len(differences) - 50:,} more")
        if check:
            if differences:
                raise CommandError(f"{len(differences):,} coverage figures differ from a full recount.")
            self.stdout.write(self.style.SUCCESS("Coverage figures match a full recount."))
            return
        with transaction.atomic():
            rows = coverage_refresh()
            audit_record(
                actor=None,
                action="party.recount",
                object_type="party.firmcoverage",
                after={"rows": rows, "fixed": len(differences)},
            )
        self.stdout.write(
            self.style.SUCCESS(f"Recounted {rows:,} firms; {len(differences):,} figures fixed.")
        )
