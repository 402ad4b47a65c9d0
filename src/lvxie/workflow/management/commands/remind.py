"""`lvxie remind`: the old name of `lvxie tick` (cron lines written for it keep working)."""

from .tick import Command as TickCommand


class Command(TickCommand):
    help = "The same as `lvxie tick`: run the periodic jobs (reminders included), once per period each."
