"""The list of disciplinary cases, defined once (lvxie.core.lists) for the page, the API and the export."""

from django.utils.translation import gettext_lazy as _

from lvxie.complaints.choices import ConductKind
from lvxie.core.lists import Column, ListDef, choice, search
from lvxie.registry.lists import region

from . import selectors
from .choices import CaseSource, CaseStatus
from .models import DisciplinaryCase


def _search(rows, text: str):
    text = text.strip()
    return rows.filter(number__icontains=text) | rows.filter(summary__contains=text)


CASES = ListDef(
    name="discipline_cases",
    model=DisciplinaryCase,
    rows=selectors.cases,
    filters=(
        search(
            _search,
            description="Case number or words of the summary.",
            placeholder=_("Case number or summary"),
        ),
        choice("status", _("Stage"), CaseStatus),
        choice("source", _("Source"), CaseSource),
        choice("conduct", _("Kind of conduct"), ConductKind),
        region(),
    ),
    columns=(
        Column("number", _("Case number"), link=True),
        Column("subject", _("Lawyer or firm"), value=lambda c: str(c.subject)),
        Column("region", _("District"), value=lambda c: c.region.name),
        Column("conduct", _("Kind of conduct"), choices=True),
        Column("source", _("Source"), choices=True),
        Column("status", _("Stage"), choices=True),
        Column("opened_at", _("Opened"), value=lambda c: c.opened_at.date()),
        Column("clock", _("Deadline"), value=selectors.clock_text),
    ),
    ordering=("-opened_at", "-id"),
    orderings={"oldest": ("opened_at", "id"), "due": ("clock__due_on", "id")},
)
