from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "lvxie.party"
    label = "party"
    verbose_name = _("Party building")
    demo_seeder = "lvxie.party.demo.seed"
    national_seeder = "lvxie.party.national.seed"

    def ready(self) -> None:
        # What the machinery offers for the Party side: the members import.
        from lvxie.dataio import kinds

        from .imports import MemberImport

        kinds.register(MemberImport)
