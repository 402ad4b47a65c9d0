from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrglifeConfig(AppConfig):
    """Organizational life of Party organizations (组织生活): task lists, 三会一课 meetings, attendance."""

    name = "lvxie.orglife"
    label = "orglife"
    verbose_name = _("Organizational life")
