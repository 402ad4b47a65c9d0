"""The Party side of the benchmark's national data set (PostgreSQL): industry committees for every city
and district, firm organizations where firms have three or more full members, joint branches for small
firms, memberships for about 42% of all lawyers (the Shanghai share), instructors for firms with no
members, then the coverage summary. Set-based SQL: 300,000 memberships row by row would take minutes.

Choices are made by hashing ids (`hashtext`), so the same registry gives the same Party data.
"""

from collections.abc import Callable

from django.db import connection

from lvxie.audit.services import audit_record
from lvxie.registry.choices import LawyerStatus

from .choices import MemberKind, MemberStatus, OrgKind, OrgStatus
from .coverage import coverage_refresh
from .models import FirmCoverage, Instructor, OrgFirm, PartyMembership, PartyOrg

MEMBER_PER_MILLE = 510  # of practising lawyers in firms: about 42% of all lawyers
JOINT_GROUP = 3  # small firms per joint branch
UNORGANIZED_PER_MILLE = 60  # firms with members left outside any organization (flagged)
NO_INSTRUCTOR_PER_MILLE = 100  # firms with no members left with no instructor (uncovered)

ORG, LINK, MEMBER, INSTRUCTOR = (m._meta.db_table for m in (PartyOrg, OrgFirm, PartyMembership, Instructor))


def _pick(column: str, per_mille: int) -> str:
    """A deterministic draw: true for about per_mille in 1,000 values of the column."""
    return f"(abs(hashtext(({column})::text || 'lvxie')) % 1000) < {per_mille}"


STEPS = [
    (
        "industry committees (cities)",
        f"""
        INSERT INTO {ORG} (name, kind, status, path, region_id, region_path, founded_on)
        SELECT r.name || '律师行业党委', '{OrgKind.INDUSTRY_COMMITTEE}', '{OrgStatus.ACTIVE}', '', r.id,
               r.path, DATE '2016-07-01'
        FROM registry_region r WHERE r.level = 'city'""",
    ),
    ("", f"UPDATE {ORG} SET path = id || '/' WHERE parent_id IS NULL AND path = ''"),
    (
        "industry committees (districts)",
        f"""
        INSERT INTO {ORG} (name, kind, status, parent_id, path, region_id, region_path, founded_on)
        SELECT d.name || '律师行业党委', '{OrgKind.INDUSTRY_COMMITTEE}', '{OrgStatus.ACTIVE}', c.id, '', d.id,
               d.path, DATE '2018-07-01'
        FROM registry_region d JOIN {ORG} c ON c.region_id = d.parent_id AND c.parent_id IS NULL
        WHERE d.level = 'district'""",
    ),
    (
        "",
        f"""UPDATE {ORG} o SET path = p.path || o.id || '/' FROM {ORG} p
             WHERE o.parent_id = p.id AND o.path = ''""",
    ),
    (
        "members chosen",
        f"""
        CREATE TEMP TABLE bench_members ON COMMIT DROP AS
        SELECT l.id AS lawyer_id, l.firm_id,
               CASE WHEN {_pick("l.id * 7", 60)} THEN '{MemberKind.PROBATIONARY}' ELSE '{MemberKind.FULL}' END
                 AS kind
        FROM registry_lawyer l
        WHERE l.firm_id IS NOT NULL AND l.status = '{LawyerStatus.PRACTISING}'
          AND {_pick("l.id", MEMBER_PER_MILLE)}""",
    ),
    (
        "",
        """
        CREATE TEMP TABLE bench_firms ON COMMIT DROP AS
        SELECT f.id, f.name, f.region_id, r.path AS region_path,
               (SELECT count(*) FROM registry_lawyer l WHERE l.firm_id = f.id) AS lawyers,
               count(m.lawyer_id) AS members,
               count(m.lawyer_id) FILTER (WHERE m.kind = 'full') AS full_members
        FROM registry_lawfirm f JOIN registry_region r ON r.id = f.region_id
        LEFT JOIN bench_members m ON m.firm_id = f.id
        GROUP BY f.id, f.name, f.region_id, r.path""",
    ),
    (
        "firm organizations",
        f"""
        INSERT INTO {ORG} (name, kind, status, parent_id, path, region_id, region_path, founded_on)
        SELECT f.name || CASE WHEN f.lawyers >= 100 THEN '党委' WHEN f.lawyers >= 50 THEN '党总支'
                              ELSE '党支部' END,
               CASE WHEN f.lawyers >= 100 THEN '{OrgKind.FIRM_COMMITTEE}'
                    WHEN f.lawyers >= 50 THEN '{OrgKind.GENERAL_BRANCH}'
                    ELSE '{OrgKind.INDEPENDENT_BRANCH}' END,
               '{OrgStatus.ACTIVE}', c.id, 'firm:' || f.id, f.region_id, f.region_path, DATE '2019-07-01'
        FROM bench_firms f
        JOIN {ORG} c ON c.region_id = f.region_id AND c.kind = '{OrgKind.INDUSTRY_COMMITTEE}'
        WHERE f.full_members >= 3 AND NOT {_pick("f.id * 3", UNORGANIZED_PER_MILLE)}""",
    ),
    (
        "",
        f"""
        INSERT INTO {LINK} (org_id, firm_id, since)
        SELECT o.id, substr(o.path, 6)::bigint, DATE '2019-07-01' FROM {ORG} o WHERE o.path LIKE 'firm:%'""",
    ),
    (
        "joint branches",
        f"""
        CREATE TEMP TABLE bench_joint ON COMMIT DROP AS
        SELECT f.id AS firm_id, f.region_id, f.region_path,
               (row_number() OVER (PARTITION BY f.region_id ORDER BY f.id) - 1) / {JOINT_GROUP} AS grp
        FROM bench_firms f
        WHERE f.members > 0 AND f.full_members < 3 AND NOT {_pick("f.id * 5", UNORGANIZED_PER_MILLE)}""",
    ),
    (
        "",
        f"""
        INSERT INTO {ORG} (name, kind, status, parent_id, path, region_id, region_path, founded_on)
        SELECT r.name || '律师行业第' || (j.grp + 1) || '联合党支部', '{OrgKind.JOINT_BRANCH}',
               '{OrgStatus.ACTIVE}',
               c.id, 'joint:' || j.region_id || ':' || j.grp, j.region_id, j.region_path, DATE '2020-07-01'
        FROM (SELECT DISTINCT region_id, region_path, grp FROM bench_joint) j
        JOIN registry_region r ON r.id = j.region_id
        JOIN {ORG} c ON c.region_id = j.region_id AND c.kind = '{OrgKind.INDUSTRY_COMMITTEE}'""",
    ),
    (
        "",
        f"""
        INSERT INTO {LINK} (org_id, firm_id, since)
        SELECT o.id, j.firm_id, DATE '2020-07-01' FROM bench_joint j
        JOIN {ORG} o ON o.path = 'joint:' || j.region_id || ':' || j.grp""",
    ),
    (
        "",
        f"""UPDATE {ORG} o SET path = p.path || o.id || '/' FROM {ORG} p
             WHERE o.parent_id = p.id AND (o.path LIKE 'firm:%' OR o.path LIKE 'joint:%')""",
    ),
    (
        "memberships",
        # (joined the Party by 2021-04, before joining the organization on 2021-07-01, as the model asks)
        f"""
        INSERT INTO {MEMBER} (lawyer_id, org_id, kind, status, joined_party_on, joined_on, note)
        SELECT m.lawyer_id, coalesce(k.org_id, c.id), m.kind, '{MemberStatus.ACTIVE}',
               DATE '2000-07-01' + (abs(hashtext(m.lawyer_id::text)) % 7600), DATE '2021-07-01', ''
        FROM bench_members m
        JOIN registry_lawfirm f ON f.id = m.firm_id
        JOIN {ORG} c ON c.region_id = f.region_id AND c.kind = '{OrgKind.INDUSTRY_COMMITTEE}'
        LEFT JOIN {LINK} k ON k.firm_id = m.firm_id AND k.until IS NULL""",
    ),
    (
        "secretaries",
        f"""
        UPDATE {ORG} o SET secretary_id = s.lawyer_id
        FROM (SELECT org_id, min(lawyer_id) AS lawyer_id FROM {MEMBER} GROUP BY org_id) s
        WHERE s.org_id = o.id AND o.kind <> '{OrgKind.INDUSTRY_COMMITTEE}'""",
    ),
    (
        "instructors",
        f"""
        INSERT INTO {INSTRUCTOR} (name, org_id, firm_id, phone, started_on)
        SELECT '指导员' || f.id, c.id, f.id, '', DATE '2022-03-01'
        FROM bench_firms f
        JOIN {ORG} c ON c.region_id = f.region_id AND c.kind = '{OrgKind.INDUSTRY_COMMITTEE}'
        WHERE f.members = 0 AND NOT {_pick("f.id * 11", NO_INSTRUCTOR_PER_MILLE)}""",
    ),
]


def seed(*, report: Callable[[str, int], None]) -> dict[str, int]:
    """Add the Party side to the national registry (inside the caller's transaction)."""
    with connection.cursor() as cursor:
        for step, sql in STEPS:
            cursor.execute(sql)
            if step:
                report(step, cursor.rowcount)
    report("coverage rows", coverage_refresh())
    counts = {
        "party_orgs": PartyOrg.objects.count(),
        "memberships": PartyMembership.objects.count(),
        "instructors": Instructor.objects.count(),
        "coverage_rows": FirmCoverage.objects.count(),
    }
    audit_record(actor=None, action="seed.national.party", object_type="party.partyorg", after=counts)
    return counts
