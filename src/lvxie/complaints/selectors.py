"""Reads of complaints, starting from `Complaint.objects.visible_to(actor)`. The complainant's identity
leaves here only for those `policies.COMPLAINT_IDENTITY` allows; a read by anyone but the discipline
officers over the complaint is audited (`services.complaint_read`)."""

from __future__ import annotations

import datetime as dt
import hmac

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lvxie.core.scoping import NOTHING, path_q, scope_of
from lvxie.core.types import Actor
from lvxie.workflow.models import TransitionRecord
from lvxie.workflow.todo import Todo, todo
from lvxie.workflow.transitions import history as workflow_history

from . import policies, services
from .choices import AccessKind, ComplaintStatus
from .models import Complaint, ComplaintAccess, code_hash, named_q

MASK = _("(confidential)")
# What a handler still has to do, by status.
OPEN = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.AWAITING_PAPERS,
    ComplaintStatus.ACCEPTED,
    ComplaintStatus.SIMPLE,
)


def handled_q(actor: Actor | None) -> Q:
    """The complaints the actor handles (sees whole): in their discipline subtree, or named on."""
    if actor is None:
        return ~NOTHING
    officer = path_q("region__path", scope_of(actor).discipline_region_paths)
    if not actor.is_authenticated:
        return NOTHING
    named = named_q(actor)
    return (officer | named) if officer else named


def complaint_rows(actor: Actor | None) -> QuerySet[Complaint]:
    """The complaints the actor sees, with `complainant_shown` (the name, or "(confidential)" where the
    actor may not know it) and `handled` annotated."""
    handled = handled_q(actor)
    return (
        Complaint.objects.visible_to(actor)
        .select_related("region", "lawyer", "firm", "acceptance_clock", "handling_clock")
        .annotate(
            handled=Case(When(handled, then=Value(True)), default=Value(False)),
            complainant_shown=Case(
                When(handled | Q(confidential=False), then=F("complainant_name")), default=Value(str(MASK))
            ),
        )
    )


# What a row of the list shows (the page, the API and an export by objects): the rest of a complaint
# (what happened, the complainant's contacts, the notes) and of its lawyer, firm and clocks stays in the
# tables, so the database sorts narrow rows and sends little.
LIST_FIELDS = (
    "number",
    "received_on",
    "source",
    "conduct",
    "status",
    "lawyer__name",
    "firm__name",
    "region__code",
    "region__name",
    "acceptance_clock__state",
    "acceptance_clock__due_on",
    "handling_clock__state",
    "handling_clock__due_on",
)


def complaint_list_rows(actor: Actor | None) -> QuerySet[Complaint]:
    """`complaint_rows` with only the list's columns loaded."""
    return complaint_rows(actor).only(*LIST_FIELDS)


def complaint_get(actor: Actor | None, pk: int, *, what: str = "page") -> Complaint:
    """One complaint the actor sees (404 otherwise); the read audited unless an officer over it."""
    found = complaint_rows(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    if not policies.officer_over(actor, found):
        services.complaint_read(actor=actor, complaint=found, what=what)
    return found


def identity_shown(actor: Actor | None, complaint: Complaint) -> bool:
    return policies.allowed(actor, policies.COMPLAINT_IDENTITY, complaint)


def facts_shown(actor: Actor | None, complaint: Complaint) -> bool:
    """What happened, in the complainant's words, may identify them: hidden from the lawyer and firm of
    a confidential complaint."""
    return policies.handles(actor, complaint) or not complaint.confidential


def history(complaint: Complaint) -> QuerySet[TransitionRecord]:
    """Each status change, oldest first (the shared history rows of the workflow)."""
    return workflow_history(complaint)


def track(number: str, code: str) -> Complaint | None:
    """The complaint this number and code open, or None, whichever is wrong (the same answer, and the
    same work: the hash is computed even when no complaint has the number)."""
    number = number.strip().upper()[:20]
    given = code_hash(number, services.normalize_code(code))
    found = Complaint.objects.filter(number=number).first()
    stored = found.code_hash if found is not None else code_hash("", "")
    return found if hmac.compare_digest(stored, given) and found is not None else None


def people(complaint: Complaint) -> QuerySet[ComplaintAccess]:
    return complaint.access.select_related("user")


def todos(actor: Actor, today: dt.date) -> list[Todo]:
    """待办 of complaints: those the actor handles still open (acceptance to decide, papers awaited,
    triage, a simple complaint to close), with their clock's due date. One query."""
    if not actor.is_authenticated:
        return []
    scope = scope_of(actor)
    named = ComplaintAccess.objects.filter(user_id=actor.pk, kind=AccessKind.HANDLER).values("complaint_id")
    mine = path_q("region__path", scope.discipline_region_paths) | Q(pk__in=named)
    rows = (
        Complaint.objects.filter(mine, status__in=OPEN)
        .select_related("lawyer", "firm", "acceptance_clock", "handling_clock")
        .order_by("received_on", "id")[:50]
    )
    labels = dict(ComplaintStatus.choices)
    found = []
    for c in rows:
        clock = c.handling_clock if c.status == ComplaintStatus.SIMPLE else c.acceptance_clock
        due = clock.due_on if clock is not None and clock.state == "running" else None
        found.append(
            todo(
                title=f"{c.number} · {c.subject}",
                url=c.get_absolute_url(),
                kind=gettext("Complaint: %(status)s") % {"status": labels[c.status]},
                created=c.created_at,
                due=due,
                today=today,
            )
        )
    return found


def public_steps(complaint: Complaint) -> list[tuple[dt.datetime, str]]:
    """What the tracking page lists: when it was received and each status it reached since (no names,
    no internal notes: what the complainant is told is on the complaint itself)."""
    labels = dict(ComplaintStatus.choices)
    steps = [(complaint.created_at, str(labels[ComplaintStatus.RECEIVED]))]
    steps += [(row.at, str(labels.get(row.to_state, row.to_state))) for row in history(complaint)]
    return steps
