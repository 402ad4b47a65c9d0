from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Result


class AuditFilter(forms.Form):
    q = forms.CharField(label=_("Actor, object or request id"), required=False, max_length=100)
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "lawyer.update"}),
    )
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", _("All")), *list(Result.choices)], required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
