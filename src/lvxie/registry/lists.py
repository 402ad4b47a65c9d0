"""The registry's lists, each defined once (lvxie.core.lists): firms, lawyers, trainees, bar committees
and overseas offices. The list pages, the API's list endpoints (firms, lawyers) and the exports
(registry/exports.py) all filter through these definitions, so one query string means the same rows in
each of them."""

from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field

from lvxie.core.api import Id, Text
from lvxie.core.lists import Column, Filter, ListDef, RowCount, boolean, choice, search
from lvxie.core.validators import mask_id_number, mask_phone

from .choices import (
    CommitteeKind,
    FirmKind,
    FirmStatus,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
    TraineeStatus,
)
from .models import BarCommittee, LawFirm, Lawyer, OverseasOffice, Region, Trainee
from .search import match
from .selectors import filter_regions


class RegionFilterField(forms.ChoiceField):
    """A region by its code (the API's and the page's `region`): the drop-down lists the actor's districts
    (or, over a province or the nation, its cities or the provinces: `filter_regions`), and any region the
    actor may see is accepted (a city's code filters the whole city); another one is refused like an
    unknown code."""

    def __init__(self, actor):
        level, offered = filter_regions(actor)

        @cache  # (Django's drop-down reads its choices twice)
        def choices():
            return [("", _("All")), *((r.code, r.name) for r in offered())]

        super().__init__(label=level.label, choices=choices, required=False)
        self.actor = actor

    def to_python(self, value):
        if value in self.empty_values:
            return None
        # (built when a region is given: most lists are asked for without one)
        region = Region.objects.visible_to(self.actor).filter(code=str(value)).first()
        if region is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return region

    def validate(self, value):
        pass  # any region the actor sees, offered or not (`to_python` refused the others)


def region(lookup: str = "region__path") -> Filter:
    """The region's whole subtree."""
    return Filter(
        "region",
        RegionFilterField,
        Text,
        Field("", description="Region code; the region's whole subtree."),
        lambda rows, value: rows.filter(**{f"{lookup}__startswith": value.path}),
        audit=lambda value: value.code,
    )


def firm() -> Filter:
    """One law firm the actor may see, by id (a hidden field on the page: the firm's page links to it)."""
    return Filter(
        "firm",
        lambda actor: forms.ModelChoiceField(
            queryset=LawFirm.objects.visible_to(actor), required=False, widget=forms.HiddenInput
        ),
        Id | None,
        Field(None, description="Law firm id."),
        lambda rows, value: rows.filter(firm=value),
        audit=lambda value: str(value.pk),
    )


def _firm_rows(actor) -> QuerySet[LawFirm]:
    # A correlated count, not JOIN + GROUP BY: the database counts only the rows of the page shown, and
    # the paginator's total leaves it out.
    lawyers = Lawyer.objects.filter(firm=OuterRef("pk")).order_by().values("firm")
    return LawFirm.objects.visible_to(actor).select_related("region").annotate(lawyer_count=RowCount(lawyers))


def _lawyer_firm(lawyer: Lawyer) -> str:
    return lawyer.firm.name if lawyer.firm else lawyer.employer


def _region_name(obj) -> str:
    return obj.region.name


FIRMS = ListDef(
    name="firms",
    model=LawFirm,
    rows=_firm_rows,
    filters=(
        # A search orders by relevance; a plain list by name.
        search(
            match,
            description="Name (either script, pinyin, initials) or credit-code prefix.",
            placeholder=_("Name, pinyin or number"),
        ),
        region("region_path"),
        choice("kind", _("Kind"), FirmKind),
        choice("status", _("Status"), FirmStatus),
        boolean("party_building_in_bylaws", _("Party building in the bylaws")),
    ),
    columns=(
        Column("name", _("Name"), link=True),
        Column("kind", _("Kind"), choices=True),
        Column("status", _("Status"), choices=True),
        Column("credit_code", _("Unified social credit code"), css="masked"),
        Column("licence_no", _("Practice licence number"), page=False),
        Column("region", _("District"), value=_region_name, paths=("region__name",)),
        Column("address", _("Address"), page=False),
        Column("head_name", _("Head of firm"), page=False),
        Column("lawyer_count", _("Lawyers"), css="num"),
    ),
    page_order=("name", "kind", "region", "status", "lawyer_count", "credit_code"),
    ordering=("name", "id"),
    orderings={"name": ("name", "id"), "lawyer_count": ("-lawyer_count", "name", "id")},
    compiled=True,
)

LAWYERS = ListDef(
    name="lawyers",
    model=Lawyer,
    rows=lambda actor: Lawyer.objects.visible_to(actor).select_related("firm", "region"),
    filters=(
        search(
            match,
            description="Name (either script, pinyin, initials) or licence-number prefix.",
            placeholder=_("Name, pinyin or number"),
        ),
        region("region_path"),
        firm(),
        choice("kind", _("Kind"), LawyerKind),
        choice("status", _("Status"), LawyerStatus),
        choice(
            "practice_area",
            _("Practice area"),
            PracticeArea,
            apply=lambda rows, value: rows.filter(practice_areas__contains=f",{value},"),
        ),
    ),
    columns=(
        Column("name", _("Name"), link=True),
        Column("gender", _("Gender"), choices=True, page=False),
        Column("licence_no", _("Licence number"), css="masked"),
        Column("kind", _("Kind"), choices=True),
        Column("status", _("Status"), choices=True),
        Column(
            "firm",
            _("Law firm"),
            value=_lawyer_firm,
            paths=("firm__name", "employer"),
            combine=lambda firm, employer: employer if firm is None else firm,
        ),
        Column("region", _("District"), value=_region_name, paths=("region__name",)),
        Column("first_licensed_year", _("First licensed"), page=False),
        Column("id_number", _("ID number"), masked=mask_id_number, page=False),
        Column("phone", _("Phone"), masked=mask_phone, page=False),
    ),
    page_order=("name", "kind", "firm", "region", "licence_no", "status"),
    ordering=("name_pinyin", "id"),
    orderings={"name": ("name_pinyin", "id"), "licence_no": ("licence_no",)},
)

TRAINEES = ListDef(
    name="trainees",
    model=Trainee,
    rows=lambda actor: Trainee.objects.visible_to(actor).select_related("firm", "supervisor"),
    filters=(
        search(
            match,
            description="Name (either script, pinyin, initials).",
            placeholder=_("Name, pinyin or number"),
        ),
        region("firm__region_path"),
        choice("status", _("Status"), TraineeStatus),
    ),
    columns=(
        Column("name", _("Name"), link=True),
        Column("firm", _("Law firm"), value=lambda t: t.firm.name),
        Column(
            "supervisor", _("Supervising lawyer"), value=lambda t: t.supervisor.name if t.supervisor else "—"
        ),
        Column("started_on", _("Training started")),
        Column("status", _("Status"), choices=True),
    ),
    ordering=("-started_on", "id"),
)

COMMITTEES = ListDef(
    name="committees",
    model=BarCommittee,
    rows=lambda actor: (
        BarCommittee.objects.visible_to(actor)
        .select_related("region")
        .annotate(member_count=Count("memberships"))
    ),
    filters=(
        search(lambda rows, q: rows.filter(name__contains=q), description="Part of the name."),
        choice("kind", _("Kind"), CommitteeKind),
    ),
    columns=(
        Column("name", _("Name"), link=True),
        Column("kind", _("Kind"), choices=True),
        Column("region", _("Region"), value=_region_name),
        Column("member_count", _("Members"), css="num"),
    ),
    ordering=("kind", "name"),
)

OFFICES = ListDef(
    name="offices",
    model=OverseasOffice,
    rows=lambda actor: OverseasOffice.objects.visible_to(actor).select_related("firm"),
    filters=(
        search(
            lambda rows, q: rows.filter(Q(city__contains=q) | Q(firm__name__contains=q)),
            description="Part of the city or the firm's name.",
            placeholder=_("City or firm"),
        ),
    ),
    columns=(
        Column("firm", _("Law firm"), value=lambda o: o.firm.name),
        Column("country", _("Country")),
        Column("city", _("City"), link=True),
        Column("address", _("Address")),
        Column("opened_on", _("Opened"), page=False),
    ),
    page_order=("country", "city", "firm", "address"),
    ordering=("country", "city", "id"),
)
