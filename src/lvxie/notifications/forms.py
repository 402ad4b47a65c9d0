from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm


class NotificationFilter(ActorForm):
    unread = forms.BooleanField(label=_("Unread only"), required=False)
