from django.urls import path

from . import views

app_name = "commendations"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("honours/", views.HonourListView.as_view(), name="honours"),
    path("rounds/<int:pk>/", views.RoundView.as_view(), name="round"),
    path("rounds/<int:pk>/decide/", views.PanelDecideView.as_view(), name="decide"),
    path("rounds/<int:pk>/notice/", views.NoticeOpenView.as_view(), name="notice"),
    path("rounds/<int:pk>/award/", views.AwardView.as_view(), name="award"),
    path("rounds/<int:pk>/results.<str:fmt>", views.RoundExportView.as_view(), name="export"),
    path("submissions/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("nominations/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("nominations/<int:pk>/vote/", views.VoteView.as_view(), name="vote"),
    path("objections/<int:pk>/decide/", views.ObjectionDecideView.as_view(), name="objection"),
    path("contests/<int:pk>/", views.ContestView.as_view(), name="contest"),
    path("contests/<int:pk>/prizes/", views.PrizesView.as_view(), name="prizes"),
    path("contests/<int:pk>/publish/", views.CollectionPublishView.as_view(), name="publish"),
]
