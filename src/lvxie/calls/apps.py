from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    """Calls for submissions: units submit, reviewers score, results are published for a window."""

    name = "lvxie.calls"
    label = "calls"
    verbose_name = _("Calls for submissions")
    demo_seeder = "lvxie.calls.demo.seed"

    def ready(self) -> None:
        from datetime import timedelta

        from lvxie.workflow import publication, schedule, todo

        from . import kinds  # noqa: F401  (registers the built-in kinds)
        from .selectors import todos
        from .services import PUBLICATION_KIND, call_reminders_send

        todo.register("calls", todos)

        # Reminders before the deadline (units) and to reviewers with scores missing; once a day each.
        schedule.register("calls.reminders", call_reminders_send, every=timedelta(hours=1))
        publication.register_kind(PUBLICATION_KIND, label=_("Results of a call"), objections=True)
