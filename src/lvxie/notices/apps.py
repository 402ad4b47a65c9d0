from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "lvxie.notices"
    label = "notices"
    verbose_name = _("Notices")
    demo_seeder = "lvxie.notices.demo.seed"

    def ready(self) -> None:
        # The due-soon and overdue reminders run hourly from `lvxie tick` (each is sent once a day).
        from datetime import timedelta

        from django.utils import timezone

        from lvxie.workflow import schedule

        from .services import notice_due_reminders_send

        schedule.register(
            "notices.reminders",
            lambda now: notice_due_reminders_send(today=timezone.localdate(now)),
            every=timedelta(hours=1),
        )
