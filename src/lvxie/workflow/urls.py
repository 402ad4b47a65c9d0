from django.urls import path

from . import views

app_name = "workflow"

urlpatterns = [
    path("workdays/", views.WorkdaysView.as_view(), name="workdays_now"),
    path("workdays/<int:year>/", views.WorkdaysView.as_view(), name="workdays"),
]
