from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.NoticeListView.as_view(), name="list"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("new/", views.NoticeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.NoticeDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.NoticeUpdateView.as_view(), name="update"),
    path("<int:pk>/publish/", views.NoticePublishView.as_view(), name="publish"),
    path("<int:pk>/remind/", views.NoticeRemindView.as_view(), name="remind"),
    path("<int:pk>/receipts.xlsx", views.ReceiptExportView.as_view(), name="receipts_export"),
    path("<int:pk>/files/<int:file_pk>/", views.AttachmentView.as_view(), name="attachment"),
    path(
        "<int:pk>/files/<int:file_pk>/remove/", views.AttachmentRemoveView.as_view(), name="attachment_remove"
    ),
    path("receipts/<int:pk>/acknowledge/", views.ReceiptAcknowledgeView.as_view(), name="acknowledge"),
    path("receipts/<int:pk>/reply/", views.ReceiptReplyView.as_view(), name="reply"),
    path("receipts/<int:pk>/files/<int:file_pk>/", views.ReplyFileView.as_view(), name="reply_file"),
]
