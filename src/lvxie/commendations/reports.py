"""A commendation round's results, the same in .xlsx (core.tabular) and PDF (core.pdf), as the calls
export a call's scored results (`lvxie.calls.reports`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.calls.models import Call
from lvxie.core.pdf import pdf_bytes
from lvxie.core.tabular import XLSX_TYPE, download, xlsx_bytes

from .selectors import ResultRow


def headers() -> list[str]:
    return [
        _("Nominee"),
        _("Unit"),
        _("Category"),
        _("Votes for"),
        _("Votes against"),
        _("Panel's recommendation"),
        _("Public notice"),
        _("Award"),
    ]


def rows(results: Sequence[ResultRow]) -> Iterator[list[object]]:
    for r in results:
        yield [
            r.name,
            r.unit,
            r.category,
            r.votes_for,
            r.votes_against,
            r.recommendation,
            r.notice,
            r.award,
        ]


def filename(call: Call) -> str:
    return f"{call.title[:60]}-{_('results')}"


def results_xlsx_bytes(results: Sequence[ResultRow]) -> bytes:
    return xlsx_bytes(headers(), rows(results), title=_("Results"))


def results_pdf_bytes(call: Call, results: Sequence[ResultRow]) -> bytes:
    context = {
        "title": call.title,
        "meta": f"{call.region.name} · {call.get_kind_display()} · {timezone.localdate():%Y-%m-%d}",
        "headers": headers(),
        "rows": [["" if v is None else v for v in r] for r in rows(results)],
    }
    return pdf_bytes("core/pdf_table.html", context)


def results_response(call: Call, results: Sequence[ResultRow], fmt: str) -> HttpResponse:
    """The download of the results as "xlsx" or "pdf" (the page and the API answer with it)."""
    if fmt == "pdf":
        return download(results_pdf_bytes(call, results), f"{filename(call)}.pdf", "application/pdf")
    return download(results_xlsx_bytes(results), f"{filename(call)}.xlsx", XLSX_TYPE)
