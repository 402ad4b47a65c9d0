"""Member development (发展党员): application, activist, development target, member."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """Member development (发展党员): application, activist, development target, member."""

    name = "lvxie.recruitment"
    label = "recruitment"
    verbose_name = _("Member development")
    demo_seeder = "lvxie.recruitment.demo.seed"

    def ready(self) -> None:
        # Probations ending: a reminder to the secretary and the committee staff, checked daily (each is
        # sent once per record and end date), and a 待办 until the branch meeting decides.
        from datetime import timedelta

        from django.utils import timezone

        from lvxie.workflow import schedule, todo

        from .selectors import todos
        from .services import probation_reminders_send

        todo.register("recruitment", todos)
        schedule.register(
            "recruitment.probation_reminders",
            lambda now: probation_reminders_send(today=timezone.localdate(now)),
            every=timedelta(days=1),
        )
