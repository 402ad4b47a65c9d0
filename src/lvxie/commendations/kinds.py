"""The kinds of call this app adds, and the eligibility rules of each commendation category.

Commendations (voted on by a panel, with categories and places): the Party side's "两优一先" (advanced
basic-level Party organizations, outstanding members, outstanding Party-affairs workers, nominated by
Party organizations) and the bar's ten best corporate and public-sector lawyers (nominated by firms).
Contests (scored on criteria, prizes by rank): the lawyers' business-innovation contest and the
Party-building innovation cases. The Shenzhen 2023 and 2025 seeds give the shapes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from lvxie.calls.choices import FieldType, UnitKind
from lvxie.calls.kinds import REVIEW_VOTE, CallKind, Category, Criterion, FieldSpec, register
from lvxie.registry.choices import FIRM_KINDS, LawyerKind

from .choices import Nominee

PARTY_COMMENDATION = "party_commendation"
LAWYER_COMMENDATION = "lawyer_commendation"
INNOVATION_CONTEST = "innovation_contest"
PARTY_CASES = "party_building_cases"


@dataclass(frozen=True)
class Rule:
    """Who may be nominated in a category: the kind of nominee; for a lawyer, years in practice, no
    sanction within `clean_years`, Party membership, the kinds of lawyer; `own_unit`: only the
    nominating unit's own (a firm's lawyers, a Party organization and the members below it)."""

    nominee: str
    min_years: int = 0
    clean_years: int = 5
    party_member: bool = False
    lawyer_kinds: frozenset[str] = frozenset()
    own_unit: bool = True


RULES: dict[tuple[str, str], Rule] = {
    (PARTY_COMMENDATION, "advanced_org"): Rule(Nominee.PARTY_ORG),
    (PARTY_COMMENDATION, "outstanding_member"): Rule(Nominee.LAWYER, min_years=3, party_member=True),
    (PARTY_COMMENDATION, "party_worker"): Rule(Nominee.LAWYER, min_years=3, party_member=True),
    (LAWYER_COMMENDATION, "outstanding_lawyer"): Rule(
        Nominee.LAWYER, min_years=5, lawyer_kinds=frozenset(FIRM_KINDS)
    ),
    (LAWYER_COMMENDATION, "corporate_lawyer"): Rule(
        Nominee.LAWYER, min_years=3, lawyer_kinds=frozenset({LawyerKind.CORPORATE}), own_unit=False
    ),
    (LAWYER_COMMENDATION, "public_lawyer"): Rule(
        Nominee.LAWYER, min_years=3, lawyer_kinds=frozenset({LawyerKind.PUBLIC_SECTOR}), own_unit=False
    ),
}
COMMENDATION_KINDS = (PARTY_COMMENDATION, LAWYER_COMMENDATION)


def rule(kind: str, category: str) -> Rule | None:
    return RULES.get((kind, category))


def _check_nominations(submission: Any) -> None:
    """Set as the kinds' `on_submit`: the eligibility is checked again when the unit submits."""
    from .services import check_before_submit  # services import this module

    check_before_submit(submission)


COVER_FIELDS = (
    FieldSpec("contact", _("Contact person")),
    FieldSpec("opinion", _("Opinion of the nominating unit"), FieldType.LONG_TEXT),
)

register(
    CallKind(
        code=PARTY_COMMENDATION,
        label=_("Commendation of advanced organizations, outstanding members and Party-affairs workers"),
        description=_(
            "Each Party organization nominates, with the deeds of each nominee; the panel votes; the "
            "recommended are shown in a public notice before they are commended."
        ),
        fields=COVER_FIELDS,
        criteria=(),
        review=REVIEW_VOTE,
        categories=(
            Category("advanced_org", _("Advanced basic-level Party organization"), 10),
            Category("outstanding_member", _("Outstanding Party member"), 40),
            Category("party_worker", _("Outstanding Party-affairs worker"), 30),
        ),
        on_submit=_check_nominations,
        unit_kinds=(UnitKind.PARTY_ORG,),
    )
)
register(
    CallKind(
        code=LAWYER_COMMENDATION,
        label=_("Ten best corporate and public-sector lawyers"),
        description=_(
            "Firms nominate outstanding lawyers, corporate lawyers and public-sector lawyers; the panel "
            "votes; the recommended are shown in a public notice before they are commended."
        ),
        fields=COVER_FIELDS,
        criteria=(),
        review=REVIEW_VOTE,
        categories=(
            Category("outstanding_lawyer", _("Outstanding lawyer"), 10),
            Category("corporate_lawyer", _("Ten best corporate lawyers"), 10),
            Category("public_lawyer", _("Ten best public-sector lawyers"), 10),
        ),
        on_submit=_check_nominations,
        unit_kinds=(UnitKind.FIRM,),
    )
)
register(
    CallKind(
        code=INNOVATION_CONTEST,
        label=_("Lawyers' business-innovation contest"),
        description=_("Each firm enters one innovation in its practice; judges score it; prizes go by rank."),
        fields=(
            FieldSpec("project", _("Name of the innovation")),
            FieldSpec("team", _("Team")),
            FieldSpec("summary", _("What it is"), FieldType.LONG_TEXT),
            FieldSpec("results", _("What it achieved"), FieldType.LONG_TEXT),
        ),
        criteria=(
            Criterion("novelty", _("Novelty"), 10, 35),
            Criterion("value", _("Value to clients and society"), 10, 35),
            Criterion("replicable", _("Can others use it"), 10, 30),
        ),
        title_field="project",
        unit_kinds=(UnitKind.FIRM,),
    )
)
register(
    CallKind(
        code=PARTY_CASES,
        label=_("Innovative Party-building cases"),
        description=_(
            "Each Party organization enters one case of its work; judges score it; prizes go by rank."
        ),
        fields=(
            FieldSpec("case_name", _("Case name")),
            FieldSpec("summary", _("What was done"), FieldType.LONG_TEXT),
            FieldSpec("effect", _("What it changed"), FieldType.LONG_TEXT),
        ),
        criteria=(
            Criterion("innovation", _("Innovation"), 10, 40),
            Criterion("effect", _("Effect"), 10, 40),
            Criterion("writing", _("Quality of the written account"), 10, 20),
        ),
        title_field="case_name",
        unit_kinds=(UnitKind.PARTY_ORG,),
    )
)
