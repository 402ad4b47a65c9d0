from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretaryReportsConfig(AppConfig):
    """Secretaries' annual reports and their review (书记述职评议), a kind of call."""

    name = "lvxie.secretary_reports"
    label = "secretary_reports"
    verbose_name = _("Secretaries' reports")
    demo_seeder = "lvxie.secretary_reports.demo.seed"

    def ready(self) -> None:
        from datetime import timedelta

        from lvxie.workflow import schedule

        from . import kinds, policies  # noqa: F401  (registers the kind and the policy)
        from .services import reviews_close_due

        # The review's window shuts on its deadline (in working days from the day it opened).
        schedule.register("secretary_reports.close", reviews_close_due, every=timedelta(hours=1))
