"""Member development at national scale: the counts per organization and year for the whole nation (the
committee staff's figure, `selectors.counts`) and the pipeline list's first page, each against
hand-written SQL. The rows are seeded once, when absent, with one set-based INSERT: a few people per
branch over six years, at every stage (firm staff, so no registry rows are needed), chosen by hashing ids
so the same Party data gives the same rows."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

from bench.run import Operation, sql

BENCH_NAME = "基准人员"  # marks the seeded rows
NAME = "recruitment: counts per organization and year (nation)"
LIST_NAME = "recruitment: pipeline, first page (nation)"
BRANCH_KINDS = ("independent_branch", "general_branch", "joint_branch", "firm_committee")

# Stage by the row's number: applicant, activist, probationary (approved), full. Dates from the
# application day `ap` (days after 2019-01-01), as the steps' gaps in the demo.
SEED = """
INSERT INTO recruitment_recruit
    (org_id, person_kind, name, firm_manager, stage, applied_on, activist_on, target_on, admitted_on,
     approved_on, probation_ends_on, extended, full_on, version, created_at)
SELECT o.id, 'staff', %s, false,
       (ARRAY['applicant', 'activist', 'probationary', 'full'])[g %% 4 + 1],
       d.ap,
       CASE WHEN g %% 4 >= 1 THEN d.ap + 90 END,
       CASE WHEN g %% 4 >= 2 THEN d.ap + 470 END,
       CASE WHEN g %% 4 >= 2 THEN d.ap + 590 END,
       CASE WHEN g %% 4 >= 2 THEN d.ap + 615 END,
       CASE WHEN g %% 4 >= 2 THEN d.ap + 955 END,
       false,
       CASE WHEN g %% 4 = 3 THEN d.ap + 975 END,
       0, now()
FROM party_partyorg o
CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(o.id::text || 'recruit')) %% %s) AS g
CROSS JOIN LATERAL (SELECT DATE '2019-01-01' + abs(hashtext(o.id::text || ':' || g::text)) %% 1000 AS ap) d
WHERE o.status = 'active' AND o.kind = ANY(%s)
"""

# The same figure in one scan: each row unpivoted into its five dated measures, grouped.
FLOOR = """
SELECT r.org_id, v.measure, extract(year FROM v.day)::int AS year, count(*)
FROM recruitment_recruit r
JOIN party_partyorg o ON o.id = r.org_id
CROSS JOIN LATERAL (VALUES ('applied', r.applied_on), ('activists', r.activist_on),
                           ('targets', r.target_on),
                           ('admitted', CASE WHEN r.approved_on IS NOT NULL THEN r.admitted_on END),
                           ('full', r.full_on)) AS v(measure, day)
WHERE v.day IS NOT NULL AND o.region_path LIKE %s
GROUP BY 1, 2, 3
"""

LIST_FLOOR = """
SELECT (SELECT count(*) FROM recruitment_recruit r JOIN party_partyorg o ON o.id = r.org_id
        WHERE o.region_path LIKE %s),
       array(SELECT r.id FROM recruitment_recruit r JOIN party_partyorg o ON o.id = r.org_id
             LEFT JOIN registry_lawfirm f ON f.id = r.firm_id
             WHERE o.region_path LIKE %s ORDER BY o.path, r.applied_on DESC, r.id LIMIT 50)
"""


def seed(*, per_org: int = 6) -> int:
    """Seed the rows once (up to `per_org` people a branch); returns how many are there."""
    from lvxie.recruitment.models import Recruit

    if not Recruit.objects.filter(name=BENCH_NAME).exists():
        with connection.cursor() as cursor:
            cursor.execute(SEED, [BENCH_NAME, per_org, list(BRANCH_KINDS)])
    return Recruit.objects.filter(name=BENCH_NAME).count()


def operations(actors: dict, wanted: Callable[[str], bool]) -> list[Operation]:
    if not (wanted(NAME) or wanted(LIST_NAME)):
        return []
    from lvxie.core.scoping import scope_of
    from lvxie.recruitment import selectors
    from lvxie.recruitment.lists import RECRUITS

    seed()
    actor = actors["bench_party"]
    # The actor's Party scope: committee staff over the whole country.
    (path,) = scope_of(actor).party_region_paths

    def listing() -> tuple[int, list[int]]:
        rows = RECRUITS.query(actor, {}).items
        return rows.count(), [r.pk for r in rows[:50]]

    return [
        Operation(NAME, lambda: selectors.counts(actor), sql(FLOOR, [f"{path}%"]), "≤ 3× the SQL floor"),
        Operation(LIST_NAME, listing, sql(LIST_FLOOR, [f"{path}%", f"{path}%"]), "≤ 3× the SQL floor"),
    ]
