"""The complaints list (`core.lists.ListDef`): the page, the API and the export read the same
filters; the complainant column is masked where the actor may not know who complains."""

from django.utils.translation import gettext_lazy as _

from lvxie.core.lists import Column, ListDef, choice, search

from .choices import ComplaintSource, ComplaintStatus, ConductKind
from .models import Complaint
from .selectors import complaint_list_rows


def _search(rows, text: str):
    return (
        rows.filter(number__icontains=text)
        | rows.filter(lawyer__name__icontains=text)
        | rows.filter(firm__name__icontains=text)
    )


def _clock(obj: Complaint) -> str:
    clock = obj.handling_clock or obj.acceptance_clock
    return clock.due_on.isoformat() if clock is not None and clock.due_on and clock.state == "running" else ""


COMPLAINTS = ListDef(
    name="complaints",
    model=Complaint,
    rows=complaint_list_rows,
    filters=(
        search(_search, description="Part of the tracking number, the lawyer's or the firm's name"),
        choice("status", _("Stage"), ComplaintStatus),
        choice("source", _("Source"), ComplaintSource),
        choice("conduct", _("Kind of conduct"), ConductKind),
    ),
    columns=(
        Column("number", _("Tracking number"), link=True),
        Column("received_on", _("Received on")),
        Column("source", _("Source"), choices=True),
        Column("lawyer", _("Lawyer"), value=lambda c: c.lawyer.name if c.lawyer else ""),
        Column("firm", _("Law firm"), value=lambda c: c.firm.name if c.firm else ""),
        Column("region", _("District"), value=lambda c: c.region.name),
        Column("conduct", _("Kind of conduct"), choices=True),
        Column("complainant_shown", _("Complainant")),
        Column("status", _("Stage"), choices=True),
        Column("due", _("Due"), value=_clock),
    ),
    ordering=("-received_on", "-id"),
    orderings={"received": ("received_on", "id"), "-received": ("-received_on", "-id")},
)
