from django.urls import path

from . import views

app_name = "ledgers"

urlpatterns = [
    path("", views.LedgerListView.as_view(), name="list"),
    path("new/", views.LedgerCreateView.as_view(), name="create"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("<int:pk>/", views.LedgerDetailView.as_view(), name="detail"),
    path("<int:pk>/export.<str:fmt>", views.LedgerExportView.as_view(), name="export"),
    path("<int:pk>/items/new/", views.ItemCreateView.as_view(), name="item_create"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
    path("items/<int:pk>/edit/", views.ItemUpdateView.as_view(), name="item_update"),
    path("items/<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path("items/<int:pk>/evidence/<int:file_pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("items/<int:pk>/<str:action>/", views.ItemTransitionView.as_view(), name="transition"),
]
