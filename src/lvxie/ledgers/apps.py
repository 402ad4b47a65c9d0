from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "lvxie.ledgers"
    label = "ledgers"
    verbose_name = _("Rectification ledgers")
    demo_seeder = "lvxie.ledgers.demo.seed"

    def ready(self) -> None:
        # The due-soon and overdue reminders run hourly from `lvxie tick` (each is sent once a day).
        from datetime import timedelta

        from django.utils import timezone

        from lvxie.workflow import schedule

        from .services import ledger_reminders_send

        schedule.register(
            "ledgers.reminders",
            lambda now: ledger_reminders_send(today=timezone.localdate(now)),
            every=timedelta(hours=1),
        )
