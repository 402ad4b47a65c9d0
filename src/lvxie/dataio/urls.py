from django.urls import path

from . import views

app_name = "dataio"

urlpatterns = [
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<int:pk>/progress/", views.ImportProgressView.as_view(), name="import_progress"),
    path("imports/<int:pk>/commit/", views.ImportCommitView.as_view(), name="import_commit"),
    path("imports/template/<str:kind>.xlsx", views.TemplateView.as_view(), name="import_template"),
    path("exports/<str:what>/", views.ExportView.as_view(), name="export"),
    path("exports/<str:what>/unmasked/", views.UnmaskedExportView.as_view(), name="export_unmasked"),
]
