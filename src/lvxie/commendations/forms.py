from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.calls.models import Call, Submission
from lvxie.party.models import PartyOrg
from lvxie.workflow.publication import OBJECTION_TEXT_MAX

from .choices import PrizeLevel
from .services import DEEDS_MAX, NOTICE_DAYS


class NominateForm(forms.Form):
    """A nominee for a category: a lawyer by licence number, or (for an organization's category) the
    unit itself or one of the Party organizations below it."""

    category = forms.ChoiceField(label=_("Category"))
    licence_no = forms.CharField(label=_("Licence number of the lawyer"), max_length=17, required=False)
    party_org = forms.ModelChoiceField(
        label=_("Party organization"), queryset=PartyOrg.objects.none(), required=False
    )
    deeds = forms.CharField(label=_("Deeds"), max_length=DEEDS_MAX, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [(c.code, c.label) for c in submission.call.spec.categories]
        org = self.fields["party_org"]
        assert isinstance(org, forms.ModelChoiceField)
        if submission.party_org is not None:
            org.queryset = PartyOrg.objects.filter(path__startswith=submission.party_org.path).order_by(
                "path"
            )
        else:
            del self.fields["party_org"]


class VoteForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Vote"), choices=[("1", _("For")), ("0", _("Against"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(
        label=_("Why the vote changes"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Why the vote changes")}),
    )


class NoticeForm(forms.Form):
    days = forms.IntegerField(
        label=_("Working days of the public notice"), min_value=1, max_value=30, initial=NOTICE_DAYS
    )


class ObjectionDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Uphold: stop the award")), ("0", _("Dismiss"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label=_("Reason"), max_length=OBJECTION_TEXT_MAX)


class PrizesForm(forms.Form):
    def __init__(self, *args: Any, call: Call | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in PrizeLevel:
            self.fields[level.value] = forms.IntegerField(
                label=level.label, min_value=0, max_value=1000, initial=0
            )
