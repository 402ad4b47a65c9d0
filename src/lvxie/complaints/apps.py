from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints (投诉): public intake, tracking code, acceptance and simple/complex triage (繁简分流)."""

    name = "lvxie.complaints"
    label = "complaints"
    verbose_name = _("Complaints")
    demo_seeder = "lvxie.complaints.demo.seed"

    def ready(self) -> None:
        from lvxie.dataio import exports
        from lvxie.workflow import todo

        from . import exports as complaint_exports
        from .selectors import todos

        todo.register("complaints", todos)
        for export in complaint_exports.EXPORTS:
            exports.register(export)
