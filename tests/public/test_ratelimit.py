"""The public look-up's limit per client address: given the trusted proxy in front, when two clients
behind it look up, then each has their own count; and when many requests arrive at once, exactly the
limit get through, on the database (SQLite, PostgreSQL with DATABASE_URL) and on Redis."""

import socket
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from lvxie.public.models import RateCounter
from tests.concurrency import together

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["database", "redis"])
def counter(request, settings):
    """Where the counts live: the database table, or Redis (settings.CACHES as CACHE_URL would set it)."""
    if request.param == "redis":
        if not _redis_running():
            pytest.skip("no Redis at 127.0.0.1:6379")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        }
    cache.clear()
    yield request.param
    cache.clear()


def test_behind_the_trusted_proxy_each_client_has_its_own_count(client, db, settings, counter):
    # An hour's window: seven requests on a busy machine must not straddle a window's start (a fixed
    # window starts its count again there, which once made this test see 200 for the third request).
    settings.PUBLIC_LOOKUP_RATE = "2/3600"
    settings.LVXIE_TRUSTED_PROXIES = frozenset({"10.0.0.1"})
    url = reverse("public:lookup")

    def status(client_address: str) -> int:
        return client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_address).status_code

    assert [status("172.16.0.5") for _ in range(3)] == [200, 200, 429]
    # Another client behind the same proxy: not refused for the first one's requests
    assert [status("172.16.0.6") for _ in range(3)] == [200, 200, 429]
    # A forged address further left does not buy a fresh count
    assert status("6.6.6.6, 172.16.0.5") == 429


def test_the_database_count_starts_again_in_a_new_window_and_forgets_quiet_addresses(db, settings):
    settings.PUBLIC_LOOKUP_RATE = "1/60"
    cache.clear()
    url = reverse("public:lookup")
    assert Client().get(url, REMOTE_ADDR="10.0.0.7").status_code == 200
    assert Client().get(url, REMOTE_ADDR="10.0.0.7").status_code == 429
    RateCounter.objects.filter(address="10.0.0.7").update(period=int(time.time()) // 60 - 5)
    assert Client().get(url, REMOTE_ADDR="10.0.0.8").status_code == 200  # a new address clears old rows
    assert not RateCounter.objects.filter(address="10.0.0.7").exists()
    assert Client().get(url, REMOTE_ADDR="10.0.0.7").status_code == 200


THREADS, EACH, LIMIT = 16, 4, 30


def test_concurrent_requests_let_exactly_the_limit_through(transactional_db, audit_purge, settings, counter):
    settings.PUBLIC_LOOKUP_RATE = f"{LIMIT}/3600"  # one window for the whole test

    def burst():
        client = Client()
        return [client.get(reverse("public:lookup"), REMOTE_ADDR="10.9.9.9").status_code for _ in range(EACH)]

    statuses = [code for result in together(*[burst] * THREADS) for code in result]
    assert statuses.count(200) == LIMIT and statuses.count(429) == THREADS * EACH - LIMIT, (
        connection.vendor,
        counter,
        statuses,
    )
