"""Forms of member development: they read and check the input's shape; the services decide."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm
from lvxie.party.models import PartyOrg
from lvxie.party.pickers import active_orgs
from lvxie.registry.models import LawFirm

from . import policies
from .choices import PersonKind, Step
from .models import Recruit


def _date():
    return forms.DateInput(attrs={"type": "date"})


class ServiceErrors(ActorForm):
    """A service's refusal shows at its field when the form has it, on the form as a whole otherwise."""

    def add_error(self, field, error):
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                target = name if name in self.fields else None
                super().add_error(None if name == NON_FIELD_ERRORS else target, ValidationError(errors))
            return
        super().add_error(field if field in self.fields else None, error)


class RecruitForm(ServiceErrors):
    """An application received by a branch the actor is secretary of."""

    org = forms.ModelChoiceField(label=_("Party organization"), queryset=PartyOrg.objects.none())
    person_kind = forms.ChoiceField(label=_("Person"), choices=PersonKind.choices)
    licence_no = forms.CharField(label=_("Licence number (a lawyer)"), max_length=17, required=False)
    certificate_no = forms.CharField(
        label=_("Trainee certificate number (a trainee)"), max_length=20, required=False
    )
    name = forms.CharField(label=_("Name (firm staff)"), max_length=50, required=False)
    firm = forms.ModelChoiceField(
        label=_("Law firm (firm staff)"), queryset=LawFirm.objects.none(), required=False
    )
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1900, max_value=2100)
    firm_manager = forms.BooleanField(label=_("Manages a firm"), required=False)
    applied_on = forms.DateField(label=_("Date of application"), widget=_date())
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("Where the application is kept, e.g. the branch's register number."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keeps = active_orgs(self.actor) if self.actor is not None else PartyOrg.objects.none()
        orgs = [o.pk for o in keeps if policies.allowed(self.actor, policies.RECORD, o)]
        self.fields["org"].queryset = PartyOrg.objects.filter(pk__in=orgs).order_by("path")
        self.fields["firm"].queryset = LawFirm.objects.filter(
            org_links__org_id__in=orgs, org_links__until__isnull=True
        ).order_by("name")

    def clean(self):
        data = super().clean() or {}
        needed = {
            PersonKind.LAWYER: "licence_no",
            PersonKind.TRAINEE: "certificate_no",
            PersonKind.STAFF: "name",
        }.get(data.get("person_kind", ""))
        if needed and not data.get(needed):
            self.add_error(needed, _("This field is required."))
        return data


class StepForm(ServiceErrors):
    """One step: the day it was decided, the reference, and what the step needs besides."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    meeting = forms.IntegerField(
        label=_("Branch meeting"),
        required=False,
        widget=forms.Select,
        help_text=_(
            "The meeting recorded under organizational life that decided; its date is the decision's."
        ),
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=_date())
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("The meeting's minutes or the approval, e.g. 2025年第2次支部党员大会."),
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Offered: the branch's full members; any member id is passed on, for the service to refuse clearly.
    introducer_1 = forms.IntegerField(label=_("First introducer"), required=False, widget=forms.Select)
    introducer_2 = forms.IntegerField(label=_("Second introducer"), required=False, widget=forms.Select)
    extension_months = forms.IntegerField(label=_("Extend by (months)"), required=False)

    def __init__(self, *args, step: str, recruit: Recruit, introducers=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step in policies.BRANCH_STEPS:
            self.fields["meeting"].widget.choices = [
                ("", "—"),
                *((str(m.pk), f"{m} · {m.topic}") for m in meetings),
            ]
        else:
            del self.fields["meeting"]
        choices = [("", "—"), *((str(m.pk), m.lawyer.name) for m in introducers)]
        for name in ("introducer_1", "introducer_2"):
            self.fields[name].widget.choices = choices
        if step != Step.TARGET:
            del self.fields["introducer_1"], self.fields["introducer_2"]
        if step != Step.EXTEND:
            del self.fields["extension_months"]
        self.fields["version"].initial = recruit.version
