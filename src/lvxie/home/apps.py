from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page: it shows parts of several capabilities, so it sits above all of them."""

    name = "lvxie.home"
    label = "home"
    verbose_name = _("Home")
