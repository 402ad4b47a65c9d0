from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm, ActorModelForm
from lvxie.core.validators import normalize_credit_code, normalize_id_number

from .choices import (
    CommitteeKind,
    CommitteePosition,
    FirmKind,
    FirmStatus,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
    TraineeStatus,
)
from .models import BarCommittee, LawFirm, Lawyer, OverseasOffice, Region, Trainee
from .selectors import districts_for


def _blank(choices) -> list:
    return [("", _("All")), *list(choices)]


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


# Filters ------------------------------------------------------------------------------------------


class _ListFilter(ActorForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": _("Name, pinyin or number")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" in self.fields:
            self.fields["region"].queryset = districts_for(self.actor)


class FirmFilter(_ListFilter):
    region = RegionChoiceField(
        label=_("District"), queryset=Region.objects.none(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(FirmKind.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_blank(FirmStatus.choices), required=False)
    party_building_in_bylaws = forms.NullBooleanField(
        label=_("Party building in the bylaws"),
        required=False,
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )


class LawyerFilter(_ListFilter):
    region = RegionChoiceField(
        label=_("District"), queryset=Region.objects.none(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(LawyerKind.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_blank(LawyerStatus.choices), required=False)
    practice_area = forms.ChoiceField(
        label=_("Practice area"), choices=_blank(PracticeArea.choices), required=False
    )
    firm = forms.ModelChoiceField(queryset=LawFirm.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = LawFirm.objects.visible_to(self.actor)


class TraineeFilter(_ListFilter):
    region = RegionChoiceField(
        label=_("District"), queryset=Region.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), choices=_blank(TraineeStatus.choices), required=False)


class CommitteeFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(CommitteeKind.choices), required=False)


class OfficeFilter(ActorForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": _("City or firm")}),
    )


# Edit forms ---------------------------------------------------------------------------------------


class _ScopedChoices(ActorModelForm):
    """Limits region and firm choices to what the actor may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" in self.fields:
            self.fields["region"].queryset = districts_for(self.actor)
            self.fields["region"].label_from_instance = lambda r: r.name
        for name in ("firm", "parent_firm"):
            if name in self.fields:
                self.fields[name].queryset = LawFirm.objects.visible_to(self.actor).only("id", "name")


class FirmForm(_ScopedChoices):
    class Meta:
        model = LawFirm
        fields = [
            "name",
            "kind",
            "status",
            "credit_code",
            "licence_no",
            "region",
            "address",
            "head_name",
            "founded_on",
            "party_building_in_bylaws",
            "parent_firm",
        ]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}

    def clean_credit_code(self) -> str:
        return normalize_credit_code(self.cleaned_data["credit_code"])


class LawyerForm(_ScopedChoices):
    practice_areas = forms.MultipleChoiceField(
        label=_("Practice areas"),
        choices=PracticeArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Lawyer
        fields = [
            "name",
            "gender",
            "kind",
            "status",
            "licence_no",
            "firm",
            "employer",
            "region",
            "first_licensed_year",
            "practice_areas",
            "phone",
            "id_number",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["practice_areas"] = self.instance.practice_area_codes

    def clean_id_number(self) -> str:
        return normalize_id_number(self.cleaned_data.get("id_number") or "")

    def clean_practice_areas(self) -> str:
        codes = self.cleaned_data["practice_areas"]
        return f",{','.join(codes)}," if codes else ""

    def clean(self):
        data = super().clean()
        licence, year = data.get("licence_no"), data.get("first_licensed_year")
        if licence and year and licence[4:8].isdigit() and int(licence[4:8]) != year:
            self.add_error(
                "first_licensed_year",
                forms.ValidationError(
                    _("The year first licensed must match digits 5 to 8 of the licence number (%(year)s)."),
                    code="year_mismatch",
                    params={"year": licence[4:8]},
                ),
            )
        return data


class TraineeForm(_ScopedChoices):
    class Meta:
        model = Trainee
        fields = [
            "name",
            "gender",
            "firm",
            "supervisor",
            "certificate_no",
            "started_on",
            "status",
            "phone",
            "id_number",
        ]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = Lawyer.objects.visible_to(self.actor).only("id", "name")

    def clean_id_number(self) -> str:
        return normalize_id_number(self.cleaned_data.get("id_number") or "")


class CommitteeForm(ActorModelForm):
    class Meta:
        model = BarCommittee
        fields = ["name", "kind", "region", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.visible_to(self.actor).filter(
            level__in=["city", "district"]
        )
        self.fields["region"].label_from_instance = lambda r: r.name


class CommitteeMemberForm(ActorForm):
    licence_no = forms.CharField(label=_("Lawyer's licence number"), max_length=17)
    position = forms.ChoiceField(label=_("Position"), choices=CommitteePosition.choices)
    term_start = forms.DateField(
        label=_("Term start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_licence_no(self):
        lawyer = (
            Lawyer.objects.visible_to(self.actor)
            .filter(licence_no=self.cleaned_data["licence_no"].strip())
            .first()
        )
        if lawyer is None:
            raise forms.ValidationError(
                _("No lawyer with this licence number in your scope."), code="unknown"
            )
        self.cleaned_data["lawyer"] = lawyer
        return lawyer.licence_no


class OfficeForm(_ScopedChoices):
    class Meta:
        model = OverseasOffice
        fields = ["firm", "country", "city", "address", "latitude", "longitude", "opened_on"]
        widgets = {"opened_on": forms.DateInput(attrs={"type": "date"})}
