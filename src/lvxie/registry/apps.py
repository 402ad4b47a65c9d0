from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "lvxie.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        # What the machinery offers for the registry: its import kinds and its exports.
        from lvxie.dataio import exports, kinds

        from .exports import EXPORTS
        from .imports import KINDS

        for kind in KINDS:
            kinds.register(kind)
        for export in EXPORTS:
            exports.register(export)
