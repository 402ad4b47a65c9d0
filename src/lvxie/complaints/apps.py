from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints (投诉): public intake, tracking code, acceptance and simple/complex triage (繁简分流)."""

    name = "lvxie.complaints"
    label = "complaints"
    verbose_name = _("Complaints")
