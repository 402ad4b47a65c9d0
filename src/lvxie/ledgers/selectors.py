"""Reads of ledgers and items, from `visible_to(actor)`, and the summary for the level above."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.core.scoping import combine, scope_of
from lvxie.core.types import Actor
from lvxie.workflow.todo import PER_PROVIDER, Todo, todo

from .choices import ItemStatus
from .models import EDITABLE_STATUSES, OPEN_STATUSES, Ledger, RectificationItem


def _counts(prefix: str) -> dict:
    today = timezone.localdate()
    return {
        "item_total": Count(f"{prefix}id"),
        "item_closed": Count(f"{prefix}id", filter=Q(**{f"{prefix}status": ItemStatus.CLOSED})),
        "item_submitted": Count(f"{prefix}id", filter=Q(**{f"{prefix}status": ItemStatus.SUBMITTED})),
        "item_overdue": Count(
            f"{prefix}id", filter=Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}deadline__lt": today})
        ),
    }


def ledger_list(
    actor: Actor, *, q: str = "", region=None, year: int | None = None, overdue: bool = False
) -> QuerySet[Ledger]:
    """The ledgers the actor may see, with their items counted by state."""
    ledgers = Ledger.objects.visible_to(actor).select_related("firm", "party_org", "region", "notice")
    if q:
        ledgers = ledgers.filter(
            Q(title__contains=q) | Q(firm__name__contains=q) | Q(party_org__name__contains=q)
        )
    if region is not None:
        ledgers = ledgers.filter(region__path__startswith=region.path)
    if year:
        ledgers = ledgers.filter(year=year)
    ledgers = ledgers.annotate(**_counts("items__"))
    if overdue:
        ledgers = ledgers.filter(item_overdue__gt=0)
    return ledgers.order_by("-year", "region__path", "firm__name", "party_org__name", "id")


def item_list(actor: Actor, ledger: Ledger, *, status: str = "") -> QuerySet[RectificationItem]:
    items = RectificationItem.objects.visible_to(actor).filter(ledger=ledger)
    if status == "overdue":
        items = items.overdue()
    elif status:
        items = items.filter(status=status)
    return items.order_by("seq")


def summary(actor: Actor) -> dict:
    """For the level above: items by status; by district, items by status and overdue; the firms
    with the most overdue items."""
    items = RectificationItem.objects.visible_to(actor)
    today = timezone.localdate()
    overdue = Q(status__in=OPEN_STATUSES, deadline__lt=today)
    by_status = dict(items.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    by_district = list(
        items.values("ledger__region__name", "ledger__region__path")
        .annotate(
            total=Count("id"),
            overdue=Count("id", filter=overdue),
            **{status: Count("id", filter=Q(status=status)) for status in ItemStatus.values},
        )
        .order_by("ledger__region__path")
    )
    by_firm = list(
        items.filter(overdue, ledger__firm__isnull=False)
        .values("ledger__firm_id", "ledger__firm__name", "ledger__region__name")
        .annotate(overdue=Count("id"))
        .order_by("-overdue", "ledger__firm__name")[:20]
    )
    return {
        "by_status": [(status, label, by_status.get(status, 0)) for status, label in ItemStatus.choices],
        "total": sum(by_status.values()),
        "overdue": items.filter(overdue).count(),
        "by_district": by_district,
        "by_firm": by_firm,
    }


def todos(actor: Actor, today: date) -> list[Todo]:
    """待办 of the ledgers: the unfinished items of the units the actor acts for (and those the actor is
    the responsible person of), with their deadlines; and the items submitted for closure that the
    actor, at the level above, is to close or send back. One query each."""
    from . import policies

    scope = scope_of(actor)
    visible = RectificationItem.objects.visible_to(actor).select_related(
        "ledger", "ledger__region", "ledger__firm", "ledger__party_org"
    )
    # Only accounts acting in a firm or for an organization are ever responsible for an item.
    acts = bool(scope.edits().firm_ids or scope.party_org_paths or getattr(actor, "lawyer_id", None))
    own = combine(
        Q(ledger__firm_id__in=scope.edits().firm_ids) if scope.edits().firm_ids else Q(),
        Q(ledger__party_org__path__in=scope.party_org_paths) if scope.party_org_paths else Q(),
        Q(responsible_user=actor) if acts else Q(),
    )
    found = [
        todo(
            title=f"{item.number} · {item.problem[:60]}",
            url=item.get_absolute_url(),
            kind=str(
                _("Sent back: rectification item")
                if item.status == ItemStatus.RETURNED
                else _("Rectification item")
            ),
            created=item.updated_at,
            due=item.deadline,
            today=today,
        )
        for item in visible.filter(own, status__in=EDITABLE_STATUSES).order_by("deadline", "id")[
            :PER_PROVIDER
        ]
    ]
    if scope.edits().region_paths or scope.party_region_paths:
        submitted = visible.filter(status=ItemStatus.SUBMITTED).order_by("updated_at", "id")[:PER_PROVIDER]
        found += [
            todo(
                title=f"{item.number} · {item.problem[:60]}",
                url=item.get_absolute_url(),
                kind=str(_("Close or send back: rectification item")),
                created=item.updated_at,
                due=None,
                today=today,
            )
            for item in submitted
            if policies.allowed(actor, policies.ITEM_CLOSE, item)
        ]
    return found
