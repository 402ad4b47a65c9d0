"""Form fields shared by the staff's complaint form and the public's (lvxie.public): the files, and
what every complaint holds (`IntakeForm`)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lvxie.core.uploads import check_upload
from lvxie.registry.models import LawFirm, Lawyer

from .choices import ConductKind
from .services import FACTS_MAX, MAX_FILES, Intake


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files, each passed through `core.uploads.check_upload`."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Attach at most %(max)s files."), code="too_many", params={"max": MAX_FILES}
            )
        return [check_upload(f) for f in files]


class IntakeForm(forms.Form):
    """What every complaint holds. The subject is a lawyer or a firm, by id (the public look-up's)."""

    lawyer = forms.ModelChoiceField(Lawyer.objects.none(), required=False, widget=forms.HiddenInput)
    firm = forms.ModelChoiceField(LawFirm.objects.none(), required=False, widget=forms.HiddenInput)
    conduct = forms.ChoiceField(label=_("What kind of conduct"), choices=ConductKind.choices)
    facts = forms.CharField(
        label=_("What happened"), max_length=FACTS_MAX, widget=forms.Textarea(attrs={"rows": 7})
    )
    request = forms.CharField(
        label=_("What you ask for (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    complainant_name = forms.CharField(label=_("Your name"), max_length=50)
    complainant_phone = forms.CharField(label=_("Your telephone number"), max_length=30, required=False)
    complainant_email = forms.EmailField(label=_("E-mail (to be told of each step)"), required=False)
    complainant_address = forms.CharField(
        label=_("Postal address (optional)"), max_length=200, required=False
    )
    confidential = forms.BooleanField(
        label=_("Keep my identity from the lawyer and the firm complained of"),
        required=False,
        help_text=_("The bar's handlers still know who you are."),
    )
    papers = FilesField(label=_("Papers (optional)"), required=False)

    def __init__(self, *args, subjects=None, **kwargs):
        super().__init__(*args, **kwargs)
        lawyers, firms = subjects or (Lawyer.objects.none(), LawFirm.objects.none())
        cast(forms.ModelChoiceField, self.fields["lawyer"]).queryset = lawyers
        cast(forms.ModelChoiceField, self.fields["firm"]).queryset = firms

    def clean(self):
        data = super().clean() or {}
        if not data.get("lawyer") and not data.get("firm"):
            raise ValidationError(_("Choose the lawyer or the law firm complained of."), code="required")
        return data

    def intake(self) -> Intake:
        data = self.cleaned_data
        return Intake(
            lawyer=data.get("lawyer"),
            firm=data.get("firm"),
            conduct=data["conduct"],
            facts=data["facts"],
            request=data.get("request", ""),
            complainant_name=data["complainant_name"],
            complainant_phone=data.get("complainant_phone", ""),
            complainant_email=data.get("complainant_email", ""),
            complainant_address=data.get("complainant_address", ""),
            confidential=data.get("confidential", False),
        )
