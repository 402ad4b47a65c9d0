from django.urls import path

from . import views

app_name = "discipline"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="list"),
    path("new/", views.CaseOpenView.as_view(), name="open"),
    path("oversight/", views.OversightView.as_view(), name="oversight"),
    path("oversight.xlsx", views.OversightExportView.as_view(), name="oversight_export"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/record/", views.RecordSaveView.as_view(), name="record"),
    path("<int:pk>/steps/<str:action>/", views.CaseStepView.as_view(), name="step"),
    path("<int:pk>/grants/", views.GrantView.as_view(), name="grant"),
    path("<int:pk>/grants/<int:user_pk>/remove/", views.UngrantView.as_view(), name="ungrant"),
    path("<int:pk>/documents/<str:kind>.pdf", views.DocumentView.as_view(), name="document"),
]
