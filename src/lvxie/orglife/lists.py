"""The meetings list, one definition for the page, the API's query parameters and their filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from ninja import Field

from lvxie.core.lists import Column, Filter, ListDef, choice

from .choices import MeetingKind, MeetingStatus
from .models import Meeting
from .selectors import meeting_list, orgs_in


def _org_filter() -> Filter:
    return Filter(
        "org",
        lambda actor: forms.ModelChoiceField(
            label=_("Party organization"), queryset=orgs_in(actor), required=False
        ),
        int | None,
        Field(
            None, description="Only this organization's meetings (and those of the organizations below it)."
        ),
        lambda rows, org: rows.filter(org__path__startswith=org.path),
        audit=lambda org: str(org.pk),
    )


def _year_filter() -> Filter:
    return Filter(
        "year",
        lambda actor: forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False),
        int | None,
        Field(None, description="Only meetings of this year."),
        lambda rows, year: rows.filter(date__year=year),
    )


MEETINGS = ListDef(
    name="orglife_meetings",
    model=Meeting,
    rows=meeting_list,
    filters=(
        _org_filter(),
        choice("kind", _("Kind of meeting"), MeetingKind),
        choice("status", _("Status"), MeetingStatus),
        _year_filter(),
    ),
    columns=(
        Column("date", _("Date"), link=True),
        Column("kind", _("Kind of meeting"), choices=True),
        Column("topic", _("Topic")),
        Column("org.name", _("Party organization")),
        Column("status", _("Status"), choices=True),
    ),
    ordering=("-date", "-id"),
)
