from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("firms/<int:pk>/", views.firm_detail, name="firm_detail"),
    path("offices/", views.directory, name="directory"),
    path("results/", views.call_results, name="call_results"),
    path("results/<int:pk>/", views.call_result, name="call_result"),
    path("commendations/", views.commendation_notices, name="commendation_notices"),
    path("commendations/<int:pk>/", views.commendation_notice, name="commendation_notice"),
    path("collections/", views.collections, name="collections"),
    path("offices/world.geojson", views.world_geojson, name="world_geojson"),
]
