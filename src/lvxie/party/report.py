"""The coverage statistics table in the layout of the seeds' reports (organizations by kind, member
lawyers and their share, the two coverage rates, Party building in the bylaws), shared by the dashboard,
the .xlsx and the PDF so the three always show the same figures."""

from django.utils.translation import gettext as _

from .choices import OrgKind
from .coverage import Figures


def report_table() -> tuple[list[str], list[tuple[str, int]]]:
    """Column headers, and the header groups above them (label, number of columns)."""
    headers = [
        _("Region"),
        _("Law firms"),
        _("Lawyers"),
        _("Organizations"),
        str(OrgKind.FIRM_COMMITTEE.label),
        str(OrgKind.GENERAL_BRANCH.label),
        str(OrgKind.INDEPENDENT_BRANCH.label),
        str(OrgKind.JOINT_BRANCH.label),
        _("Member lawyers"),
        _("of which probationary"),
        _("Share of lawyers (%)"),
        _("Firms with members"),
        _("Own organization"),
        _("In a joint branch"),
        _("Organization coverage (%)"),
        _("Work coverage only"),
        _("Not covered"),
        _("Work coverage (%)"),
        _("Party building in the bylaws (%)"),
        _("Should form own organization"),
    ]
    groups = [
        ("", 3),
        (_("Party organizations"), 5),
        (_("Party members"), 3),
        (_("Organization coverage"), 4),
        (_("Work coverage"), 3),
        ("", 2),
    ]
    return headers, groups


def _row(label: str, f: Figures) -> list:
    return [
        label,
        f.firms,
        f.lawyers,
        f.org_total,
        f.orgs.get(OrgKind.FIRM_COMMITTEE, 0),
        f.orgs.get(OrgKind.GENERAL_BRANCH, 0),
        f.orgs.get(OrgKind.INDEPENDENT_BRANCH, 0),
        f.orgs.get(OrgKind.JOINT_BRANCH, 0),
        f.members,
        f.probationary_members,
        f.member_share,
        f.firms_with_members,
        f.own_org,
        f.joint_branch,
        f.org_coverage_rate,
        f.work_only,
        f.uncovered,
        f.work_coverage_rate,
        f.bylaws_rate,
        f.needs_own_org,
    ]


def report_rows(total: Figures, rows: list[Figures]) -> list[list]:
    """One row per child region, then the total of the whole subtree."""
    return [
        *[_row(r.region.name, r) for r in rows],
        _row(_("Total: %(region)s") % {"region": total.region.name}, total),
    ]
