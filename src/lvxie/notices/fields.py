"""The recipients' part of a form, shared by every form that chooses "all firms in a region", "firms of
given kinds", "listed firms" or "Party organizations" as notices do (a notice, a call for submissions).
`audience_functions` turn the chosen values into recipients (`notices.audience`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm
from lvxie.party.models import PartyOrg
from lvxie.registry.choices import FirmKind
from lvxie.registry.fields import RegionChoiceField
from lvxie.registry.models import LawFirm, Region

from .choices import AudienceKind

AUDIENCE_FIELDS = (
    "audience_kind",
    "audience_region",
    "audience_firm_kinds",
    "audience_firms",
    "audience_party_orgs",
)


class AudienceForm(ActorForm):
    """The audience fields. A subclass sets the querysets and choices its sender may use, and lists its
    own fields around these in `field_order`. Listed firms are written one per line, by unified social
    credit code or full name, and must be firms the actor sees."""

    audience_kind = forms.ChoiceField(
        label=_("Recipients"),
        choices=AudienceKind.choices,
        widget=forms.RadioSelect,
        initial=AudienceKind.SUBTREE,
    )
    audience_region = RegionChoiceField(
        label=_("Region of the recipients"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("The whole issuing region"),
    )
    audience_firm_kinds = forms.MultipleChoiceField(
        label=_("Kinds of firm"),
        choices=FirmKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_firms = forms.CharField(
        label=_("Listed firms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: unified social credit code or full name."),
    )
    audience_party_orgs = forms.ModelMultipleChoiceField(
        label=_("Party organizations"),
        queryset=PartyOrg.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("None chosen: every Party organization in the region of the recipients."),
    )

    @staticmethod
    def audience_initial(instance: Any) -> dict[str, Any]:
        """The saved audience of a notice or a call, as the form's initial values."""
        return {
            "audience_kind": instance.audience_kind,
            "audience_region": instance.audience_region_id,
            "audience_firm_kinds": instance.firm_kind_codes,
            "audience_firms": "\n".join(instance.audience_firms.values_list("credit_code", flat=True)),
            "audience_party_orgs": list(instance.audience_party_orgs.values_list("pk", flat=True)),
        }

    def clean_audience_firms(self) -> list[LawFirm]:
        lines = [line.strip() for line in self.cleaned_data["audience_firms"].splitlines() if line.strip()]
        visible = LawFirm.objects.visible_to(self.actor).select_related("region")
        firms, unknown = [], []
        for line in dict.fromkeys(lines):
            firm = visible.filter(Q(credit_code=line.upper()) | Q(name=line)).first()
            if firm is None:
                unknown.append(line)
            else:
                firms.append(firm)
        if unknown:
            raise forms.ValidationError(
                _("No such law firm: %(names)s"), code="unknown_firm", params={"names": "、".join(unknown)}
            )
        return firms
