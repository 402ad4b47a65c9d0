from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lvxie.core"
    label = "core"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from . import (
            checks,  # noqa: F401 (registers the deployment checks)
            lookups,  # noqa: F401 (registers `__any_of`)
        )

        autodiscover_modules("pickers")  # each app's picker sources (lvxie.core.pickers.register)
        autodiscover_modules("policies")  # each app's policy actions (lvxie.core.policy.register)
        autodiscover_modules("personal_data")  # each app's register entries (lvxie.core.personal_data)
