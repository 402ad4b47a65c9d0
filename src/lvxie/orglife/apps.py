"""Organizational life of Party organizations (组织生活): task lists, 三会一课 meetings, attendance."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrglifeConfig(AppConfig):
    """Organizational life of Party organizations (组织生活): task lists, 三会一课 meetings, attendance."""

    name = "lvxie.orglife"
    label = "orglife"
    verbose_name = _("Organizational life")
    demo_seeder = "lvxie.orglife.demo.seed"

    def ready(self) -> None:
        from datetime import timedelta

        from django.utils import timezone

        from lvxie.workflow import schedule, todo

        from . import imports
        from .selectors import todos
        from .services import meeting_reminders_send, task_reminders_send

        imports.register_kinds()
        todo.register("orglife", todos)
        # Each reminder is sent once (meetings) or once a day (task items); the jobs run hourly.
        schedule.register(
            "orglife.meeting_reminders",
            lambda now: meeting_reminders_send(today=timezone.localdate(now)),
            every=timedelta(hours=1),
        )
        schedule.register(
            "orglife.task_reminders",
            lambda now: task_reminders_send(today=timezone.localdate(now)),
            every=timedelta(hours=1),
        )
