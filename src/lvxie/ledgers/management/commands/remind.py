"""`lvxie remind`: send the due-soon and overdue reminders (ledger items, notice replies). Safe to run
hourly from cron: each item or notice is reminded at most once a day."""

from django.core.management.base import BaseCommand

from lvxie.ledgers.services import ledger_reminders_send
from lvxie.notices.services import notice_due_reminders_send


class Command(BaseCommand):
    help = (
        "Send due-soon and overdue reminders for rectification items and notice replies (idempotent per day)."
    )

    def handle(self, *args, **options):
        items = ledger_reminders_send()
        notices = notice_due_reminders_send()
        self.stdout.write(f"Reminders sent: {items} for rectification items, {notices} for notice replies.")
