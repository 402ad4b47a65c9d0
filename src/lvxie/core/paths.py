"""Materialized paths ("1/4/12/"): whether one lies under another. A region's or a Party organization's
path starts with the path of every one above it, so "under" is a prefix test; `scoping.path_q` asks the
same of the database."""

from collections.abc import Iterable


def under(path: str | None, prefixes: Iterable[str] | str) -> bool:
    """Whether `path` lies under (or is) one of `prefixes` (one path, or several). No path is under
    nothing, and nothing is under a path."""
    if not path:
        return False
    if isinstance(prefixes, str):
        prefixes = (prefixes,)
    return any(path.startswith(prefix) for prefix in prefixes)
