from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lvxie.core"
    label = "core"
