"""Forms of calls: the call (its units chosen as a notice's recipients are), a unit's submission (its
fields built from the call's kind), a reviewer's score, a reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm, UploadsField
from lvxie.core.scoping import path_q
from lvxie.notices.fields import AUDIENCE_FIELDS, AudienceForm
from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.fields import RegionChoiceField
from lvxie.registry.models import Region

from .choices import CallStatus, FieldType, UnitKind
from .kinds import CallKind, kind_choices, kinds
from .models import Call, Score
from .selectors import reviewer_choices


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has one, else on the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, error)


class CallFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *CallStatus.choices], required=False
    )


class CallForm(AudienceForm):
    """A call: what, to whom (as a notice's recipients), by when, reviewed by whom."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    region = RegionChoiceField(label=_("Issued by"), queryset=Region.objects.none())
    unit_kind = forms.ChoiceField(label=_("Units"), choices=UnitKind.choices, widget=forms.RadioSelect)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_working_days = forms.IntegerField(
        label=_("Or: working days after opening"), required=False, min_value=1, max_value=365
    )
    reviewers = forms.ModelMultipleChoiceField(label=_("Reviewers"), queryset=Region.objects.none())

    field_order = ("title", "kind", "description", "region", "unit_kind", *AUDIENCE_FIELDS)

    def __init__(self, *args: Any, instance: Call | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lvxie.notices.choices import AudienceKind

        from .policies import issuing_paths

        firm_paths = issuing_paths(self.actor, party=False)
        party_paths = issuing_paths(self.actor, party=True)
        paths = firm_paths + party_paths
        self.fields["kind"].choices = kind_choices()
        self.fields["audience_kind"].choices = AudienceKind.choices
        self.fields["region"].queryset = Region.objects.filter(path__in=paths)
        self.fields["audience_region"].queryset = (
            Region.objects.filter(path_q("path", paths)) if paths else Region.objects.none()
        )
        self.fields["audience_party_orgs"].queryset = (
            PartyOrg.objects.visible_to(self.actor).filter(status=OrgStatus.ACTIVE)
            if party_paths
            else PartyOrg.objects.none()
        )
        units = [(k, label) for k, label in UnitKind.choices if k != UnitKind.PARTY_ORG] if firm_paths else []
        if party_paths:
            units.append((UnitKind.PARTY_ORG.value, UnitKind.PARTY_ORG.label))
        self.fields["unit_kind"].choices = units
        self.fields["reviewers"].queryset = reviewer_choices(self.actor)
        self.fields["reviewers"].label_from_instance = lambda u: (
            f"{u.display_name or u.username}（{u.username}）"
        )
        # Places per category: a number field for each category of each kind that has categories; the
        # chosen kind's are sent to the service, which checks them (`quota_range`, `unknown_category`).
        for spec in kinds():
            for category in spec.categories:
                self.fields[quota_field(spec.code, category.code)] = forms.IntegerField(
                    label=_("Places: %(category)s") % {"category": category.label},
                    required=False,
                    help_text=_("%(kind)s; empty: %(n)s places")
                    % {"kind": spec.label, "n": category.default_quota},
                    widget=forms.NumberInput(attrs={"data-kind": spec.code}),
                )
        if instance is not None:
            self.initial.update(
                title=instance.title,
                kind=instance.kind,
                description=instance.description,
                region=instance.region_id,
                unit_kind=instance.unit_kind,
                **self.audience_initial(instance),
                deadline=instance.deadline,
                deadline_working_days=instance.deadline_working_days,
                reviewers=list(instance.reviewers.values_list("pk", flat=True)),
                **{quota_field(instance.kind, code): n for code, n in instance.quotas.items()},
            )
        elif units:
            self.initial.setdefault("unit_kind", units[0][0])
            self.initial.setdefault("audience_kind", AudienceKind.SUBTREE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if not data.get("deadline") and not data.get("deadline_working_days"):
            self.add_error("deadline", _("Give a deadline: a date or a number of working days."))
        return data

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as the call services take it, the places filled in as `quotas`. A number
        given for another kind's category is passed on too, so the service names it as unknown rather
        than dropping it."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith(QUOTA_PREFIX)}
        data["quotas"] = {
            name.split("__", 2)[2]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(QUOTA_PREFIX) and value is not None
        }
        return data


QUOTA_PREFIX = "quota__"


def quota_field(kind: str, category: str) -> str:
    return f"{QUOTA_PREFIX}{kind}__{category}"


def _field_for(spec: Any) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": spec.help_text}
    if spec.type == FieldType.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, **common)
    if spec.type == FieldType.NUMBER:
        return forms.DecimalField(**common)
    if spec.type == FieldType.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *spec.choices], **common)
    if spec.type == FieldType.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    return forms.CharField(max_length=200, **common)


class SubmissionForm(ActorForm):
    """The kind's fields (all optional here: the service says which a submission needs), files when
    the kind takes them, and the version read (two editors at once: the second is told)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, kind: CallKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for spec in kind.fields:
            self.fields[spec.name] = _field_for(spec)
            if spec.required:
                self.fields[spec.name].widget.attrs["data-required"] = "1"
        if kind.attachments_allowed:
            self.fields["files"] = UploadsField(label=_("Files"))

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {s.name: data[s.name] for s in self.kind.fields if data.get(s.name) not in (None, "")}


class ScoreForm(ActorForm):
    """Points per criterion (0 to its maximum), a comment, and the reason when a score changes."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Required when a score changes."),
    )

    def __init__(self, *args: Any, call: Call, score: Score | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = call.criteria_in_force
        for criterion in self.criteria:
            if criterion.scale:  # rated: one grade of the scale
                self.fields[criterion.code] = forms.ChoiceField(
                    label=f"{criterion.label}（{_('weight')} {criterion.weight}）",
                    choices=[(g.code, g.label) for g in criterion.scale],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[criterion.code] = forms.IntegerField(
                    label=f"{criterion.label}（0–{criterion.max_points}，{_('weight')} {criterion.weight}）",
                    min_value=0,
                    max_value=criterion.max_points,
                )
        if score is not None:
            for criterion in self.criteria:
                grade = criterion.grade(score.points.get(criterion.code))
                self.initial[criterion.code] = grade.code if grade else score.points.get(criterion.code)
            self.initial["comment"] = score.comment
        else:
            del self.fields["reason"]

    def points(self) -> dict[str, int | str]:
        return {c.code: self.cleaned_data[c.code] for c in self.criteria}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
