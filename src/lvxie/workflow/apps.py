from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Machinery shared by the workflows: working days, clocks, scheduled jobs."""

    name = "lvxie.workflow"
    label = "workflow"
    verbose_name = _("Workflow")
    demo_seeder = "lvxie.workflow.demo.seed"

    def ready(self) -> None:
        from datetime import timedelta

        from . import schedule
        from .services import clocks_overdue_mark

        schedule.register("workflow.clocks_overdue", clocks_overdue_mark, every=timedelta(hours=1))
