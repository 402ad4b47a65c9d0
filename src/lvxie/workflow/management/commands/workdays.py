"""`lvxie workdays`: check and confirm the working-day calendar from the command line.

lvxie workdays show 2026                 days off, adjusted working days, confirmed or provisional
lvxie workdays add 2026-09-28 10         the date 10 working days later (provisional when so)
lvxie workdays confirm 2027 --user NAME  staff confirm a year (audited under their name)
lvxie workdays set 2027-02-20 work --note 调休上班 --user NAME   a staff override
lvxie workdays unset 2027-02-20 --user NAME
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lvxie.workflow import services
from lvxie.workflow.choices import DayKind
from lvxie.workflow.workdays import add_working_days, year_calendar

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Working days: show a year's calendar, count a deadline, confirm a year, set or unset an override."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        show = sub.add_parser("show", help="a year's days off and adjusted working days")
        show.add_argument("year", type=int)
        add = sub.add_parser("add", help="the date N working days after a date")
        add.add_argument("start")
        add.add_argument("days", type=int)
        confirm = sub.add_parser("confirm", help="confirm a year's calendar (staff)")
        confirm.add_argument("year", type=int)
        confirm.add_argument("--user", required=True, help="the staff member's username")
        confirm.add_argument("--note", default="")
        override = sub.add_parser("set", help="say a date is a day off or a working day (staff)")
        override.add_argument("date")
        override.add_argument("kind", choices=DayKind.values)
        override.add_argument("--note", default="")
        override.add_argument("--user", required=True)
        unset = sub.add_parser("unset", help="remove a date's override (staff)")
        unset.add_argument("date")
        unset.add_argument("--user", required=True)

    def handle(self, *args: Any, what: str, **options: Any) -> None:
        if what == "show":
            self._show(options["year"])
        elif what == "add":
            deadline = add_working_days(_date(options["start"]), options["days"])
            line = f"{deadline.date.isoformat()} ({WEEKDAYS[deadline.date.weekday()]})"
            if deadline.provisional:
                years = ", ".join(str(y) for y in deadline.unconfirmed_years)
                line += f" provisional: {years} not confirmed by staff"
            self.stdout.write(line)
        else:
            self._write(what, **options)

    def _show(self, year: int) -> None:
        cal = year_calendar(year)
        if cal.confirmed:
            when = cal.confirmed_at.date().isoformat() if cal.confirmed_at else ""
            self.stdout.write(f"{year}: confirmed by {cal.confirmed_by or 'the system'} on {when}")
        else:
            self.stdout.write(f"{year}: provisional (not confirmed by staff)")
            if not cal.package_knows_adjusted_days:
                self.stdout.write("  the holidays package lists no adjusted working days for this year")
        self.stdout.write("Days off:")
        for day, note in cal.days_off.items():
            self.stdout.write(
                f"  {day.isoformat()} {WEEKDAYS[day.weekday()]}  {note.zh} / {note.en}  [{note.source}]"
            )
        self.stdout.write("Adjusted working days:")
        for day, note in cal.working_weekends.items():
            self.stdout.write(
                f"  {day.isoformat()} {WEEKDAYS[day.weekday()]}  {note.zh} / {note.en}  [{note.source}]"
            )
        if not cal.working_weekends:
            self.stdout.write("  none")

    def _write(self, what: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {options['user']!r}.")
        try:
            if what == "confirm":
                services.workdays_confirm(actor=user, year=options["year"], note=options["note"])
                self.stdout.write(
                    self.style.SUCCESS(f"{options['year']} confirmed by {user.get_username()}.")
                )
            elif what == "set":
                day = _date(options["date"])
                services.workday_override_set(actor=user, day=day, kind=options["kind"], note=options["note"])
                self.stdout.write(self.style.SUCCESS(f"{day.isoformat()}: {options['kind']}."))
            else:
                day = _date(options["date"])
                removed = services.workday_override_remove(actor=user, day=day)
                self.stdout.write(f"{day.isoformat()}: {'override removed' if removed else 'no override'}.")
        except PermissionDenied as exc:
            raise CommandError(f"{user.get_username()} may not change the working-day calendar.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
