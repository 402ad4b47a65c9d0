"""Forms of the case pages: opening a case (the lawyer by licence number or the firm by credit code),
the investigation record, each step's fields, naming a person on the case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lvxie.complaints.choices import ConductKind
from lvxie.registry.models import LawFirm, Lawyer

from .choices import CaseAction, ReviewDecision, SanctionKind
from .services import PUBLISH_DAYS, PUBLISH_DAYS_MAX

TEXT_MAX = 20000


class CaseOpenForm(forms.Form):
    lawyer_licence = forms.CharField(
        label=_("Lawyer's licence number"),
        required=False,
        max_length=17,
        help_text=_("Or the firm's code below."),
    )
    firm_code = forms.CharField(label=_("Firm's credit code"), required=False, max_length=18)
    conduct = forms.ChoiceField(label=_("Kind of conduct"), choices=ConductKind.choices)
    summary = forms.CharField(label=_("Summary"), max_length=200)
    facts = forms.CharField(
        label=_("Grounds for opening the case"), max_length=TEXT_MAX, widget=forms.Textarea
    )

    def __init__(self, data=None, files=None, *, instance=None, actor=None):
        super().__init__(data, files)
        self.actor = actor

    def clean(self):
        super().clean()
        data = self.cleaned_data
        licence, code = (
            (data.get("lawyer_licence") or "").strip(),
            (data.get("firm_code") or "").strip().upper(),
        )
        if bool(licence) == bool(code):
            raise ValidationError(
                _("Name one lawyer (licence number) or one law firm (credit code)."), code="one_subject"
            )
        # Any registered lawyer or firm: whether the officer's district holds them is the service's policy.
        if licence:
            data["lawyer"] = Lawyer.objects.select_related("region").filter(licence_no=licence).first()
            if data["lawyer"] is None:
                self.add_error(
                    "lawyer_licence", ValidationError(_("No lawyer has this licence number."), code="unknown")
                )
        else:
            data["firm"] = LawFirm.objects.select_related("region").filter(credit_code=code).first()
            if data["firm"] is None:
                self.add_error("firm_code", ValidationError(_("No law firm has this code."), code="unknown"))
        return data


class RecordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Investigation record"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


# What each step asks for beside the version: its text field's label (the reason), a decision's choices.
REASON_LABELS: dict[str, Any] = {
    CaseAction.NOTIFY: _("Facts stated in the notice"),
    CaseAction.ANSWER: _("The lawyer's answer"),
    CaseAction.NO_ANSWER: _("Note"),
    CaseAction.ASK_HEARING: _("The lawyer's answer (optional)"),
    CaseAction.HOLD_HEARING: _("Hearing record"),
    CaseAction.DECIDE: _("Reasons for the decision"),
    CaseAction.DISMISS: _("Reasons for deciding no sanction"),
    CaseAction.REQUEST_REVIEW: _("Grounds for review"),
    CaseAction.REVIEW: _("Reasons for the review decision"),
    CaseAction.FINALIZE: _("Note"),
}


class StepForm(forms.Form):
    """One step's fields; which of them the step uses is the service's business (it refuses what is
    missing)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Text"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    decision = forms.CharField(required=False, max_length=20)
    hearing_on = forms.DateField(
        label=_("Hearing held on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    public = forms.BooleanField(label=_("Publish in the public look-up once final"), required=False)
    publish_days = forms.IntegerField(
        label=_("Days published"),
        required=False,
        min_value=0,
        max_value=PUBLISH_DAYS_MAX,
        initial=PUBLISH_DAYS,
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["reason"].label = REASON_LABELS.get(action, _("Text"))
        if action == CaseAction.DECIDE:
            self.fields["decision"] = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
        elif action == CaseAction.REVIEW:
            self.fields["decision"] = forms.ChoiceField(
                label=_("Review decision"), choices=ReviewDecision.choices
            )
        else:
            del self.fields["decision"]
        if action != CaseAction.HOLD_HEARING:
            del self.fields["hearing_on"]
        if action != CaseAction.DECIDE:
            del self.fields["public"], self.fields["publish_days"]


class GrantForm(forms.Form):
    username = forms.CharField(label=_("Username of the person to name"), max_length=150)

    def clean_username(self):
        user = (
            get_user_model()
            .objects.filter(username=self.cleaned_data["username"].strip(), is_active=True)
            .first()
        )
        if user is None:
            raise ValidationError(_("No active account has this username."), code="unknown")
        return user
