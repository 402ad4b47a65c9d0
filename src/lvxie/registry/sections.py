"""Sections that apps above the registry add to its lawyer and firm pages (a sanction record, ...).

An upper app registers a function from its AppConfig.ready: `register("lawyer", name, section)`, where
`section(actor, obj)` returns the section's HTML for this actor (already scoped by the app itself), or ""
to show nothing. The registry's pages render what the registered sections return, in the order
registered; the registry imports none of the apps that fill them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString

from lvxie.core.types import Actor

Section = Callable[[Actor, Any], SafeString | str]
PAGES = ("lawyer", "firm")
_SECTIONS: dict[str, dict[str, Section]] = {page: {} for page in PAGES}


def register(page: str, name: str, section: Section) -> Section:
    """Add a section to the page ("lawyer" or "firm"); again under the same name replaces it."""
    _SECTIONS[page][name] = section
    return section


def render(page: str, actor: Actor, obj: Any) -> list[SafeString | str]:
    """The HTML of every section registered for the page that has something for this actor."""
    return [html for section in _SECTIONS[page].values() if (html := section(actor, obj))]
