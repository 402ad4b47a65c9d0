from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    """Commendations (表彰) and contests: nomination, review, public notice (公示), award; a kind of call."""

    name = "lvxie.commendations"
    label = "commendations"
    verbose_name = _("Commendations")
