"""The secretaries' annual reports (书记抓党建述职评议) as a kind of call: each directly affiliated
organization's secretary reports in four parts (the Shenzhen 2025 seed: "从特色、成效、不足、思路等方面"),
a panel rates each report on the year's criteria, the committee marks some for an oral report at the
meeting. The results stay inside the Party side (never on the public site).

The rating scale is worth 10 / 8 / 6 / 3 points, so a report rated 较好 on everything scores 80; the
combined score (the mean of the reviewers' weighted scores) is banded back into a rating (`band`).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lvxie.calls.choices import FieldType
from lvxie.calls.kinds import CallKind, Criterion, FieldSpec, Flag, Grade, register

from .choices import Rating

CODE = "secretary_reports"
ORAL = "oral"
MAX_POINTS = 10
SCALE = (
    Grade(Rating.GOOD, Rating.GOOD.label, 10),
    Grade(Rating.FAIRLY_GOOD, Rating.FAIRLY_GOOD.label, 8),
    Grade(Rating.AVERAGE, Rating.AVERAGE.label, 6),
    Grade(Rating.POOR, Rating.POOR.label, 3),
)
# The lowest combined score of each band, best first; below the last: 差.
BANDS = ((Decimal(90), Rating.GOOD), (Decimal(75), Rating.FAIRLY_GOOD), (Decimal(60), Rating.AVERAGE))


def band(total: Decimal | None) -> Rating | None:
    """The rating a combined score (0–100) falls in; None while it is not complete."""
    if total is None:
        return None
    return next((rating for lowest, rating in BANDS if total >= lowest), Rating.POOR)


def rated(code: str, label: str | Promise, weight: int) -> Criterion:
    """A criterion of the year, rated on the four-step scale."""
    return Criterion(code, label, MAX_POINTS, weight, scale=SCALE)


SECRETARY_REPORTS = register(
    CallKind(
        code=CODE,
        label=_("Secretaries' annual reports"),
        description=_(
            "Each directly affiliated organization's secretary reports on the year's Party-building work: "
            "its features, results, shortcomings and next steps."
        ),
        fields=(
            FieldSpec("features", _("Features of the work"), FieldType.LONG_TEXT),
            FieldSpec("results", _("Results achieved"), FieldType.LONG_TEXT),
            FieldSpec("shortcomings", _("Shortcomings"), FieldType.LONG_TEXT),
            FieldSpec("next_steps", _("Next steps"), FieldType.LONG_TEXT),
        ),
        criteria=(
            rated("duty", _("Carrying out the duty of running the Party"), 30),
            rated("organization", _("Organizational life and members' education"), 25),
            rated("practice", _("Party building leading the practice"), 25),
            rated("rectification", _("Facing shortcomings and rectifying them"), 20),
        ),
        flags=(Flag(ORAL, _("Oral report at the meeting")),),
        public_results=False,
        max_files=5,
    )
)
