"""`core.kept.Kept`: given things made once per key, when asked again they come from the store, the least
recently used go first past its size, and one older than its age is made again."""

from lvxie.core.kept import Kept


def test_made_once_per_key_least_recent_dropped_and_old_ones_made_again(monkeypatch):
    made = []

    def make(value):
        def run():
            made.append(value)
            return value

        return run

    kept: Kept[str] = Kept(2)
    assert kept.get("a", make("A")) == "A" and kept.get("a", make("other")) == "A"
    kept.get("b", make("B"))
    kept.get("a", make("other"))  # (a is now the most recent)
    kept.get("c", make("C"))  # b goes
    assert len(kept) == 2 and kept.peek("b") is None and kept.peek("a") == "A"
    assert made == ["A", "B", "C"]

    clock = [100.0]
    monkeypatch.setattr("lvxie.core.kept.time.monotonic", lambda: clock[0])
    aged: Kept[str] = Kept(10, seconds=5)
    assert aged.get("k", make("first")) == "first"
    clock[0] += 4
    assert aged.get("k", make("second")) == "first"
    clock[0] += 2
    assert aged.get("k", make("third")) == "third"
    aged.clear()
    assert len(aged) == 0
