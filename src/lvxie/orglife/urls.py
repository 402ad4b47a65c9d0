from django.urls import path

from . import views

app_name = "orglife"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/attendance/", views.AttendanceView.as_view(), name="meeting_attendance"),
    path("meetings/<int:pk>/files/", views.MeetingFilesView.as_view(), name="meeting_files"),
    path("meetings/<int:pk>/record.pdf", views.MeetingPdfView.as_view(), name="meeting_pdf"),
    path(
        "meetings/<int:pk>/<slug:action>/", views.MeetingTransitionView.as_view(), name="meeting_transition"
    ),
    path("files/<int:pk>/", views.MeetingFileView.as_view(), name="meeting_file"),
    path("orgs/<int:pk>/", views.OrgView.as_view(), name="org_detail"),
    path("orgs/<int:pk>/records.xlsx", views.OrgRecordsView.as_view(), name="org_records"),
    path("orgs/<int:pk>/calendar.ics", views.OrgIcsView.as_view(), name="org_ics"),
    path("orgs/<int:pk>/feed/renew/", views.FeedRenewView.as_view(), name="feed_renew"),
    path("feed/<str:token>.ics", views.FeedView.as_view(), name="feed"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("rules/", views.RulesView.as_view(), name="rules"),
    path("tasks/", views.TaskListsView.as_view(), name="tasklist_list"),
    path("tasks/new/", views.TaskListCreateView.as_view(), name="tasklist_create"),
    path("tasks/<int:pk>/", views.TaskListDetailView.as_view(), name="tasklist_detail"),
    path("tasks/org/<int:pk>/", views.RecipientView.as_view(), name="recipient_detail"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
