from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("", views.CallListView.as_view(), name="list"),
    path("new/", views.CallCreateView.as_view(), name="create"),
    path("<int:pk>/", views.CallDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CallUpdateView.as_view(), name="update"),
    path("<int:pk>/open/", views.CallOpenView.as_view(), name="open"),
    path("<int:pk>/close/", views.CallCloseView.as_view(), name="close"),
    path("<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("<int:pk>/results.<str:fmt>", views.ResultsExportView.as_view(), name="results_export"),
    path("<int:pk>/publish/", views.ResultPublishView.as_view(), name="publish"),
    path("submissions/<int:pk>/", views.SubmissionView.as_view(), name="submission"),
    path("submissions/<int:pk>/return/", views.SubmissionReturnView.as_view(), name="return"),
    path("submissions/<int:pk>/accept/", views.SubmissionAcceptView.as_view(), name="accept"),
    path("submissions/<int:pk>/files/<int:file_pk>/", views.SubmissionFileView.as_view(), name="file"),
    path("submissions/<int:pk>/review/", views.ReviewView.as_view(), name="review"),
]
