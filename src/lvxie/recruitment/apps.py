from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """Member development (发展党员): application, activist, development target, member."""

    name = "lvxie.recruitment"
    label = "recruitment"
    verbose_name = _("Member development")
