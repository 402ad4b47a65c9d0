"""Each capability's own benchmark operations. A module here defines

    def operations(actors: dict, wanted: Callable[[str], bool]) -> list[Operation]

(`Operation` and `sql` from `bench.run`), seeding once, if absent, the national-scale rows it measures,
and only when `wanted` asks for one of its operations' names. `make bench` runs them after the
registry's, in the modules' alphabetical order."""

import importlib
import pkgutil
from collections.abc import Callable


def operations(actors: dict, wanted: Callable[[str], bool]) -> list:
    found: list = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found += importlib.import_module(f"{__name__}.{info.name}").operations(actors, wanted)
    return found
