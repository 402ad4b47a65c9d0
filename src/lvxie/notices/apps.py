from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "lvxie.notices"
    label = "notices"
    verbose_name = _("Notices")
    demo_seeder = "lvxie.notices.demo.seed"
