"""The public look-up's rate-limit counters (one row per client address, the current window's count),
used when the shared cache is the database; migration 0001 creates Django's cache table beside it."""

from django.db import models


class RateCounter(models.Model):
    """How many public look-ups one client address made in the current fixed window. Counted with one
    atomic upsert (lvxie.public.ratelimit.hit), because Django's database cache `incr` is a read then a
    write: concurrent requests lose counts and let more through than the limit."""

    address = models.CharField(max_length=64, primary_key=True)
    period = models.BigIntegerField(db_index=True, help_text="the window's number: Unix time // window")
    hits = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.address}: {self.hits} in window {self.period}"
