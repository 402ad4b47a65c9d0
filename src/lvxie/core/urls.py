from django.urls import path

from .pickers import pick_view

app_name = "core"

urlpatterns = [
    path("<str:source>/", pick_view, name="pick"),
]
