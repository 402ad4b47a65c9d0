from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Machinery shared by the workflows: working days, clocks, scheduled jobs, publication windows."""

    name = "lvxie.workflow"
    label = "workflow"
    verbose_name = _("Workflow")
    demo_seeder = "lvxie.workflow.demo.seed"

    def ready(self) -> None:
        from datetime import timedelta

        from lvxie.dataio.services import exports_expire

        from . import schedule
        from .services import clocks_overdue_mark, publication_windows_mark

        schedule.register("workflow.clocks_overdue", clocks_overdue_mark, every=timedelta(hours=1))
        schedule.register(
            "workflow.publication_windows", publication_windows_mark, every=timedelta(minutes=5)
        )
        # dataio sits below this app and cannot register its own job: large exports' files, kept a day.
        schedule.register("dataio.exports_expire", exports_expire, every=timedelta(hours=1))
