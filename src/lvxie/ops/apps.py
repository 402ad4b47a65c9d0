from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the deployment: backups and restores (`lvxie backup`, `lvxie restore`), which keep the audit
    chain whole; it sits above the audit log, so core stays free of app imports."""

    name = "lvxie.ops"
    label = "ops"
    verbose_name = _("Operations")
