"""Discipline's benchmark: the oversight figures of the whole nation (cases by stage, source and conduct,
the open ones by age and past their clock, the median working days per stage, complaints by status)
through `discipline.selectors.oversight`, against the same figures in hand-written SQL. Seeds its own
rows once, cheaply (bulk inserts, no services), when the national data set has no cases."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Callable

CASES = 20_000  # about one case per 30 lawyers a year, at national scale
SEED = 16


def seed_cases(count: int = CASES, *, seed: int = SEED) -> int:
    """`count` cases over the last two years spread over the lawyers, each with its stages (those it
    has passed through, with their working days) and, while open, its running clock."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from lvxie.complaints.choices import ConductKind
    from lvxie.discipline.choices import CaseSource, CaseStatus
    from lvxie.discipline.models import CaseStage, DisciplinaryCase
    from lvxie.discipline.services import STAGE_DAYS
    from lvxie.registry.models import Lawyer
    from lvxie.workflow.models import Clock

    rng = random.Random(seed)
    stages = list(CaseStatus)
    lawyers = list(Lawyer.objects.order_by("id").values_list("id", "region_id")[: count * 3])
    now = timezone.now()
    picked = rng.sample(lawyers, min(count, len(lawyers)))
    cases = [
        DisciplinaryCase(
            number=f"BENCH-{i:07d}",
            source=rng.choice(CaseSource.values),
            lawyer_id=lawyer_id,
            region_id=region_id,
            conduct=rng.choice(ConductKind.values),
            summary="bench",
            facts="bench",
            status=rng.choice(stages),
            opened_at=now - dt.timedelta(days=rng.randint(0, 730), hours=rng.randint(0, 23)),
        )
        for i, (lawyer_id, region_id) in enumerate(picked)
    ]
    DisciplinaryCase.objects.bulk_create(cases, batch_size=2000)
    rows, clocks = [], []
    kind = ContentType.objects.get_for_model(DisciplinaryCase)
    for case in DisciplinaryCase.objects.filter(number__startswith="BENCH-").only(
        "id", "status", "opened_at"
    ):
        at = case.opened_at
        for state in stages[: stages.index(CaseStatus(case.status)) + 1]:
            days = rng.randint(1, 40)
            done = state != case.status or state == CaseStatus.FINAL
            left = at + dt.timedelta(days=days) if done else None
            rows.append(CaseStage(case_id=case.pk, state=state, entered_at=at, left_at=left,
                                  working_days=days * 5 // 7 if done else None))  # fmt: skip
            if not done:
                due = (at + dt.timedelta(days=STAGE_DAYS[state] * 7 // 5)).date()
                clocks.append(Clock(content_type=kind, object_id=str(case.pk), budget_days=STAGE_DAYS[state],
                                    started_at=at, due_on=due))  # fmt: skip
            at = left or at
    CaseStage.objects.bulk_create(rows, batch_size=5000)
    Clock.objects.bulk_create(clocks, batch_size=5000)
    by_case = {
        int(c.object_id): c.pk for c in Clock.objects.filter(content_type=kind).only("id", "object_id")
    }
    DisciplinaryCase.objects.bulk_update(
        [DisciplinaryCase(pk=pk, clock_id=clock) for pk, clock in by_case.items()], ["clock"], batch_size=2000
    )
    return len(cases)


FLOOR = {
    "groups": "SELECT c.status, c.source, c.conduct, count(*) FROM discipline_disciplinarycase c "
    "JOIN registry_region r ON r.id = c.region_id WHERE r.path LIKE %s GROUP BY 1, 2, 3",
    "ageing": "SELECT count(*) FILTER (WHERE c.opened_at >= %s), "
    "count(*) FILTER (WHERE c.opened_at < %s AND c.opened_at >= %s), "
    "count(*) FILTER (WHERE c.opened_at < %s AND c.opened_at >= %s), "
    "count(*) FILTER (WHERE c.opened_at < %s AND c.opened_at >= %s), "
    "count(*) FILTER (WHERE c.opened_at < %s), "
    "count(*) FILTER (WHERE k.state = 'running' AND k.due_on < %s) "
    "FROM discipline_disciplinarycase c JOIN registry_region r ON r.id = c.region_id "
    "LEFT JOIN workflow_clock k ON k.id = c.clock_id WHERE r.path LIKE %s AND c.status <> 'final'",
    "medians": "SELECT s.state, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.working_days) "
    "FROM discipline_casestage s JOIN discipline_disciplinarycase c ON c.id = s.case_id "
    "JOIN registry_region r ON r.id = c.region_id "
    "WHERE r.path LIKE %s AND s.left_at IS NOT NULL AND s.state <> 'final' GROUP BY 1",
    "complaints": "SELECT c.status, count(*) FROM complaints_complaint c "
    "JOIN registry_region r ON r.id = c.region_id WHERE r.path LIKE %s GROUP BY 1",
}


def floor_figures(region, today: dt.date) -> dict[str, list]:
    """The oversight figures of `region`'s subtree in hand-written SQL (PostgreSQL)."""
    from django.db import connection
    from django.utils import timezone

    from lvxie.discipline.selectors import months_before

    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    e1, e3, e6, e12 = (months_before(start, m) for m in (1, 3, 6, 12))
    like = f"{region.path}%"
    params = {
        "groups": [like],
        "ageing": [e1, e1, e3, e3, e6, e6, e12, e12, today, like],
        "medians": [like],
        "complaints": [like],
    }
    found = {}
    with connection.cursor() as cursor:
        for name, query in FLOOR.items():
            cursor.execute(query, params[name])
            found[name] = cursor.fetchall()
    return found


def bench_officer():
    from lvxie.access.services import role_assign
    from lvxie.accounts.choices import Role
    from lvxie.accounts.models import User
    from lvxie.accounts.services import user_create
    from lvxie.registry.models import Region

    user = User.objects.filter(username="bench_discipline").first()
    if user is None:
        user = user_create(
            actor=None,
            username="bench_discipline",
            password=secrets.token_urlsafe(16),
            must_change_password=False,
        )
        role_assign(
            actor=None, user=user, role=Role.DISCIPLINE_OFFICER, region=Region.objects.get(level="country")
        )
    return user


def operations(actors: dict, wanted: Callable[[str], bool]) -> list:
    from bench.run import Operation
    from lvxie.discipline import selectors
    from lvxie.discipline.models import DisciplinaryCase

    name = "discipline: oversight figures (nation)"
    if not wanted(name):
        return []
    if not DisciplinaryCase.objects.exists():
        seed_cases()
    region = selectors.oversight_regions(bench_officer()).first()
    today = dt.date.today()
    return [
        Operation(
            name,
            lambda: selectors.oversight(region, today),
            lambda: floor_figures(region, today),
            target="the nation's figures in well under a second",
        )
    ]
