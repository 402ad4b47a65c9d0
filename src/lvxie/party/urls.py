from django.urls import path

from . import views

app_name = "party"

urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("report.<str:fmt>", views.CoverageExportView.as_view(), name="coverage_export"),
    path("firms/", views.FirmCoverageListView.as_view(), name="firm_coverage_list"),
    path("firms/move/", views.FirmMoveView.as_view(), name="firm_move"),
    path("orgs/", views.OrgListView.as_view(), name="org_list"),
    path("orgs/new/", views.OrgCreateView.as_view(), name="org_create"),
    path("orgs/<int:pk>/", views.OrgDetailView.as_view(), name="org_detail"),
    path("orgs/<int:pk>/edit/", views.OrgUpdateView.as_view(), name="org_update"),
    path("orgs/<int:pk>/merge/", views.OrgMergeView.as_view(), name="org_merge"),
    path("orgs/<int:pk>/dissolve/", views.OrgDissolveView.as_view(), name="org_dissolve"),
    path("orgs/<int:pk>/members/", views.MemberListView.as_view(), name="member_list"),
    path("orgs/<int:pk>/members/new/", views.MemberAddView.as_view(), name="member_add"),
    path("orgs/<int:pk>/pairings/new/", views.PairingCreateView.as_view(), name="pairing_create"),
    path("orgs/<int:pk>/venue/", views.VenueView.as_view(), name="venue"),
    path("members/<int:pk>/transfer/", views.MemberTransferView.as_view(), name="member_transfer"),
    path("transfers/", views.TransferListView.as_view(), name="transfer_list"),
    path("transfers/<int:pk>/", views.TransferDetailView.as_view(), name="transfer_detail"),
    path("transfers/<int:pk>/decide/", views.TransferDecideView.as_view(), name="transfer_decide"),
    path("members/<int:pk>/end/", views.MemberEndView.as_view(), name="member_end"),
    path("members/<int:pk>/confirm/", views.MemberConfirmView.as_view(), name="member_confirm"),
    path("instructors/", views.InstructorListView.as_view(), name="instructor_list"),
    path("instructors/new/", views.InstructorCreateView.as_view(), name="instructor_create"),
    path("instructors/<int:pk>/end/", views.InstructorEndView.as_view(), name="instructor_end"),
]
