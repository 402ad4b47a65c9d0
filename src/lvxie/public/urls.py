from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("firms/<int:pk>/", views.firm_detail, name="firm_detail"),
    path("offices/", views.directory, name="directory"),
    path("results/", views.call_results, name="call_results"),
    path("sanctions/", views.sanctions, name="sanctions"),
    path("results/<int:pk>/", views.call_result, name="call_result"),
    path("complaints/", views.complaint_form, name="complaint_form"),
    path("complaints/captcha/<str:token>.png", views.complaint_captcha, name="complaint_captcha"),
    path("complaints/track/", views.complaint_track, name="complaint_track"),
    path("commendations/", views.commendation_notices, name="commendation_notices"),
    path("commendations/<int:pk>/", views.commendation_notice, name="commendation_notice"),
    path("collections/", views.collections, name="collections"),
    path("offices/world.geojson", views.world_geojson, name="world_geojson"),
]
