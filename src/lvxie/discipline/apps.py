"""Disciplinary cases (行业处分) and the bar's sanctions, with their publication."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    """Disciplinary cases (行业处分) and the bar's sanctions, with their publication."""

    name = "lvxie.discipline"
    label = "discipline"
    verbose_name = _("Discipline")
    demo_seeder = "lvxie.discipline.demo.seed"

    def ready(self) -> None:
        from datetime import timedelta

        from lvxie.complaints.signals import complaint_triaged_complex
        from lvxie.registry import sections
        from lvxie.workflow import publication, schedule, todo

        from .record import sanction_section
        from .selectors import todos
        from .services import PUBLICATION_KIND, cases_finalize
        from .services import complaint_triaged_complex as open_case

        # A complaint triaged complex opens its case in the same transaction.
        complaint_triaged_complex.connect(open_case, dispatch_uid="discipline.case_from_complaint")
        todo.register("discipline", todos)
        # Decisions whose review period ended become final (and public ones published) each hour.
        schedule.register("discipline.finality", cases_finalize, every=timedelta(hours=1))
        publication.register_kind(PUBLICATION_KIND, label=_("Sanctions of the bar"))
        sections.register("lawyer", "discipline.sanctions", sanction_section)
        sections.register("firm", "discipline.sanctions", sanction_section)
