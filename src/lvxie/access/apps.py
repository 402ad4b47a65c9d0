from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    """Who holds which role where, the scope computed from it, and the pages and API that give roles."""

    name = "lvxie.access"
    label = "access"
    verbose_name = _("Access")
    demo_account_maker = "lvxie.access.demo.demo_account"

    def ready(self) -> None:
        from . import signals  # noqa: F401  # cached scopes forget changed roles and paths
