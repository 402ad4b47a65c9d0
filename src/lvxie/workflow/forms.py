from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DayKind


class OverrideForm(forms.Form):
    """Staff's word on one date."""

    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("kind"), choices=DayKind.choices)
    note = forms.CharField(label=_("note"), max_length=200, required=False)
