from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.PipelineView.as_view(), name="pipeline"),
    path("new/", views.RecruitCreateView.as_view(), name="create"),
    path("counts/", views.CountsView.as_view(), name="counts"),
    path("<int:pk>/", views.RecruitDetailView.as_view(), name="detail"),
    path("<int:pk>/steps/<str:step>/", views.RecruitStepView.as_view(), name="step"),
]
