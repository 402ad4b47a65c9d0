from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    """Disciplinary cases (行业处分) and the bar's sanctions, with their publication."""

    name = "lvxie.discipline"
    label = "discipline"
    verbose_name = _("Discipline")
