"""The kinds of record that can be imported: a registry the capability apps fill. An app adds a kind
by writing an ImportKind subclass in its own `imports` module and calling `register` from its
AppConfig.ready (registry: firms, lawyers, trainees; party: members)."""

from .base import ImportKind

# name → kind, in the order of registration (the order of INSTALLED_APPS): the upload form's order.
KINDS: dict[str, type[ImportKind]] = {}


def register(kind: type[ImportKind]) -> type[ImportKind]:
    """Make `kind` importable under `kind.name`; registering a name twice is a mistake in the wiring."""
    if KINDS.get(kind.name, kind) is not kind:
        raise ValueError(f"import kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> ImportKind:
    return KINDS[name]()
