"""A fixed-window rate limit per client address for the public pages, counted so that it holds across
every worker process and machine, and exactly under concurrency: Redis INCR when the shared cache is
Redis (CACHE_URL=redis://…), otherwise one atomic upsert on the database (public.RateCounter)."""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.shortcuts import render

from lvxie.core.middleware import client_ip

from .models import RateCounter


def _rate() -> tuple[int, int]:
    requests, seconds = settings.PUBLIC_LOOKUP_RATE.split("/")
    return int(requests), int(seconds)


def _redis_hit(address: str, period: int, window: int) -> int:
    key = f"public-rate:{address}:{period}"
    # SET NX then INCR, both atomic in Redis; the key outlives its window by a second and then expires.
    while True:
        if cache.add(key, 1, timeout=window + 1):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between the two calls: start the window's count again
            continue


def _database_hit(address: str, period: int) -> int:
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    # One statement, the same on SQLite (≥ 3.35) and PostgreSQL: the row's lock (PostgreSQL) or the single
    # writer (SQLite) orders concurrent requests, and RETURNING gives each its own count.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (address, period, hits) VALUES (%s, %s, 1) "  # noqa: S608 (our table name)
            f"ON CONFLICT (address) DO UPDATE SET "
            f"hits = CASE WHEN {table}.period = excluded.period THEN {table}.hits + 1 ELSE 1 END, "
            f"period = excluded.period RETURNING hits",
            [address, period],
        )
        (hits,) = cursor.fetchone()
        if hits == 1:  # this address's first request in a new window: forget addresses gone quiet
            cursor.execute(f"DELETE FROM {table} WHERE period < %s", [period - 1])  # noqa: S608
    return hits


def hit(address: str) -> int:
    """Count one request from the address; return how many it made in the current window (this one
    included)."""
    _limit, window = _rate()
    period = int(time.time()) // window
    if isinstance(caches["default"], RedisCache):
        return _redis_hit(address, period, window)
    return _database_hit(address, period)


def over_limit(request) -> int | None:
    """Count the request; the window's length in seconds when it is over the limit, else None (the
    pages and the public API share the count)."""
    limit, window = _rate()
    # The address our trusted proxy reports (core/middleware.py), as for log-ins: otherwise everyone
    # behind the proxy would share one count.
    return window if hit(client_ip(request) or "") > limit else None


def rate_limited(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        window = over_limit(request)
        if window is not None:
            response = render(request, "public/too_many.html", {"window": window, "title": ""}, status=429)
            response["Retry-After"] = str(window)
            return response
        return view(request, *args, **kwargs)

    return wrapper
