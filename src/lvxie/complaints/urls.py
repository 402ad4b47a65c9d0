from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="list"),
    path("new/", views.ComplaintRegisterView.as_view(), name="register"),
    path("<int:pk>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<int:pk>/step/<str:action>/", views.ComplaintStepView.as_view(), name="step"),
    path("<int:pk>/people/", views.ComplaintNameView.as_view(), name="name"),
    path("<int:pk>/conflict/", views.ComplaintConflictView.as_view(), name="conflict"),
    path("<int:pk>/files/<int:file_pk>/", views.ComplaintFileView.as_view(), name="file"),
]
