from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Result
from .labels import ACTION_LABELS


def _action_choices() -> list[tuple[str, str]]:
    # Evaluated per form, so the labels follow the language of the request.
    # Labels only: the auditor reads words (the code is the option's value, and is in the export).
    labelled = sorted(((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda c: c[1])
    return [("", str(_("All"))), *labelled]


class AuditFilter(forms.Form):
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    actor_name = forms.CharField(label=_("Actor"), required=False, max_length=100)
    action = forms.ChoiceField(label=_("Action"), choices=_action_choices, required=False)
    obj = forms.CharField(label=_("Object or request id"), required=False, max_length=100)
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", _("All")), *list(Result.choices)], required=False
    )
