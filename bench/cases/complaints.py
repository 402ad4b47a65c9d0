"""Complaints: the handlers' list as a national discipline officer sees it (first page and count, the
complainant masked in the query where it must be), against hand-written SQL for the same page. Seeds,
once, `ROWS` complaints spread over the nation's lawyers with bulk inserts (no clocks, no history: the
list reads neither)."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Callable

ROWS = 50_000
PAGE = 25
NAME = "page: complaints list (national discipline officer)"

FLOOR = """
SELECT c.id, c.number, c.received_on, c.source, l.name, f.name, r.name, c.conduct,
       CASE WHEN r.path LIKE %s OR NOT c.confidential THEN c.complainant_name ELSE '(confidential)' END,
       c.status
FROM complaints_complaint c
JOIN registry_region r ON r.id = c.region_id
LEFT JOIN registry_lawyer l ON l.id = c.lawyer_id
LEFT JOIN registry_lawfirm f ON f.id = c.firm_id
WHERE r.path LIKE %s
ORDER BY c.received_on DESC, c.id DESC
LIMIT %s
"""
FLOOR_COUNT = """
SELECT count(*) FROM complaints_complaint c JOIN registry_region r ON r.id = c.region_id WHERE r.path LIKE %s
"""


def seed(rows: int | None = None) -> int:
    """Add complaints until there are `rows` (default `ROWS`) of them, in bulk; returns how many were
    added."""
    rows = rows or ROWS
    from lvxie.complaints.choices import ComplaintSource, ComplaintStatus, ConductKind
    from lvxie.complaints.models import Complaint
    from lvxie.registry.models import Lawyer

    missing = rows - Complaint.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(16)
    lawyers = list(Lawyer.objects.values_list("id", "firm_id", "region_id").order_by("id")[:20_000])
    today = dt.date.today()
    batch = []
    for n in range(missing):
        lawyer_id, firm_id, region_id = rng.choice(lawyers)
        batch.append(
            Complaint(
                number=f"TB{n:06d}{secrets.token_hex(2).upper()}",
                code_hash="0" * 64,
                source=rng.choice(ComplaintSource.values),
                received_on=today - dt.timedelta(days=rng.randint(0, 365)),
                lawyer_id=lawyer_id,
                firm_id=firm_id,
                region_id=region_id,
                conduct=rng.choice(ConductKind.values),
                facts="基准测试投诉",
                complainant_name="投诉人",
                confidential=n % 3 == 0,
                status=rng.choice(ComplaintStatus.values),
            )
        )
    Complaint.objects.bulk_create(batch, batch_size=5_000)
    return missing


def officer():
    """A discipline officer over the whole country (a benchmark account, never logged in by a person)."""
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
    from bench.run import Operation, sql
    from lvxie.complaints.lists import COMPLAINTS
    from lvxie.core.scoping import scope_of
    from lvxie.registry.models import Region

    if not wanted(NAME):
        return []
    seed()
    actor = officer()
    path = Region.objects.get(level="country").path
    assert scope_of(actor).discipline_region_paths == (path,)

    def lvxie() -> tuple[int, list]:
        rows = COMPLAINTS.query(actor, {}).items
        return rows.count(), COMPLAINTS.page_rows(rows[:PAGE])

    page, count = sql(FLOOR, [f"{path}%", f"{path}%", PAGE]), sql(FLOOR_COUNT, [f"{path}%"])
    return [Operation(NAME, lvxie, lambda: (count(), page()), "≤ 3× the SQL floor")]
