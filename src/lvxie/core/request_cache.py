"""What every signed-in page recomputes for its user (the scope, the unread count, the navigation), kept
in the cache alias "request" when a shared cache is configured (CACHE_URL: Redis, every worker process
sees the same entries and the same invalidations). Without one the alias is Django's dummy cache: every
read misses and lvxie computes as before — a per-process cache could not hear of a role another process
took away.

Entries are invalidated by the writes that change them (`forget`), and live at most TIMEOUT seconds."""

import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction

ALIAS = "request"
TIMEOUT = 300
# Changed whenever a region or a Party organization may have changed (a path, a name, a new one): what is
# kept of them (every user's scope, a list's filter drop-downs) was computed under another generation.
PATHS_GENERATION = "scope-generation"


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


def shared() -> bool:
    """Whether a shared cache is configured: without one nothing is kept, and nothing may be kept in a
    process either, since no write in another process could make it forget."""
    return not isinstance(cache(), DummyCache)


def paths_changed() -> None:
    """A new `PATHS_GENERATION`, now and again when the current transaction commits (as `forget`)."""

    def bump() -> None:
        cache().set(PATHS_GENERATION, secrets.token_hex(8), None)

    bump()
    transaction.on_commit(bump)
