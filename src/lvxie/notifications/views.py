"""A person's notifications. Opening one marks it read and follows its link."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from lvxie.core.views import ActionView, ScopedListView

from . import forms, selectors, services
from .models import Notification


class NotificationListView(ScopedListView):
    template_name = "notifications/notification_list.html"
    filter_form_class = forms.NotificationFilter
    selector = selectors.notification_list


class NotificationOpenView(ActionView):
    def post(self, request, pk):
        notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
        services.notification_read(actor=request.user, notification=notification)
        target = notification.url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("notifications:list")


class NotificationReadAllView(ActionView):
    def post(self, request):
        services.notifications_read_all(actor=request.user)
        return redirect("notifications:list")
