from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    """Commendations (表彰) and contests: nomination, review, public notice (公示), award; a kind of call."""

    name = "lvxie.commendations"
    label = "commendations"
    verbose_name = _("Commendations")
    demo_seeder = "lvxie.commendations.demo.seed"

    def ready(self) -> None:
        from lvxie.workflow import publication, todo

        from . import kinds  # noqa: F401  (registers the kinds of call)
        from .selectors import todos
        from .services import NOTICE_KIND

        todo.register("commendations", todos)

        publication.register_kind(NOTICE_KIND, label=_("Public notice of a commendation"), objections=True)
