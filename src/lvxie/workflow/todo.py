"""待办: what waits for the actor, across every workflow.

Each capability registers a provider from its AppConfig (`register("ledgers", ledgers.selectors.todos)`);
a provider is `(actor) -> Iterable[Todo]`, built from the actor's scoped querysets (one query, or a few,
each; nothing stored). `todos_for` asks them all and sorts the answers: overdue first, then due soon,
then by due date, then oldest first. `todos_for_request` keeps the list for the rest of the request (the
top bar's count and the home page ask once between them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from lvxie.core.types import Actor

from .choices import ClockState
from .clocks import clock_label
from .workdays import Deadline, calendars_held, due_soon_days, provisional_between, working_days_between

# Each provider's list is cut at this many items (the oldest first), so a backlog never floods the page.
PER_PROVIDER = 50


@dataclass(frozen=True)
class Todo:
    """One thing the actor must do: what (`title`), where (`url`), of which kind (`kind`, a label), since
    when (`created`) and by when (`due`, with the clock's label: "due 2026-10-16 (3 working days left)")."""

    title: str
    url: str
    kind: str
    created: dt.datetime
    due: dt.date | None = None
    left: int | None = None
    overdue: bool = False
    due_soon: bool = False
    label: str = ""

    @property
    def urgency(self) -> tuple[int, dt.date, dt.datetime]:
        """The sort key: overdue, then due soon, then the rest; then by due date; then oldest first."""
        rank = 0 if self.overdue else 1 if self.due_soon else 2
        return (rank, self.due or dt.date.max, self.created)


def todo(
    *, title: str, url: str, kind: str, created: dt.datetime, due: dt.date | None, today: dt.date
) -> Todo:
    """A to-do with its clock read as of `today` (a plain deadline counted in working days)."""
    if due is None:
        return Todo(title=title, url=url, kind=kind, created=created)
    left = working_days_between(today, due)
    overdue = due < today
    deadline = Deadline(date=due, provisional=provisional_between(today, due))
    return Todo(
        title=title,
        url=url,
        kind=kind,
        created=created,
        due=due,
        left=left,
        overdue=overdue,
        due_soon=not overdue and left <= due_soon_days(),
        label=clock_label(ClockState.RUNNING, deadline, left, overdue),
    )


Provider = Callable[[Actor, dt.date], Iterable[Todo]]
PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> Provider:
    """Add a workflow's provider (again under the same name replaces it: apps may be reloaded)."""
    PROVIDERS[name] = provider
    return provider


def todos_for(actor: Actor | None, today: dt.date | None = None) -> list[Todo]:
    """Everything waiting for the actor, most urgent first. Nothing for the anonymous or the system."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return []
    today = today or timezone.localdate()
    found: list[Todo] = []
    with calendars_held():
        for provider in PROVIDERS.values():
            found += list(provider(actor, today))[:PER_PROVIDER]
    return sorted(found, key=lambda item: item.urgency)


def todos_for_request(request: HttpRequest) -> list[Todo]:
    """`todos_for` the request's user, computed once per request."""
    cached = getattr(request, "_lvxie_todos", None)
    if cached is None:
        cached = todos_for(getattr(request, "user", None))
        request._lvxie_todos = cached  # type: ignore[attr-defined]  # a per-request memo
    return cached
