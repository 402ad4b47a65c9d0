"""Django's Redis cache, keeping one client per connection pool.

Django's client builds a new `redis.Redis` for every cache call, and its constructor copies redis-py's
table of response callbacks each time: four cache reads of a signed-in page (session, scope, unread
count, navigation) cost more in those constructors than in Redis. A `redis.Redis` is safe to share
between threads (each command takes a connection from the pool), so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _Client(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        # (private to Django's client, which the stubs leave out: as Django's own get_client does)
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _Client
