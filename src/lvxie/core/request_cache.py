"""What every signed-in page recomputes for its user (the scope, the unread count, the navigation), kept
in the cache alias "request" when a shared cache is configured (CACHE_URL: Redis, every worker process
sees the same entries and the same invalidations). Without one the alias is Django's dummy cache: every
read misses and lvxie computes as before — a per-process cache could not hear of a role another process
took away.

Entries are invalidated by the writes that change them (`forget`), and live at most TIMEOUT seconds."""

from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import transaction

ALIAS = "request"
TIMEOUT = 300


def cache():
    return caches[ALIAS]


def remember(key: str, compute: Callable[[], Any], *, timeout: int = TIMEOUT) -> Any:
    """The cached value of `key`, computed (and kept) on a miss. `compute` must not return None."""
    value = cache().get(key)
    if value is None:
        value = compute()
        cache().set(key, value, timeout)
    return value


def forget(*keys: str) -> None:
    """Drop `keys` now and again when the current transaction commits: a request that read the old rows
    between the write and its commit may have cached them again."""
    if not keys:
        return
    cache().delete_many(keys)
    transaction.on_commit(lambda: cache().delete_many(keys))
