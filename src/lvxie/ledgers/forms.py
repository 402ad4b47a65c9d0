from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.accounts.models import User
from lvxie.core.forms import ActorForm, UploadsField
from lvxie.core.pickers import PickerField
from lvxie.core.scoping import scope_of
from lvxie.notices.models import Notice
from lvxie.notifications.selectors import firm_accounts
from lvxie.party.pickers import ACTIVE_ORGS
from lvxie.registry.fields import RegionChoiceField
from lvxie.registry.models import LawFirm, Region
from lvxie.registry.selectors import districts_for

from .choices import ItemStatus


class LedgerFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    region = RegionChoiceField(
        label=_("District"), queryset=Region.objects.none(), required=False, empty_label=_("All")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    overdue = forms.BooleanField(label=_("With overdue items"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = districts_for(self.actor)


class LedgerForm(ActorForm):
    """A new ledger, of a firm or of a Party organization. The firm is named by credit code or full name;
    a firm administrator's own firm is filled in. The organization is chosen among those the actor
    sees (Party-side roles only); a secretary's own is chosen."""

    firm = forms.CharField(
        label=_("Law firm"),
        max_length=100,
        required=False,
        help_text=_("Unified social credit code or full name."),
    )
    party_org = PickerField(ACTIVE_ORGS, label=_("Party organization"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    notice = forms.ModelChoiceField(label=_("Notice"), queryset=Notice.objects.none(), required=False)
    campaign = forms.CharField(label=_("Campaign"), max_length=100, required=False)

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["notice"].queryset = Notice.objects.visible_to(self.actor).filter(status="published")
        self.fields["party_org"].scope(self.actor)
        orgs = self.fields["party_org"].queryset
        if not orgs.exists():
            del self.fields["party_org"]
        elif len(orgs[:2]) == 1:
            self.fields["party_org"].initial = orgs.get()
        own = LawFirm.objects.visible_to(self.actor)
        edits = scope_of(self.actor).edits()
        if not (edits.region_paths or edits.firm_ids):
            del self.fields["firm"]
        elif own.count() == 1:
            self.fields["firm"].initial = own.get().credit_code

    def clean_firm(self) -> LawFirm | None:
        text = self.cleaned_data["firm"].strip()
        if not text:
            return None
        firm = (
            LawFirm.objects.visible_to(self.actor)
            .select_related("region")
            .filter(Q(credit_code=text.upper()) | Q(name=text))
            .first()
        )
        if firm is None:
            raise forms.ValidationError(
                _("No such law firm: %(names)s"), code="unknown_firm", params={"names": text}
            )
        return firm


class ItemForm(ActorForm):
    """An item's content. `version` carries the version the form was opened on (optimistic lock)."""

    problem = forms.CharField(label=_("Problem found"), widget=forms.Textarea(attrs={"rows": 3}))
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("Responsible person"), max_length=50)
    responsible_user = forms.ModelChoiceField(
        label=_("Responsible person's account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("If the responsible person has an account, they are notified and reminded too."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, instance=None, ledger=None, **kwargs):
        if instance is not None:
            ledger = instance.ledger
            kwargs["initial"] = {
                name: getattr(instance, name)
                for name in (
                    "problem",
                    "goal",
                    "measures",
                    "responsible",
                    "responsible_user",
                    "deadline",
                    "version",
                )
            }
        super().__init__(*args, **kwargs)
        if ledger is not None:
            self.fields["responsible_user"].queryset = firm_accounts(ledger.firm_id, ledger.party_org_id)


class NewItemForm(ItemForm):
    evidence = UploadsField(label=_("Evidence files"))


class EvidenceForm(ActorForm):
    files = UploadsField(label=_("Evidence files"), required=True)  # type: ignore[assignment]  # a declared field, not BaseForm.files: the metaclass moves it to base_fields


class TransitionForm(ActorForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


STATUS_FILTER = [("", _("All")), *ItemStatus.choices, ("overdue", _("Overdue"))]
