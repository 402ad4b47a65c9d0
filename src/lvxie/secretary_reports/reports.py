"""The year's results table of a review, the same on the page, in .xlsx (core.tabular) and PDF
(core.pdf): organization, district, oral or written, the mean points per criterion, the combined score
and its rating."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

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
    for row in table:
        result = row.result
        yield [
            result.rank if result else None,
            row.submission.unit_name,
            row.submission.region.name,
            _("Oral") if row.oral else _("Written"),
            row.submission.get_status_display(),
            *[
                float(result.criteria[c.code]) if result and c.code in result.criteria else None
                for c in criteria
            ],
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
