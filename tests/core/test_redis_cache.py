"""The Redis cache (core/redis_cache.py): given the local Redis, when the cache is used, then values go in
and out as with Django's own backend, and every call reuses one client per connection pool."""

import socket

import pytest

from lvxie.core.redis_cache import RedisCache


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")


def test_values_round_trip_through_one_reused_client():
    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "lvxie-test-redis-cache"})
    cache.set("k", {"figures": [1, 2]}, 30)
    assert cache.get("k") == {"figures": [1, 2]}
    assert cache.get_many(["k", "missing"]) == {"k": {"figures": [1, 2]}}
    assert cache._cache.get_client() is cache._cache.get_client(
        write=True
    )  # one server: one pool, one client
    cache.delete("k")
    assert cache.get("k") is None
