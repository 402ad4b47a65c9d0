"""Organizational life at national scale: the statistics of the whole country (organizations meeting each
rule in every period so far this year, meetings held by kind and month, attendance) as the Party
committee staff over the nation sees them, against hand-written SQL for the same figures; and the first
page of the national meetings list.

The meetings are seeded once, when absent, with a few INSERT … SELECT statements over the national
Party organizations (no Python loop): for this year up to today, each organization's committee meeting,
group meeting and Party day on the 15th of every month, its members' meeting and Party lecture in the
middle month of every quarter — except one organization in seven, which skips the committee and group
meetings of odd months; attendance for the members' meetings from the memberships current on their
date (one member in eight on leave). PostgreSQL only, like the national data set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

SEED_MARK = "orglife-bench"


def _seed(today: date) -> None:
    from django.db import connection, transaction

    from lvxie.orglife.models import Meeting

    if Meeting.objects.filter(topic=SEED_MARK).exists():
        return
    year_start = date(today.year, 1, 1)
    monthly = """
        INSERT INTO orglife_meeting (org_id, kind, status, date, place, topic, first_agenda, minutes, reason,
                                     version, created_at, held_at)
        SELECT o.id, k.kind, 'held', m.day, '', %(mark)s, '', '', '', 1, now(), now()
        FROM party_partyorg o
        CROSS JOIN (VALUES ('committee'), ('group'), ('party_day')) AS k(kind)
        CROSS JOIN (SELECT (d + interval '14 days')::date AS day
                    FROM generate_series(%(start)s::date, %(today)s::date, interval '1 month') AS d) AS m
        WHERE o.status = 'active' AND o.kind <> 'industry_committee' AND m.day <= %(today)s
          AND NOT (o.id %% 7 = 0 AND k.kind IN ('committee', 'group')
                   AND extract(month FROM m.day)::int %% 2 = 1)
    """
    quarterly = """
        INSERT INTO orglife_meeting (org_id, kind, status, date, place, topic, first_agenda, minutes, reason,
                                     version, created_at, held_at)
        SELECT o.id, k.kind, 'held', q.day, '', %(mark)s, '', '', '', 1, now(), now()
        FROM party_partyorg o
        CROSS JOIN (VALUES ('members'), ('lecture')) AS k(kind)
        CROSS JOIN (SELECT (d + interval '1 month 14 days')::date AS day
                    FROM generate_series(%(start)s::date, %(today)s::date, interval '3 months') AS d) AS q
        WHERE o.status = 'active' AND o.kind <> 'industry_committee' AND q.day <= %(today)s
    """
    attendance = """
        INSERT INTO orglife_attendance (meeting_id, membership_id, presence, reason)
        SELECT m.id, pm.id, CASE WHEN pm.id %% 8 = 0 THEN 'leave' ELSE 'present' END,
               CASE WHEN pm.id %% 8 = 0 THEN '出庭' ELSE '' END
        FROM orglife_meeting m
        JOIN party_partymembership pm ON pm.org_id = m.org_id AND pm.joined_on <= m.date
             AND (pm.ended_on IS NULL OR pm.ended_on > m.date)
        WHERE m.topic = %(mark)s AND m.kind = 'members'
    """
    params = {"mark": SEED_MARK, "start": year_start, "today": today}
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in (monthly, quarterly, attendance):
            cursor.execute(statement, params)


# The floor: the same figures in hand-written SQL, one statement per figure.
RULE_FLOOR = """
    WITH orgs AS (
        SELECT id, founded_on FROM party_partyorg WHERE status = 'active' AND kind <> 'industry_committee'
    ), held AS (
        SELECT org_id, date_trunc(%(trunc)s, date)::date AS p, count(*) AS n FROM orglife_meeting
        WHERE status = 'held' AND kind = %(kind)s AND date BETWEEN %(start)s AND %(end)s GROUP BY 1, 2
    ), due AS (
        SELECT p::date AS p, (p + %(step)s::interval - interval '1 day')::date AS last
        FROM generate_series(%(start)s::date, %(end)s::date, %(step)s::interval) AS p
    )
    SELECT count(*) FILTER (WHERE NOT behind), count(*) FILTER (WHERE behind) FROM (
        SELECT EXISTS (
            SELECT 1 FROM due d LEFT JOIN held h ON h.org_id = o.id AND h.p = d.p
            WHERE d.last < %(today)s AND d.last >= o.founded_on AND coalesce(h.n, 0) < %(times)s
        ) AS behind FROM orgs o
    ) AS per_org
"""
BY_KIND_FLOOR = """
    SELECT m.kind, extract(month FROM m.date)::int, count(*) FROM orglife_meeting m
    JOIN party_partyorg o ON o.id = m.org_id
    WHERE o.status = 'active' AND o.kind <> 'industry_committee' AND m.status = 'held'
      AND m.date BETWEEN %(start)s AND %(end)s
    GROUP BY 1, 2
"""
ATTENDANCE_FLOOR = """
    SELECT m.kind, count(*) FILTER (WHERE a.presence = 'present'), count(*) FROM orglife_attendance a
    JOIN orglife_meeting m ON m.id = a.meeting_id JOIN party_partyorg o ON o.id = m.org_id
    WHERE o.status = 'active' AND o.kind <> 'industry_committee' AND m.status = 'held'
      AND m.date BETWEEN %(start)s AND %(end)s
    GROUP BY 1
"""
TRUNC = {"month": ("month", "1 month"), "quarter": ("quarter", "3 months"), "year": ("year", "1 year")}


def floor_statistics(today: date) -> list:
    """The statistics' figures by hand-written SQL: (kind, met, behind) per rule, then the meetings by kind
    and month, then the attendance by kind."""
    from django.db import connection

    from lvxie.orglife.selectors import rules

    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    out: list = []
    with connection.cursor() as cursor:
        for rule in rules():
            trunc, step = TRUNC[rule.period]
            cursor.execute(
                RULE_FLOOR,
                {"trunc": trunc, "step": step, "kind": rule.kind, "times": rule.times, "start": start,
                 "end": end, "today": today},
            )  # fmt: skip
            out.append((rule.kind, *cursor.fetchone()))
        cursor.execute(BY_KIND_FLOOR, {"start": start, "end": end})
        out.append(sorted(cursor.fetchall()))
        cursor.execute(ATTENDANCE_FLOOR, {"start": start, "end": end})
        out.append(sorted(cursor.fetchall()))
    return out


def lvxie_statistics(actor, today: date) -> list:
    """The same figures as lvxie computes them for the statistics page and the API."""
    from lvxie.orglife.selectors import statistics

    stats = statistics(actor, today.year, today)
    by_kind = sorted(
        (kind, month + 1, n)
        for kind, counts in stats.by_kind_month.items()
        for month, n in enumerate(counts)
        if n
    )
    return [*((f.rule.kind, f.met, f.behind) for f in stats.rules), by_kind]


def operations(actors: dict, wanted: Callable[[str], bool]) -> list:
    from django.utils import timezone

    from bench.run import Operation, sql
    from lvxie.orglife.lists import MEETINGS

    names = ("orglife statistics: nation", "orglife meetings list: nation, first page")
    if not any(wanted(name) for name in names):
        return []
    today = timezone.localdate()
    _seed(today)
    actor = actors["bench_party"]
    first_page = (
        "SELECT m.id, m.date, m.kind, m.topic, o.name, m.status FROM orglife_meeting m "
        "JOIN party_partyorg o ON o.id = m.org_id ORDER BY m.date DESC, m.id DESC LIMIT 25"
    )
    return [
        Operation(
            names[0], lambda: lvxie_statistics(actor, today), lambda: floor_statistics(today), "≤ 2 s", runs=5
        ),
        Operation(
            names[1],
            lambda: [
                (m.pk, m.date, m.kind, m.topic, m.org.name, m.status)
                for m in MEETINGS.query(actor, {}).items[:25]
            ],
            sql(first_page),
            "≤ 50 ms",
        ),
    ]
