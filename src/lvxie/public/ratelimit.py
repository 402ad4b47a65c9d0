"""A fixed-window rate limit per client address, counted in the shared cache so it holds across every
worker process and machine (settings.CACHES: the database table, or Redis)."""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def _rate() -> tuple[int, int]:
    requests, seconds = settings.PUBLIC_LOOKUP_RATE.split("/")
    return int(requests), int(seconds)


def client_address(request) -> str:
    # REMOTE_ADDR: the proxy in front must set it to the client's address (e.g. gunicorn's
    # --forwarded-allow-ips with nginx's real_ip); a client-supplied X-Forwarded-For is not trusted.
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit, window = _rate()
        key = f"public-rate:{client_address(request)}:{int(time.time()) // window}"
        try:
            count = cache.incr(key)  # atomic on Redis; on the database cache close enough for a limit
        except ValueError:  # the first request of this window
            cache.add(key, 1, timeout=window + 1)
            count = 1
        if count > limit:
            response = render(request, "public/too_many.html", {"window": window, "title": ""}, status=429)
            response["Retry-After"] = str(window)
            return response
        return view(request, *args, **kwargs)

    return wrapper
