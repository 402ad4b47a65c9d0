from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "lvxie.ledgers"
    label = "ledgers"
    verbose_name = _("Rectification ledgers")
    demo_seeder = "lvxie.ledgers.demo.seed"
