from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretaryReportsConfig(AppConfig):
    """Secretaries' annual reports and their review (书记述职评议), a kind of call."""

    name = "lvxie.secretary_reports"
    label = "secretary_reports"
    verbose_name = _("Secretaries' reports")
