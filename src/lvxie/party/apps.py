from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "lvxie.party"
    label = "party"
    verbose_name = _("Party building")
    demo_seeder = "lvxie.party.demo.seed"
    national_seeder = "lvxie.party.national.seed"

    def ready(self) -> None:
        from lvxie.dataio import kinds
        from lvxie.registry import signals

        from .coverage import registry_changed
        from .imports import MemberImport

        # What the machinery offers for the Party side: the members import.
        kinds.register(MemberImport)
        # Coverage figures follow the registry's firms and lawyers, inside the registry's own transaction.
        signals.firms_changed.connect(registry_changed, dispatch_uid="party.coverage.firms")
        signals.lawyers_changed.connect(registry_changed, dispatch_uid="party.coverage.lawyers")
