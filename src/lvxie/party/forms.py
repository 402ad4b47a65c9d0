from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm
from lvxie.core.pickers import PickerField
from lvxie.registry.fields import RegionChoiceField
from lvxie.registry.models import LawFirm, Lawyer, Region

from . import selectors, services
from .choices import (
    CoverageState,
    MemberKind,
    MemberStatus,
    OrgKind,
    OrgStatus,
    PairingKind,
    TransferAction,
    VenueItem,
)
from .pickers import ACTIVE_ORGS, COMMITTEES, JOINT_BRANCHES, MERGE_TARGETS, TRANSFER_TARGETS


def _blank(choices) -> list:
    return [("", _("All")), *list(choices)]


def _date():
    return forms.DateInput(attrs={"type": "date"})


class LicenceField(forms.CharField):
    """A lawyer picked by licence number (a drop-down of thousands of lawyers would be useless)."""

    def __init__(self, *, unknown=None, **kwargs):
        kwargs.setdefault("max_length", 17)
        self.unknown = unknown or _("No lawyer with this licence number.")
        super().__init__(**kwargs)

    def clean(self, value):
        number = super().clean(value).strip()
        if not number:
            return None
        lawyer = Lawyer.objects.select_related("region", "firm").filter(licence_no=number).first()
        if lawyer is None:
            raise forms.ValidationError(self.unknown, code="unknown")
        return lawyer


class FirmCodeField(forms.CharField):
    """A firm picked by its unified social credit code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(**kwargs)

    def clean(self, value):
        code = super().clean(value).strip().upper()
        if not code:
            return None
        firm = LawFirm.objects.select_related("region").filter(credit_code=code).first()
        if firm is None:
            raise forms.ValidationError(_("No law firm with this credit code."), code="unknown")
        return firm


class PartyForm(ActorForm):
    """Forms of the Party pages: they validate input only (services write) and ignore `instance`."""

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)


class OrgFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(OrgKind.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_blank(OrgStatus.choices), required=False)


class CoverageFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    state = forms.ChoiceField(label=_("Coverage"), choices=_blank(CoverageState.choices), required=False)
    flag = forms.ChoiceField(label=_("Flag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        flags = [
            ("uncovered", _("No organization and no instructor")),
            ("not_organized", _("Not in an organization")),
        ]
        # Member-based flags for Party committee staff only (the selector ignores them for others).
        if self.actor is not None and selectors.scope_of(self.actor).party_region_paths:
            flags += [
                ("needs_own_org", _("Should form its own organization")),
                ("members_unorganized", _("Members outside any organization")),
            ]
        self.fields["flag"].choices = _blank(flags)


class OrgForm(PartyForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgKind.choices)
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none())
    parent = PickerField(COMMITTEES, label=_("Parent organization"), required=False)
    firm_codes = forms.CharField(
        label=_("Firms (credit codes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One firm for a firm's own organization; several for a joint branch, one code a line."),
    )
    founded_on = forms.DateField(label=_("Founded"), widget=_date())
    secretary = LicenceField(label=_("Secretary (licence number)"), required=False)
    deputy = LicenceField(label=_("Deputy secretary (licence number)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        paths = selectors.scope_of(self.actor).party_region_paths
        self.fields["region"].queryset = Region.objects.filter(
            selectors.path_q("path", paths) or selectors.NOTHING, level__in=["city", "district"]
        )
        self.fields["parent"].scope(self.actor)

    def clean_firm_codes(self):
        field = FirmCodeField()
        return [field.clean(line) for line in self.cleaned_data["firm_codes"].split() if line.strip()]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["firms"] = data.pop("firm_codes")
        return data


class OrgUpdateForm(PartyForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    founded_on = forms.DateField(label=_("Founded"), widget=_date())
    secretary = LicenceField(label=_("Secretary (licence number)"), required=False)
    deputy = LicenceField(label=_("Deputy secretary (licence number)"), required=False)

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and not (args and args[0]):
            kwargs["initial"] = {
                "name": instance.name,
                "founded_on": instance.founded_on,
                "secretary": instance.secretary.licence_no if instance.secretary else "",
                "deputy": instance.deputy.licence_no if instance.deputy else "",
            }
        super().__init__(*args, instance=instance, **kwargs)


class OrgMergeForm(PartyForm):
    into = PickerField(MERGE_TARGETS, label=_("Merge into"))
    on = forms.DateField(label=_("Date"), widget=_date())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].scope(self.actor)


class DateForm(PartyForm):
    on = forms.DateField(label=_("Date"), widget=_date())


class FirmMoveForm(PartyForm):
    firm = FirmCodeField(label=_("Law firm (credit code)"))
    to_org = PickerField(
        JOINT_BRANCHES,
        label=_("Into joint branch"),
        required=False,
        help_text=_("Leave empty to take the firm out of its joint branch."),
    )
    on = forms.DateField(label=_("Date"), widget=_date())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].scope(self.actor)


class MemberForm(PartyForm):
    # An unknown number is answered like a lawyer the actor may not add (see services.UNAVAILABLE).
    lawyer = LicenceField(label=_("Lawyer (licence number)"), unknown=services.UNAVAILABLE)
    kind = forms.ChoiceField(label=_("Kind"), choices=MemberKind.choices)
    joined_party_on = forms.DateField(label=_("Joined the Party"), widget=_date())
    joined_on = forms.DateField(label=_("Joined this organization"), widget=_date())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class TransferForm(PartyForm):
    """The receiving organization is one of `selectors.transfer_targets` (found by name on the page:
    a committee's subtree can hold hundreds of organizations)."""

    to_org = PickerField(TRANSFER_TARGETS, label=_("Receiving organization"))
    on = forms.DateField(label=_("Date"), widget=_date())

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None:
            self.fields["to_org"].scope(self.actor, member=member.pk)


class TransferDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=TransferAction.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberEndForm(PartyForm):
    status = forms.ChoiceField(
        label=_("Ends as"), choices=[c for c in MemberStatus.choices if c[0] != MemberStatus.ACTIVE]
    )
    on = forms.DateField(label=_("Date"), widget=_date())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class InstructorForm(PartyForm):
    org = PickerField(COMMITTEES, label=_("Assigned by"))
    firm = FirmCodeField(label=_("Law firm (credit code)"))
    name = forms.CharField(label=_("Name"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    started_on = forms.DateField(label=_("Start"), widget=_date())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].scope(self.actor)


class PairingForm(PartyForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PairingKind.choices)
    partner_org = PickerField(ACTIVE_ORGS, label=_("Partner organization"), required=False)
    partner_firm = FirmCodeField(label=_("Partner firm (credit code)"), required=False)
    village_name = forms.CharField(label=_("Village Party organization"), max_length=100, required=False)
    started_on = forms.DateField(label=_("Start"), widget=_date())
    activities = forms.CharField(
        label=_("Activities"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_org"].scope(self.actor)


class VenueForm(PartyForm):
    items = forms.MultipleChoiceField(
        label=_("Venue items"), choices=VenueItem.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    checked_on = forms.DateField(label=_("Checked"), widget=_date())
