"""The coverage statistics table in the layout of the seeds' reports (organizations by kind, member
lawyers and their share, the two coverage rates, Party building in the bylaws), shared by the dashboard,
the .xlsx and the PDF so the three always show the same figures. The protected view (roles outside the
Party side, see `lvxie.party.coverage`) has no organization columns and one for the small firms."""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import OrgKind
from .coverage import Figures, min_lawyers


def _members(value: Callable[[Figures], object]) -> Callable[[Figures], object]:
    # Member figures of a protected region that is too small to show them: an empty cell.
    return lambda f: value(f) if f.members_shown else None


def _columns(protected: bool) -> list[tuple[str, str, Callable[[Figures], object]]]:
    """(group, header, value) of each column after the region's name."""
    orgs, members = _("Party organizations"), _("Party members")
    org_cov, work_cov = _("Organization coverage"), _("Work coverage")
    columns = [
        ("", _("Law firms"), lambda f: f.firms),
        ("", _("Lawyers"), lambda f: f.lawyers),
    ]
    if not protected:
        columns += [
            (orgs, _("Organizations"), lambda f: f.org_total),
            *[
                (orgs, str(kind.label), lambda f, kind=kind: f.orgs.get(kind, 0))
                for kind in (
                    OrgKind.FIRM_COMMITTEE,
                    OrgKind.GENERAL_BRANCH,
                    OrgKind.INDEPENDENT_BRANCH,
                    OrgKind.JOINT_BRANCH,
                )
            ],
        ]
    columns += [
        (members, _("Member lawyers"), _members(lambda f: f.members)),
        (members, _("of which probationary"), _members(lambda f: f.probationary_members)),
        (members, _("Share of lawyers (%)"), lambda f: f.member_share),
        (org_cov, _("Firms with members"), lambda f: f.firms_with_members),
        (org_cov, _("Own organization"), lambda f: f.own_org),
        (org_cov, _("In a joint branch"), lambda f: f.joint_branch),
        (org_cov, _("Organization coverage (%)"), lambda f: f.org_coverage_rate),
        (work_cov, _("Work coverage only"), lambda f: f.work_only),
        (work_cov, _("Not covered"), lambda f: f.uncovered),
        (work_cov, _("Work coverage (%)"), lambda f: f.work_coverage_rate),
        ("", _("Party building in the bylaws (%)"), lambda f: f.bylaws_rate),
        ("", _("Should form own organization"), lambda f: f.needs_own_org),
    ]
    if protected:
        label = ngettext(
            "Firms with fewer than %(n)s lawyer (not broken down)",
            "Firms with fewer than %(n)s lawyers (not broken down)",
            min_lawyers(),
        ) % {"n": min_lawyers()}
        columns.append(("", label, lambda f: f.small_firms))
    return columns


def report_table(protected: bool = False) -> tuple[list[str], list[tuple[str, int]]]:
    """Column headers, and the header groups above them (label, number of adjacent columns)."""
    columns = _columns(protected)
    headers = [_("Region"), *[header for _group, header, _value in columns]]
    groups: list[tuple[str, int]] = [("", 1)]
    for group, _header, _value in columns:
        if groups[-1][0] == group:
            groups[-1] = (group, groups[-1][1] + 1)
        else:
            groups.append((group, 1))
    return headers, groups


def _row(label: str, f: Figures) -> list:
    return [label, *[value(f) for _group, _header, value in _columns(f.protected)]]


def report_rows(total: Figures, rows: list[Figures]) -> list[list]:
    """One row per child region, then the total of the whole subtree."""
    return [
        *[_row(str(r.region), r) for r in rows],
        _row(_("Total: %(region)s") % {"region": str(total.region)}, total),
    ]
