"""The two coverages (两个覆盖) per firm, and the region figures added up from them.

`FirmCoverage` holds one row per firm. Every service that changes an input (memberships, organizations
and their firms, instructors) calls `coverage_refresh` for just the firms it touched, in its own
transaction; the registry's firms and lawyers announce their changes with `lvxie.registry.signals`, which
`registry_changed` receives (connected in PartyConfig.ready), in the registry's transaction. Reports then
need one GROUP BY over the rows of a subtree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from lvxie.core.statements import Statements
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
from .models import FirmCoverage, Instructor, OrgFirm, PartyMembership, PartyOrg, RegionCoverage

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


def coverage_refresh(
    *,
    firm_ids: Iterable[int | None] | None = None,  # a lawyer's firm_id may be None: skipped
    orgs_added: Iterable[PartyOrg] = (),
    orgs_ended: Iterable[PartyOrg] = (),
) -> int:
    """Bring the stored rows of these firms up to date and add the difference to their regions' rows,
    counting organizations founded (`orgs_added`) or ended (`orgs_ended`) too; None: recount every firm
    and rebuild every region row. The caller holds the transaction. Returns the firm rows that changed."""
    if firm_ids is None:
        rows = list(compute_rows().values())
        _save_firm_rows(rows)
        _rebuild_regions()
        return len(rows)
    ids = sorted({pk for pk in firm_ids if pk is not None})
    # Lock the firms (in id order, so two refreshes cannot deadlock): a concurrent change to the same
    # firm waits, then recounts with this one's data committed, so no stale count wins.
    # (their stored rows come in the same statement: a transfer, an edit, pay one round trip for both)
    old = {}
    for firm in _locked_firms(ids):
        if hasattr(firm, "coverage"):  # (a firm not yet counted has none)
            old[firm.pk] = firm.coverage
    rows = list(compute_rows(ids).values())
    # Most writes (a phone number, a name) leave the firm's figures as they were: nothing to store.
    changed = [row for row in rows if row.firm_id not in old or _differing(old[row.firm_id], row)]
    _save_firm_rows(changed)
    changes: dict[str, Figures] = defaultdict(Figures)
    for row in changed:
        if row.firm_id in old:
            before = old[row.firm_id]
            changes[before.region_path].add(firm_figures(before), sign=-1)
        changes[row.region_path].add(firm_figures(row))
    for orgs, sign in ((orgs_added, 1), (orgs_ended, -1)):
        for org in orgs:
            changes[org.region_path].add(Figures(orgs={org.kind: 1}), sign=sign)
    _add_to_regions(changes)
    return len(changed)


def _locked(*ids: int):
    stored = [f"coverage__{field.name}" for field in FirmCoverage._meta.concrete_fields]
    locked = LawFirm.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
    return locked.select_related("coverage").only("pk", *stored)


def _locked_firms(ids: list[int]) -> list[LawFirm]:
    """The firms locked, with their stored rows. A change of one or a few firms (a transfer, an edit) is
    on the path of every write: its statement is compiled once per number of firms (core.statements)."""
    if len(ids) > 8:
        return list(_locked(*ids))
    return _STATEMENTS.rows(("locked", len(ids)), _locked, *ids)


# What a firm's figures count of its lawyers (_recount_query): a change to anything else (a phone, a
# name) leaves them as they are.
COUNTED_LAWYER_FIELDS = frozenset({"firm", "status"})


def registry_changed(
    sender, *, firm_ids: Iterable[int | None], fields: Iterable[str] | None = None, **kwargs
) -> None:
    """The receiver of the registry's `firms_changed` and `lawyers_changed`: recount those firms, unless
    the change names its fields and none of them is counted."""
    if fields is not None and not COUNTED_LAWYER_FIELDS.intersection(fields):
        return
    coverage_refresh(firm_ids=firm_ids)


def _differing(stored: FirmCoverage, recounted: FirmCoverage) -> list[tuple[str, object, object]]:
    """(field, stored, recounted) for each summary figure of one firm that differs."""
    differences = []
    for name in FirmCoverage.SUMMARY_FIELDS:
        attname = FirmCoverage._meta.get_field(name).attname  # type: ignore[union-attr]  # summary columns
        if getattr(stored, attname) != getattr(recounted, attname):
            differences.append((name, getattr(stored, attname), getattr(recounted, attname)))
    return differences


def _save_firm_rows(rows: list[FirmCoverage]) -> None:
    FirmCoverage.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["firm"],
        update_fields=[f for f in FirmCoverage.SUMMARY_FIELDS],
    )


def firm_figures(row: FirmCoverage) -> Figures:
    """One firm's part in its region's figures: the one place the figures are defined."""
    if not row.counted:
        return Figures()
    organized = row.state in ORG_COVERED
    return Figures(
        firms=1,
        own_org=int(row.state == CoverageState.OWN_ORG),
        joint_branch=int(row.state == CoverageState.JOINT_BRANCH),
        work_only=int(row.state == CoverageState.WORK_ONLY),
        uncovered=int(row.state == CoverageState.NONE),
        firms_with_members=int(row.members > 0),
        organized_with_members=int(row.members > 0 and organized),
        needs_own_org=int(row.needs_own_org),
        members_unorganized=int(row.members_unorganized),
        in_bylaws=int(row.in_bylaws),
        lawyers=row.lawyers,
        members=row.members,
        full_members=row.full_members,
    )


_UPSERT_BATCH = 500  # rows per statement: SQLite allows so many parameters in one


def _add_to_regions(changes: dict[str, Figures]) -> None:
    """Add each region's difference to its row in one statement: an increment re-reads the row under its
    lock, so two writes in one district both count (in path order, so they cannot deadlock)."""
    values = [(path, *figures.columns()) for path, figures in sorted(changes.items())]
    values = [row for row in values if any(row[1:])]
    if not values:
        return
    table = RegionCoverage._meta.db_table
    columns = ", ".join(REGION_COLUMNS)
    increments = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in REGION_COLUMNS)
    one = "(" + ", ".join(["%s"] * (len(REGION_COLUMNS) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(values), _UPSERT_BATCH):
            batch = values[start : start + _UPSERT_BATCH]
            rows = ", ".join([one] * len(batch))
            upsert = f"ON CONFLICT (region_path) DO UPDATE SET {increments}"
            sql = f"INSERT INTO {table} (region_path, {columns}) VALUES {rows} {upsert}"  # noqa: S608 (model names)
            cursor.execute(sql, [value for row in batch for value in row])  # type: ignore[misc]  # paths and counts


def _expected_regions() -> dict[str, Figures]:
    """Every region's figures added up from the stored firm rows and the active organizations."""
    totals: dict[str, Figures] = defaultdict(Figures)
    for row in FirmCoverage.objects.all().iterator(chunk_size=5000):
        totals[row.region_path].add(firm_figures(row))
    orgs = PartyOrg.objects.filter(status=OrgStatus.ACTIVE).values_list("region_path", "kind")
    for path, kind, n in orgs.annotate(n=Count("id")).order_by():
        totals[path].orgs[kind] = n
    return totals


def _rebuild_regions() -> None:
    RegionCoverage.objects.all().delete()
    RegionCoverage.objects.bulk_create(
        [
            RegionCoverage(region_path=path, **dict(zip(REGION_COLUMNS, figures.columns(), strict=True)))
            for path, figures in sorted(_expected_regions().items())
        ],
        batch_size=1000,
    )


def coverage_differences() -> list[tuple[str, str, object, object]]:
    """(firm or region, field, stored, recounted) for every stored figure that a full recount disagrees
    with, and for missing rows (field "row")."""
    expected = compute_rows()
    stored = {row.firm_id: row for row in FirmCoverage.objects.all()}
    differences: list[tuple[str, str, object, object]] = []
    for firm_id, row in expected.items():
        have = stored.pop(firm_id, None)
        if have is None:
            differences.append((f"firm {firm_id}", "row", None, "missing"))
            continue
        differences += [(f"firm {firm_id}", *difference) for difference in _differing(have, row)]
    differences += [(f"firm {firm_id}", "row", "extra", None) for firm_id in stored]
    if differences:
        return differences  # the region rows are added up from the firm rows: fix those first
    regions = {row[0]: row[1:] for row in RegionCoverage.objects.values_list("region_path", *REGION_COLUMNS)}
    for path, figures in sorted(_expected_regions().items()):
        have = regions.pop(path, (0,) * len(REGION_COLUMNS))
        for name, stored_n, expected_n in zip(REGION_COLUMNS, have, figures.columns(), strict=True):
            if stored_n != expected_n:
                differences.append((f"region {path}", name, stored_n, expected_n))
    for path, have in regions.items():  # rows of regions with nothing left: zeros are right
        differences += [(f"region {path}", n, v, 0) for n, v in zip(REGION_COLUMNS, have, strict=True) if v]
    return differences


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
    # Only in the protected view (`protected_region_figures`): the firms too small to be broken down,
    # and the lawyers of the regions whose member figures are shown (the base of the member share).
    protected: bool = False
    small_firms: int = 0
    member_base: int = 0

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

    def add(self, other: Figures, *, sign: int = 1) -> None:
        for name in (*self.COUNTS, "small_firms", "member_base"):
            setattr(self, name, getattr(self, name) + sign * getattr(other, name))
        for kind, n in other.orgs.items():
            self.orgs[kind] = self.orgs.get(kind, 0) + sign * n

    def columns(self) -> tuple[int, ...]:
        """The figures in the order of `REGION_COLUMNS`."""
        return (
            *(getattr(self, name) for name in self.COUNTS),
            *(self.orgs.get(k, 0) for k in OrgKind.values),
        )

    @classmethod
    def from_columns(cls, values: Iterable[int]) -> Figures:
        figures = cls()
        for name, n in zip(REGION_COLUMNS, values, strict=True):
            if name in cls.COUNTS:
                setattr(figures, name, n or 0)
            elif n:
                figures.orgs[name.removeprefix("orgs_")] = n
        return figures

    @property
    def probationary_members(self) -> int:
        return self.members - self.full_members

    @property
    def org_total(self) -> int:
        """Organizations in firms (the seeds' total: committees, general, independent and joint
        branches); industry committees and temporary branches are listed apart."""
        return sum(self.orgs.get(kind, 0) for kind in (*OWN_KINDS, OrgKind.JOINT_BRANCH))

    @property
    def broken_down(self) -> int:
        """The firms counted in the coverage states and rates (all of them on the Party side)."""
        return self.firms - self.small_firms

    @property
    def members_shown(self) -> bool:
        return not self.protected or self.member_base > 0

    @property
    def member_share(self) -> float | None:
        return _ratio(self.members, self.member_base if self.protected else self.lawyers)

    @property
    def org_coverage_rate(self) -> float | None:
        """组织覆盖率: firms with members that have their own organization or sit in a joint branch, of all
        firms with members."""
        return _ratio(self.organized_with_members, self.firms_with_members)

    @property
    def work_coverage_rate(self) -> float | None:
        """工作覆盖率: firms with an organization or an instructor, of all firms."""
        return _ratio(self.broken_down - self.uncovered, self.broken_down)

    @property
    def bylaws_rate(self) -> float | None:
        return _ratio(self.in_bylaws, self.firms)


# The report's two reads, compiled once (core.statements): at a click on a district, Django's building
# of the grouped query cost several times PostgreSQL's sum of a few hundred rows.
_STATEMENTS = Statements()


def _children(region: Region) -> list[Region]:
    return _STATEMENTS.rows(
        ("children",), lambda pk: Region.objects.filter(parent_id=pk).order_by("path"), region.pk
    )


def region_figures(region: Region) -> tuple[Figures, list[Figures]]:
    """The subtree's totals and one row per child region (none for a district): one grouped query over
    the region rows, whatever the size of the subtree."""
    depth = region.depth + 1
    children = {child.path: Figures(region=child) for child in _children(region)}
    total = Figures(region=region)
    # Group by the child's path prefix in the database when the children's paths have one length (codes of
    # one level usually do), so a country's report gets 31 groups, not 3,000 districts; else by full path.
    lengths = {len(path) for path in children} or {len(region.path)}
    sums = {f"sum_{name}": Sum(name) for name in REGION_COLUMNS}

    def grouped(path: str, *width: int):
        key = Substr("region_path", 1, width[0]) if width else F("region_path")
        return (
            RegionCoverage.objects.filter(region_path__startswith=path)
            .values(key=key)
            .annotate(**sums)
            .order_by()
        )

    widths = (lengths.pop(),) if len(lengths) == 1 else ()
    for row in _STATEMENTS.rows(("region sums", len(widths)), grouped, region.path, *widths):
        figures = Figures.from_columns(row[name] for name in sums)
        total.add(figures)
        child = children.get("/".join(row["key"].split("/")[:depth]) + "/")
        if child is not None:
            child.add(figures)
    return total, list(children.values())


#
# Roles outside the Party side (city and district administrators) see coverage only in a form that
# cannot single out a member. A firm's coverage state says something about its lawyers: in a firm of one
# lawyer, "in a joint branch" all but names a member. So, for them:
# - a firm's state (and every firm-level figure: coverage states, firms with members, should form its own
#   organization, the rates) counts only firms with at least LVXIE_COVERAGE_MIN_LAWYERS lawyers; the
#   smaller firms are one undivided count. The region figures are then exactly the sum of the firms the
#   drill-down lists, so no subtraction of the list from a total tells anything about a small firm;
# - member figures (members, probationary, share) add up only the regions (firm rows are kept per
#   district) with at least that many lawyers and neither none nor all of them members; a total is the
#   sum of those regions, so subtracting the shown regions from it gives nothing either;
# - organizations by kind are not shown (their difference from the listed firms would count the small
#   firms with their own organization).


def min_lawyers() -> int:
    """The smallest firm, or group of lawyers, whose coverage a role outside the Party side sees."""
    return max(1, settings.LVXIE_COVERAGE_MIN_LAWYERS)


def members_disclosable(*, lawyers: int, members: int) -> bool:
    """May the member count of a group of lawyers be shown outside the Party side? Not for a small
    group, and not when it says of every lawyer in the group that they are (or are not) a member."""
    return lawyers >= min_lawyers() and 0 < members < lawyers


def protected_region_figures(region: Region) -> tuple[Figures, list[Figures]]:
    """The subtree's totals and one row per child region as roles outside the Party side see them (see
    above): two grouped queries, over the subtree's region rows and over its firms large enough to show."""
    depth = region.depth + 1
    children = {child.path: Figures(region=child, protected=True) for child in _children(region)}
    total = Figures(region=region, protected=True)

    def place(path: str, figures: Figures) -> None:
        total.add(figures)
        child = children.get("/".join(path.split("/")[:depth]) + "/")
        if child is not None:
            child.add(figures)

    region_rows = RegionCoverage.objects.filter(region_path__startswith=region.path).values_list(
        "region_path", "firms", "lawyers", "in_bylaws", "members", "full_members"
    )
    for path, firms, lawyers, in_bylaws, members, full in region_rows:
        figures = Figures(firms=firms, small_firms=firms, lawyers=lawyers, in_bylaws=in_bylaws)
        if members_disclosable(lawyers=lawyers, members=members):
            figures.members, figures.full_members, figures.member_base = members, full, lawyers
        place(path, figures)
    flags = {
        "own_org": Q(state=CoverageState.OWN_ORG),
        "joint_branch": Q(state=CoverageState.JOINT_BRANCH),
        "work_only": Q(state=CoverageState.WORK_ONLY),
        "uncovered": Q(state=CoverageState.NONE),
        "firms_with_members": Q(members__gt=0),
        "organized_with_members": Q(members__gt=0, state__in=ORG_COVERED),
        "needs_own_org": Q(needs_own_org=True),
        "members_unorganized": Q(members_unorganized=True),
    }
    large = (
        FirmCoverage.objects.filter(
            region_path__startswith=region.path, counted=True, lawyers__gte=min_lawyers()
        )
        .values("region_path")
        .annotate(n=Count("pk"), **{name: Count("pk", filter=q) for name, q in flags.items()})
        .order_by()
    )
    for row in large:
        place(row["region_path"], Figures(small_firms=-row["n"], **{name: row[name] for name in flags}))
    return total, list(children.values())


# The columns of a region row, in the order of `Figures.columns`.
REGION_COLUMNS = (*Figures.COUNTS, *(f"orgs_{kind}" for kind in OrgKind.values))
