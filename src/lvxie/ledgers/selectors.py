"""Reads of ledgers and items, from `visible_to(actor)`, and the summary for the level above."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lvxie.core.types import Actor

from .choices import ItemStatus
from .models import OPEN_STATUSES, Ledger, RectificationItem


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
