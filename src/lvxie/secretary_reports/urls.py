from django.urls import path

from . import views

app_name = "secretary_reports"

urlpatterns = [
    path("", views.ReviewListView.as_view(), name="list"),
    path("new/", views.ReviewOpenView.as_view(), name="open"),
    path("<int:pk>/", views.ReviewDetailView.as_view(), name="detail"),
    path("<int:pk>/results.<str:fmt>", views.ResultsExportView.as_view(), name="export"),
    path("reports/<int:pk>/oral/", views.OralMarkView.as_view(), name="oral"),
    path("reports/<int:pk>/shortcoming/", views.ShortcomingView.as_view(), name="shortcoming"),
]
