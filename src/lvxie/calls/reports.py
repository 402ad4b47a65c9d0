"""The results table of a call, the same on the page, in .xlsx (core.tabular) and PDF (core.pdf)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.core.pdf import pdf_bytes
from lvxie.core.tabular import xlsx_bytes

from .models import Call
from .selectors import ResultRow


def headers(call: Call) -> list[str]:
    return [
        _("Rank"),
        _("Unit"),
        _("District"),
        _("Submission"),
        _("Late"),
        *[f"{c.label} (0–{c.max_points}, ×{c.weight})" for c in call.criteria_in_force],
        _("Weighted score"),
    ]


def rows(call: Call, results: Sequence[ResultRow]) -> Iterator[list[object]]:
    for row in results:
        yield [
            row.rank,
            row.unit,
            row.district,
            row.title,
            _("yes") if row.late else "",
            *[
                float(row.criteria[c.code]) if c.code in row.criteria else None
                for c in call.criteria_in_force
            ],
            float(row.total) if row.total is not None else None,
        ]


def filename(call: Call) -> str:
    return f"{call.title[:60]}-{_('results')}"


def results_xlsx_bytes(call: Call, results: Sequence[ResultRow]) -> bytes:
    return xlsx_bytes(headers(call), rows(call, results), title=_("Results"))


def pdf_context(call: Call, results: Sequence[ResultRow]) -> dict:
    return {
        "title": call.title,
        "meta": f"{call.region.name} · {call.get_kind_display()} · {timezone.localdate():%Y-%m-%d}",
        "headers": headers(call),
        "rows": [["" if v is None else v for v in r] for r in rows(call, results)],
    }


def results_pdf_bytes(call: Call, results: Sequence[ResultRow]) -> bytes:
    return pdf_bytes("core/pdf_table.html", pdf_context(call, results))
