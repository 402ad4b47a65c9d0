"""`lvxie tick`: run every registered periodic job whose period has not run yet (reminders, clocks
passing their deadline, ...). Safe to run every few minutes from cron or a systemd timer on several
machines at once: each job runs once per period (see lvxie.workflow.schedule). `lvxie remind` is the
same command under its old name."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lvxie.workflow import schedule


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (due-soon and overdue reminders, clocks past their deadline, ...) once per "
        "period each, however many copies run at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--job", action="append", default=[], help="run only this job (repeatable)")
        parser.add_argument("--list", action="store_true", help="list the registered jobs and stop")

    def handle(self, *args: Any, job: list[str], list: bool, **options: Any) -> None:
        registered = schedule.jobs()
        if list:
            for one in registered:
                self.stdout.write(f"{one.name}  every {one.every}")
            return
        unknown = set(job) - {one.name for one in registered}
        if unknown:
            raise CommandError(f"No such job: {', '.join(sorted(unknown))}.")
        failed = 0
        for outcome in schedule.run_due(only=job or None):
            period = outcome.period.isoformat(timespec="minutes")
            if not outcome.ran:
                self.stdout.write(f"{outcome.job}: already run for {period}")
            elif outcome.status == "failed":
                failed += 1
                self.stderr.write(f"{outcome.job}: FAILED for {period}\n{outcome.result}")
            else:
                self.stdout.write(f"{outcome.job}: done for {period}: {outcome.result}")
        if failed:
            raise CommandError(f"{failed} job(s) failed.")
