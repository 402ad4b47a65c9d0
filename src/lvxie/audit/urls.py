from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("export.<str:fmt>", views.event_export, name="event_export"),
]
