from django.urls import path

from . import views

app_name = "dataio"

urlpatterns = [
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<int:pk>/progress/", views.ImportProgressView.as_view(), name="import_progress"),
    path("imports/<int:pk>/commit/", views.ImportCommitView.as_view(), name="import_commit"),
    path("imports/template/<str:kind>.xlsx", views.TemplateView.as_view(), name="import_template"),
    path("exports/", views.ExportJobListView.as_view(), name="export_list"),
    path("exports/jobs/<int:pk>/", views.ExportJobDetailView.as_view(), name="export_detail"),
    path("exports/jobs/<int:pk>/progress/", views.ExportJobProgressView.as_view(), name="export_progress"),
    path("exports/jobs/<int:pk>/file/", views.ExportJobFileView.as_view(), name="export_file"),
    path("exports/<str:what>/", views.ExportView.as_view(), name="export"),
    path("exports/<str:what>/unmasked/", views.UnmaskedExportView.as_view(), name="export_unmasked"),
]
