"""The member-development list (the pipeline), defined once for its page and its API endpoint. It is
Party-side data: its rows come only from `Recruit.objects.visible_to(actor)` (committee staff and
secretaries), and neither it nor anything else filters lawyers by their way into the Party elsewhere."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field

from lvxie.core.api import Id
from lvxie.core.lists import Column, Filter, ListDef, choice, search
from lvxie.party.models import PartyOrg

from .choices import PersonKind, Stage
from .models import Recruit


def rows(actor) -> QuerySet[Recruit]:
    return Recruit.objects.visible_to(actor).select_related("org", "firm")


def org_filter() -> Filter:
    """An organization the actor sees, by id: its whole subtree."""
    return Filter(
        "org",
        lambda actor: forms.ModelChoiceField(
            label=_("Party organization"),
            queryset=PartyOrg.objects.visible_to(actor).order_by("path"),
            required=False,
            empty_label=_("All"),
        ),
        Id | None,
        Field(None, description="Party organization id; its whole subtree."),
        lambda rows, value: rows.filter(org__path__startswith=value.path),
        audit=lambda value: str(value.pk),
    )


RECRUITS = ListDef(
    name="recruits",
    model=Recruit,
    rows=rows,
    filters=(
        search(lambda rows, text: rows.filter(name__contains=text.strip()), description="Part of the name."),
        choice("stage", _("Stage"), Stage),
        choice("person_kind", _("Person"), PersonKind),
        org_filter(),
    ),
    columns=(
        Column("name", _("Person's name"), link=True),
        Column("person_kind", _("Person"), choices=True),
        Column("firm.name", _("Law firm"), value=lambda r: r.firm.name if r.firm else ""),
        Column("org.name", _("Party organization")),
        Column("stage", _("Stage"), choices=True),
        Column("applied_on", _("Applied")),
        Column("probation_ends_on", _("Probation ends")),
    ),
    ordering=("org__path", "-applied_on", "id"),
    orderings={
        "applied": ("applied_on", "id"),
        "-applied": ("-applied_on", "id"),
        "probation": ("probation_ends_on", "id"),
    },
)
