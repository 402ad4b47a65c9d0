"""The two coverages (两个覆盖) per firm, and the region figures added up from them.

`FirmCoverage` holds one row per firm. Every service that changes an input (memberships, organizations
and their firms, instructors, and the registry's firms and lawyers) calls `coverage_refresh` for just
the firms it touched, in its own transaction. Reports then need one GROUP BY over the rows of a subtree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from lvxie.registry.choices import FirmKind, FirmStatus, LawyerStatus
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import (
    ORG_COVERED,
    OWN_KINDS,
    OWN_ORG_THRESHOLD,
    CoverageState,
    MemberKind,
    MemberStatus,
    OrgKind,
    OrgStatus,
)
from .models import FirmCoverage, Instructor, OrgFirm, PartyMembership, PartyOrg

UNCOUNTED_KINDS = (FirmKind.FOREIGN_REP,)


def coverage_state(*, org_kind: str | None, has_instructor: bool) -> str:
    """Own organization beats a joint branch; an instructor gives work coverage only where no
    organization covers the firm."""
    if org_kind in OWN_KINDS:
        return CoverageState.OWN_ORG
    if org_kind == OrgKind.JOINT_BRANCH:
        return CoverageState.JOINT_BRANCH
    return CoverageState.WORK_ONLY if has_instructor else CoverageState.NONE


def _recount_query(firm_ids: list[int] | None) -> tuple[str, list]:
    """One query for the raw inputs of every firm's row (or these firms'): a write recounts its firm in
    about a millisecond, and the full recount is one pass over each table. Each derived table carries
    the firm filter itself, because PostgreSQL does not push an IN list through a GROUP BY."""
    tables = {
        "firm": LawFirm._meta.db_table,
        "region": Region._meta.db_table,
        "lawyer": Lawyer._meta.db_table,
        "member": PartyMembership._meta.db_table,
        "link": OrgFirm._meta.db_table,
        "org": PartyOrg._meta.db_table,
        "instructor": Instructor._meta.db_table,
    }
    only, only_params = "", []
    if firm_ids is not None:
        only = f" AND {{column}} IN ({', '.join(['%s'] * len(firm_ids))})"
        only_params = list(firm_ids)
    sql = f"""
        SELECT f.id, r.path, f.status, f.kind, f.party_building_in_bylaws,
               lc.n, mc.full_n, mc.all_n, link.org_id, link.kind, ins.firm_id
        FROM {tables["firm"]} f JOIN {tables["region"]} r ON r.id = f.region_id
        LEFT JOIN (SELECT firm_id, COUNT(*) AS n FROM {tables["lawyer"]}
                   WHERE status = %s AND firm_id IS NOT NULL{only.format(column="firm_id")}
                   GROUP BY firm_id) lc ON lc.firm_id = f.id
        LEFT JOIN (SELECT l.firm_id, SUM(CASE WHEN m.kind = %s THEN 1 ELSE 0 END) AS full_n,
                          COUNT(*) AS all_n
                   FROM {tables["member"]} m JOIN {tables["lawyer"]} l ON l.id = m.lawyer_id
                   WHERE m.status = %s AND m.kind IN (%s, %s) AND l.status = %s
                         AND l.firm_id IS NOT NULL{only.format(column="l.firm_id")}
                   GROUP BY l.firm_id) mc ON mc.firm_id = f.id
        LEFT JOIN (SELECT x.firm_id, o.id AS org_id, o.kind FROM {tables["link"]} x
                   JOIN {tables["org"]} o ON o.id = x.org_id
                   WHERE x.until IS NULL AND o.status = %s{only.format(column="x.firm_id")}) link
               ON link.firm_id = f.id
        LEFT JOIN (SELECT DISTINCT firm_id FROM {tables["instructor"]}
                   WHERE ended_on IS NULL{only.format(column="firm_id")}) ins ON ins.firm_id = f.id
        WHERE 1 = 1{only.format(column="f.id")}
    """  # noqa: S608 (table names from the models, values as parameters)
    params = [
        LawyerStatus.PRACTISING, *only_params,
        MemberKind.FULL, MemberStatus.ACTIVE, MemberKind.FULL, MemberKind.PROBATIONARY,
        LawyerStatus.PRACTISING, *only_params,
        OrgStatus.ACTIVE, *only_params,
        *only_params,
        *only_params,
    ]  # fmt: skip
    return sql, params


def compute_rows(firm_ids: Iterable[int] | None = None) -> dict[int, FirmCoverage]:
    """Coverage rows recomputed from the raw tables, for these firms (None: every firm)."""
    ids = None
    if firm_ids is not None:
        ids = sorted(set(firm_ids) - {None})
        if not ids:
            return {}
    sql, params = _recount_query(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    rows = {}
    for (
        firm_id,
        region_path,
        status,
        kind,
        bylaws,
        lawyers,
        full,
        total,
        org_id,
        org_kind,
        instructed,
    ) in found:
        full, total, has_instructor = int(full or 0), int(total or 0), instructed is not None
        state = coverage_state(org_kind=org_kind, has_instructor=has_instructor)
        rows[firm_id] = FirmCoverage(
            firm_id=firm_id,
            region_path=region_path,
            counted=status != FirmStatus.DISSOLVED and kind not in UNCOUNTED_KINDS,
            state=state,
            org_id=org_id,
            lawyers=lawyers or 0,
            members=total,
            full_members=full,
            has_instructor=has_instructor,
            in_bylaws=bool(bylaws),
            needs_own_org=full >= OWN_ORG_THRESHOLD and state != CoverageState.OWN_ORG,
            members_unorganized=total > 0 and state not in ORG_COVERED,
        )
    return rows


def coverage_refresh(*, firm_ids: Iterable[int] | None = None) -> int:
    """Bring the stored rows of these firms (None: all) up to date; the caller holds the transaction.
    Returns the number of rows written."""
    if firm_ids is not None:
        firm_ids = sorted(set(firm_ids) - {None})
        # Lock the firms (in id order, so two refreshes cannot deadlock): a concurrent change to the same
        # firm waits, then recounts with this one's data committed, so no stale count wins.
        list(LawFirm.objects.select_for_update().filter(pk__in=firm_ids).order_by("pk").values_list("pk"))
    rows = list(compute_rows(firm_ids).values())
    FirmCoverage.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["firm"],
        update_fields=[f for f in FirmCoverage.SUMMARY_FIELDS],
    )
    return len(rows)


def coverage_differences() -> list[tuple[int, str, object, object]]:
    """(firm id, field, stored, recounted) for every stored figure that a full recount disagrees with,
    and for missing rows (field "row")."""
    expected = compute_rows()
    stored = {row.firm_id: row for row in FirmCoverage.objects.all()}
    differences = []
    for firm_id, row in expected.items():
        have = stored.pop(firm_id, None)
        if have is None:
            differences.append((firm_id, "row", None, "missing"))
            continue
        for name in FirmCoverage.SUMMARY_FIELDS:
            attname = FirmCoverage._meta.get_field(name).attname
            if getattr(have, attname) != getattr(row, attname):
                differences.append((firm_id, name, getattr(have, attname), getattr(row, attname)))
    differences += [(firm_id, "row", "extra", None) for firm_id in stored]
    return differences


# Region figures -------------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass
class Figures:
    """The coverage figures of one region subtree, in the layout of the seeds' statistics."""

    region: Region | None = None
    firms: int = 0
    own_org: int = 0
    joint_branch: int = 0
    work_only: int = 0
    uncovered: int = 0
    firms_with_members: int = 0
    organized_with_members: int = 0
    needs_own_org: int = 0
    members_unorganized: int = 0
    in_bylaws: int = 0
    lawyers: int = 0
    members: int = 0
    full_members: int = 0
    orgs: dict[str, int] = field(default_factory=dict)

    COUNTS = (
        "firms",
        "own_org",
        "joint_branch",
        "work_only",
        "uncovered",
        "firms_with_members",
        "organized_with_members",
        "needs_own_org",
        "members_unorganized",
        "in_bylaws",
        "lawyers",
        "members",
        "full_members",
    )

    def add(self, other: Figures) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, n in other.orgs.items():
            self.orgs[kind] = self.orgs.get(kind, 0) + n

    @property
    def probationary_members(self) -> int:
        return self.members - self.full_members

    @property
    def org_total(self) -> int:
        """Organizations in firms (the seeds' total: committees, general, independent and joint
        branches); industry committees and temporary branches are listed apart."""
        return sum(self.orgs.get(kind, 0) for kind in (*OWN_KINDS, OrgKind.JOINT_BRANCH))

    @property
    def member_share(self) -> float | None:
        return _ratio(self.members, self.lawyers)

    @property
    def org_coverage_rate(self) -> float | None:
        """组织覆盖率: firms with members that have their own organization or sit in a joint branch, of all
        firms with members."""
        return _ratio(self.organized_with_members, self.firms_with_members)

    @property
    def work_coverage_rate(self) -> float | None:
        """工作覆盖率: firms with an organization or an instructor, of all firms."""
        return _ratio(self.firms - self.uncovered, self.firms)

    @property
    def bylaws_rate(self) -> float | None:
        return _ratio(self.in_bylaws, self.firms)


def region_figures(region: Region) -> tuple[Figures, list[Figures]]:
    """The subtree's totals and one row per child region (none for a district). Two grouped queries
    over the summary rows and the organizations, whatever the size of the subtree."""
    depth = region.depth + 1
    children = {child.path: Figures(region=child) for child in region.children.order_by("path")}
    total = Figures(region=region)

    def bucket(path: str) -> Figures | None:
        return children.get("/".join(path.split("/")[:depth]) + "/")

    # Group by the child's path prefix in the database when the children's paths have one length (codes of
    # one level usually do), so a country's report gets 31 groups, not 3,000 districts; else by full path.
    lengths = {len(path) for path in children} or {len(region.path)}
    key = Substr("region_path", 1, lengths.pop()) if len(lengths) == 1 else F("region_path")
    rows = (
        FirmCoverage.objects.filter(region_path__startswith=region.path, counted=True)
        .values(key=key)
        .annotate(
            firms=Count("pk"),
            own_org=Count("pk", filter=Q(state=CoverageState.OWN_ORG)),
            joint_branch=Count("pk", filter=Q(state=CoverageState.JOINT_BRANCH)),
            work_only=Count("pk", filter=Q(state=CoverageState.WORK_ONLY)),
            uncovered=Count("pk", filter=Q(state=CoverageState.NONE)),
            firms_with_members=Count("pk", filter=Q(members__gt=0)),
            organized_with_members=Count("pk", filter=Q(members__gt=0, state__in=ORG_COVERED)),
            needs_own_org_n=Count("pk", filter=Q(needs_own_org=True)),
            members_unorganized_n=Count("pk", filter=Q(members_unorganized=True)),
            in_bylaws_n=Count("pk", filter=Q(in_bylaws=True)),
            lawyers_n=Sum("lawyers"),
            members_n=Sum("members"),
            full_members_n=Sum("full_members"),
        )
        .order_by()
    )
    for row in rows:
        figures = Figures(
            firms=row["firms"],
            own_org=row["own_org"],
            joint_branch=row["joint_branch"],
            work_only=row["work_only"],
            uncovered=row["uncovered"],
            firms_with_members=row["firms_with_members"],
            organized_with_members=row["organized_with_members"],
            needs_own_org=row["needs_own_org_n"],
            members_unorganized=row["members_unorganized_n"],
            in_bylaws=row["in_bylaws_n"],
            lawyers=row["lawyers_n"] or 0,
            members=row["members_n"] or 0,
            full_members=row["full_members_n"] or 0,
        )
        total.add(figures)
        child = bucket(row["key"])
        if child is not None:
            child.add(figures)
    orgs = (
        PartyOrg.objects.filter(region_path__startswith=region.path, status=OrgStatus.ACTIVE)
        .values_list(key, "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for path, kind, n in orgs:
        for figures in (total, bucket(path)):
            if figures is not None:
                figures.orgs[kind] = figures.orgs.get(kind, 0) + n
    return total, list(children.values())
