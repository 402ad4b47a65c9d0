"""The year's results table of a review, the same on the page, in .xlsx (core.tabular) and PDF
(core.pdf): organization, district, oral or written, the mean points per criterion, the combined score
and its rating."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.calls.choices import SubmissionStatus
from lvxie.calls.models import Call
from lvxie.core.pdf import pdf_bytes
from lvxie.core.tabular import xlsx_bytes

from .selectors import YearRow


def headers(call: Call) -> list[str]:
    return [
        _("Rank"),
        _("Party organization"),
        _("District"),
        _("Report"),
        _("Status"),
        *[f"{c.label} (×{c.weight})" for c in call.criteria_in_force],
        _("Combined score"),
        _("Rating"),
    ]


def rows(call: Call, table: Sequence[YearRow]) -> Iterator[list[object]]:
    criteria = call.criteria_in_force
    statuses = {s: str(s.label) for s in SubmissionStatus}  # each label translated once
    for row in table:
        yield [
            row.rank,
            row.organization,
            row.district,
            _("Oral") if row.oral else _("Written"),
            statuses[row.status],
            *[float(row.criteria[c.code]) if c.code in row.criteria else None for c in criteria],
            float(row.total) if row.total is not None else None,
            row.rating.label if row.rating else "",
        ]


def filename(call: Call) -> str:
    return f"{call.title[:60]}-{_('results')}"


def xlsx(call: Call, table: Sequence[YearRow]) -> bytes:
    return xlsx_bytes(headers(call), rows(call, table), title=_("Results"))


def pdf(call: Call, table: Sequence[YearRow]) -> bytes:
    return pdf_bytes(
        "core/pdf_table.html",
        {
            "title": call.title,
            "meta": f"{call.region.name} · {call.get_kind_display()} · {timezone.localdate():%Y-%m-%d}",
            "headers": headers(call),
            "rows": [["" if v is None else v for v in r] for r in rows(call, table)],
        },
    )
