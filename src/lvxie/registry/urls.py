from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<int:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("firms/", views.FirmListView.as_view(), name="firm_list"),
    path("firms/new/", views.FirmCreateView.as_view(), name="firm_create"),
    path("firms/<int:pk>/", views.FirmDetailView.as_view(), name="firm_detail"),
    path("firms/<int:pk>/edit/", views.FirmUpdateView.as_view(), name="firm_update"),
    path("lawyers/", views.LawyerListView.as_view(), name="lawyer_list"),
    path("lawyers/new/", views.LawyerCreateView.as_view(), name="lawyer_create"),
    path("lawyers/<int:pk>/", views.LawyerDetailView.as_view(), name="lawyer_detail"),
    path("lawyers/<int:pk>/edit/", views.LawyerUpdateView.as_view(), name="lawyer_update"),
    path(
        "lawyers/<int:pk>/sensitive/",
        views.SensitiveRevealView.as_view(model=views.Lawyer),
        name="lawyer_sensitive",
    ),
    path("trainees/", views.TraineeListView.as_view(), name="trainee_list"),
    path("trainees/new/", views.TraineeCreateView.as_view(), name="trainee_create"),
    path("trainees/<int:pk>/", views.TraineeDetailView.as_view(), name="trainee_detail"),
    path("trainees/<int:pk>/edit/", views.TraineeUpdateView.as_view(), name="trainee_update"),
    path(
        "trainees/<int:pk>/sensitive/",
        views.SensitiveRevealView.as_view(model=views.Trainee),
        name="trainee_sensitive",
    ),
    path("committees/", views.CommitteeListView.as_view(), name="committee_list"),
    path("committees/new/", views.CommitteeCreateView.as_view(), name="committee_create"),
    path("committees/<int:pk>/", views.CommitteeDetailView.as_view(), name="committee_detail"),
    path("committees/<int:pk>/edit/", views.CommitteeUpdateView.as_view(), name="committee_update"),
    path("committees/<int:pk>/members/", views.CommitteeMemberAddView.as_view(), name="committee_member_add"),
    path(
        "committees/<int:pk>/members/<int:seat_pk>/remove/",
        views.CommitteeMemberRemoveView.as_view(),
        name="committee_member_remove",
    ),
    path("offices/", views.OfficeListView.as_view(), name="office_list"),
    path("offices/new/", views.OfficeCreateView.as_view(), name="office_create"),
    path("offices/<int:pk>/", views.OfficeDetailView.as_view(), name="office_detail"),
    path("offices/<int:pk>/edit/", views.OfficeUpdateView.as_view(), name="office_update"),
]
