"""Forms of the handlers' complaint pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.pickers import PickerField
from lvxie.registry.pickers import PRACTISING_FIRMS, PRACTISING_LAWYERS

from .choices import SIMPLE_TRACKS, AccessKind, ComplaintSource, Outcome, Track, TriageCriterion
from .fields import FilesField, IntakeForm


class RegisterForm(IntakeForm):
    """A complaint entered by staff: how it came and when."""

    source = forms.ChoiceField(
        label=_("Source"), choices=[c for c in ComplaintSource.choices if c[0] != ComplaintSource.ONLINE]
    )
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    referring_body = forms.CharField(label=_("Referring body"), max_length=100, required=False)
    referring_reference = forms.CharField(label=_("Their reference"), max_length=60, required=False)
    field_order = ["source", "received_on", "referring_body", "referring_reference"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        lawyer = PickerField(PRACTISING_LAWYERS, label=_("Lawyer complained of"), required=False)
        firm = PickerField(PRACTISING_FIRMS, label=_("Law firm complained of"), required=False)
        lawyer.scope(actor)
        firm.scope(actor)
        self.fields["lawyer"], self.fields["firm"] = lawyer, firm
        self.fields["complainant_name"].label = _("Complainant")


class StepForm(forms.Form):
    """One step of a complaint: the reason / text, the decision, the criteria, the body referred to."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    track = forms.ChoiceField(
        label=_("Simple procedure"),
        required=False,
        choices=[(t.value, t.label) for t in Track if t in SIMPLE_TRACKS],
    )
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=Outcome.choices)
    criteria = forms.MultipleChoiceField(
        label=_("Triage criteria"),
        required=False,
        choices=TriageCriterion.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    referred_to = forms.CharField(label=_("Referred to"), max_length=100, required=False)
    papers = FilesField(label=_("Papers"), required=False)


class NameForm(forms.Form):
    username = forms.CharField(
        label=_("Account name"),
        max_length=150,
        widget=forms.TextInput(attrs={"placeholder": _("Account name")}),
    )
    kind = forms.ChoiceField(label=_("Role on the complaint"), choices=AccessKind.choices)


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("Why you may not handle it"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Why you may not handle it")}),
    )
