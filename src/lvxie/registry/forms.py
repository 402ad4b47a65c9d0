from django import forms
from django.db.models import Field as ModelField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm, ActorModelForm
from lvxie.core.pickers import PickerField
from lvxie.core.validators import mask_id_number, mask_phone, normalize_credit_code, normalize_id_number

from .choices import (
    CommitteePosition,
    PracticeArea,
)
from .models import BarCommittee, LawFirm, Lawyer, OverseasOffice, Region, Trainee
from .pickers import PRACTISING_FIRMS, PRACTISING_LAWYERS
from .policies import LAWYER_FIELD_ORDER
from .selectors import districts_for, lawyer_sensitive_to


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
        fields = list(LAWYER_FIELD_ORDER)

    def __init__(self, *args, editable: frozenset[str] | None = None, **kwargs):
        """`editable`: the fields this user may change (see `policies.lawyer_fields`); None is all."""
        super().__init__(*args, **kwargs)
        if editable is not None:
            for name in set(self.fields) - editable:
                del self.fields[name]
        if self.instance.pk:
            self.initial["practice_areas"] = self.instance.practice_area_codes
        # Someone who may change a phone but not read it (a firm administrator) types a new one; the
        # registered number is not put into the page.
        self.phone_hidden = (
            "phone" in self.fields
            and bool(self.instance.phone)
            and not lawyer_sensitive_to(self.actor, self.instance)
        )
        if self.phone_hidden:
            self.initial["phone"] = ""
            self.fields["phone"].help_text = _("Leave empty to keep the registered number (%(masked)s).") % {
                "masked": mask_phone(self.instance.phone)
            }

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone") or ""
        return (phone or self.instance.phone) if self.phone_hidden else phone

    def clean_id_number(self) -> str:
        return normalize_id_number(self.cleaned_data.get("id_number") or "")

    def readonly_values(self) -> list[tuple[str, str]]:
        """The record's fields this user may not change, as (label, value) to show beside the form;
        sensitive ones masked."""
        lawyer, rows = self.instance, []
        displays = {
            "firm": lambda: lawyer.firm.name if lawyer.firm else "—",
            "region": lambda: lawyer.region.name,
            "practice_areas": lambda: "、".join(lawyer.practice_area_labels()) or "—",
            "phone": lambda: mask_phone(lawyer.phone) or "—",
            "id_number": lambda: mask_id_number(lawyer.id_number) or "—",
        }
        for name in self.Meta.fields:
            if name in self.fields:
                continue
            field = Lawyer._meta.get_field(name)
            assert isinstance(field, ModelField)  # Meta.fields names the model's own columns
            if name in displays:
                value = displays[name]()
            elif field.choices:
                value = getattr(lawyer, f"get_{name}_display")()
            else:
                value = getattr(lawyer, name) or "—"
            rows.append((str(capfirst(field.verbose_name)), str(value)))
        return rows

    def clean_practice_areas(self) -> str:
        codes = self.cleaned_data["practice_areas"]
        return f",{','.join(codes)}," if codes else ""


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
        # A picker, not a drop-down of every lawyer: practising ones in scope, told apart by licence and firm.
        self.fields["supervisor"] = PickerField.replacing(
            self.fields["supervisor"], PRACTISING_LAWYERS, self.actor
        )

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"] = PickerField.replacing(self.fields["firm"], PRACTISING_FIRMS, self.actor)
