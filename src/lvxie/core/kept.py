"""`Kept`: a bounded, thread-safe store of things made once per key in this process (the most recently
used `most` of them, each for at most `seconds` when given). For what is cheap to make again and costly
to make on every request: a list's queryset as built, a filter form as drawn."""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Kept(Generic[T]):
    def __init__(self, most: int, *, seconds: float | None = None) -> None:
        self.most, self.seconds = most, seconds
        self._items: OrderedDict[Hashable, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The thing kept under `key`, made now (outside the lock) if there is none or it is too old."""
        now = time.monotonic()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and (self.seconds is None or now - kept[0] < self.seconds):
                self._items.move_to_end(key)
                return kept[1]
        made = make()
        with self._lock:
            self._items[key] = (now, made)
            while len(self._items) > self.most:
                self._items.popitem(last=False)
        return made

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def peek(self, key: Hashable) -> T | None:
        """The thing kept under `key`, if any (for tests and inspection: it neither makes nor refreshes)."""
        kept = self._items.get(key)
        return None if kept is None else kept[1]
