"""Forms of secretaries' reports: opening the year's review, a shortcoming to put in the ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.calls import policies as calls_policies
from lvxie.calls.kinds import Criterion
from lvxie.calls.selectors import reviewer_candidates
from lvxie.core.forms import ActorForm
from lvxie.party.models import PartyOrg
from lvxie.registry.fields import RegionChoiceField
from lvxie.registry.models import Region

from .kinds import SECRETARY_REPORTS, rated
from .selectors import affiliated_orgs, basic_orgs


def criteria_text(criteria: tuple[Criterion, ...]) -> str:
    return "\n".join(f"{c.label} | {c.weight}" for c in criteria)


def parse_criteria(text: str) -> list[Criterion]:
    """One criterion a line, "name | weight", each rated on the four-step scale."""
    found: list[Criterion] = []
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        name, _sep, weight = line.rpartition("|")
        try:
            value = int(weight.strip())
        except ValueError:
            value = 0
        if not name.strip() or not 1 <= value <= 100 or len(name.strip()) > 100:
            raise forms.ValidationError(
                _("Line %(n)s: write the criterion, a bar and its weight (1–100)."),
                code="criteria",
                params={"n": number},
            )
        found.append(rated(f"c{number}", name.strip(), value))
    if not found:
        raise forms.ValidationError(_("Give at least one criterion."), code="required")
    return found


class ReviewOpenForm(ActorForm):
    """The year's review: the committee's region, the year, the organizations that report (all
    basic-level ones by default) and those that report orally, the window in working days, the panel,
    the criteria and weights of the year."""

    region = RegionChoiceField(label=_("Party committee of"), queryset=Region.objects.none())
    year = forms.IntegerField(label=_("Year reported on"), min_value=2000, max_value=2100)
    deadline_working_days = forms.IntegerField(
        label=_("Working days to write the reports"), min_value=1, max_value=365, initial=15
    )
    orgs = forms.ModelMultipleChoiceField(
        label=_("Organizations that report"),
        queryset=PartyOrg.objects.none(),
        required=False,
        help_text=_("Leave empty for every basic-level organization of the region."),
    )
    oral_orgs = forms.ModelMultipleChoiceField(
        label=_("Organizations reporting orally at the meeting"),
        queryset=PartyOrg.objects.none(),
        required=False,
    )
    reviewers = forms.ModelMultipleChoiceField(label=_("Panel"), queryset=Region.objects.none())
    criteria = forms.CharField(
        label=_("Criteria and weights of the year"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line: the criterion, a bar, its weight. Each is rated 好 / 较好 / 一般 / 差."),
    )

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lvxie.accounts.models import User

        paths = calls_policies.issuing_paths(self.actor, party=True)
        regions = Region.objects.filter(path__in=paths).order_by("path")
        self.fields["region"].queryset = regions
        orgs = basic_orgs(self.actor)
        people = {u.pk for region in regions for u in reviewer_candidates(region, party=True)}
        self.fields["orgs"].queryset = orgs
        self.fields["oral_orgs"].queryset = orgs
        self.fields["reviewers"].queryset = User.objects.filter(pk__in=people).order_by("username")
        self.fields["reviewers"].label_from_instance = lambda u: (
            f"{u.display_name or u.username}（{u.username}）"
        )
        self.initial.setdefault("year", timezone.localdate().year - 1)
        self.initial.setdefault("criteria", criteria_text(SECRETARY_REPORTS.criteria))
        if regions:
            self.initial.setdefault("region", regions[0].pk)

    def clean_criteria(self) -> list[Criterion]:
        return parse_criteria(self.cleaned_data["criteria"])

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if not data["orgs"]:
            data["orgs"] = list(affiliated_orgs(self.actor, data["region"]))
        return data


class ShortcomingForm(forms.Form):
    """A shortcoming named in a report, as a rectification item."""

    problem = forms.CharField(
        label=_("Problem found"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    goal = forms.CharField(label=_("Goal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label=_("Measures"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("Responsible person"), max_length=50)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_deadline(self) -> dt.date:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline has passed."), code="past_due")
        return deadline
