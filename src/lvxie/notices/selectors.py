"""Reads of notices, from `visible_to(actor)`: the staff's list with progress, the inbox of a firm or
a Party organization's secretary, and the progress of one notice by district."""

from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from lvxie.core.scoping import NOTHING, combine, scope_of
from lvxie.core.types import Actor

from .choices import NoticeStatus
from .models import Notice, Receipt


def _progress(receipt: str, notice: str, today: date) -> dict:
    """Counts of receipts (rows at the lookup prefix `receipt`, their notice at `notice`) read,
    acknowledged, replied, and overdue (a required reply missing after its date)."""
    overdue = Q(
        **{
            f"{receipt}replied_at__isnull": True,
            f"{notice}reply_required": True,
            f"{notice}reply_due__lt": today,
        }
    )
    key = f"{receipt}id"
    return {
        "total": Count(key),
        "read": Count(key, filter=Q(**{f"{receipt}read_at__isnull": False})),
        "acknowledged": Count(key, filter=Q(**{f"{receipt}acknowledged_at__isnull": False})),
        "replied": Count(key, filter=Q(**{f"{receipt}replied_at__isnull": False})),
        "overdue": Count(key, filter=overdue),
    }


def notice_list(actor: Actor, *, q: str = "", status: str = "") -> QuerySet[Notice]:
    """Notices the actor may see, newest first, with the counts of their recipients in the actor's scope."""
    notices = Notice.objects.visible_to(actor).select_related("sender_region")
    if q:
        notices = notices.filter(title__contains=q)
    if status:
        notices = notices.filter(status=status)
    in_scope = Q(receipts__in=Receipt.objects.visible_to(actor).values("pk"))
    counts = {
        name: Count("receipts", filter=in_scope & (aggregate.filter or Q()))
        for name, aggregate in _progress("receipts__", "", timezone.localdate()).items()
    }
    # Drafts first, then the newest published (the same on both databases).
    return notices.annotate(**counts).order_by(F("published_at").desc(nulls_first=True), "-created_at", "-id")


def _own(actor: Actor) -> Q:
    """The receipts of the recipients the actor acts for: their firms, the organizations they are
    the secretary of."""
    scope = scope_of(actor)
    return combine(
        Q(firm_id__in=scope.firm_ids) if scope.firm_ids else Q(),
        Q(party_org__path__in=scope.party_org_paths) if scope.party_org_paths else Q(),
    )


def inbox(actor: Actor, *, q: str = "", state: str = "") -> QuerySet[Receipt]:
    """The notices received by the actor's firm or Party organization (its receipts), newest first."""
    receipts = (
        Receipt.objects.visible_to(actor)
        .filter(_own(actor), notice__status=NoticeStatus.PUBLISHED)
        .select_related("notice", "notice__sender_region", "firm", "party_org")
        .order_by("-notice__published_at", "-id")
    )
    if q:
        receipts = receipts.filter(notice__title__contains=q)
    if state == "pending":
        receipts = receipts.filter(
            Q(acknowledged_at__isnull=True) | Q(notice__reply_required=True, replied_at__isnull=True)
        )
    return receipts


def progress_by_district(actor: Actor, notice: Notice) -> list[dict]:
    """One row per district (in the actor's scope): recipients, read, acknowledged, replied, overdue."""
    rows = (
        Receipt.objects.visible_to(actor)
        .filter(notice=notice)
        .values("region__name", "region__path")
        .annotate(**_progress("", "notice__", timezone.localdate()))
        .order_by("region__path")
    )
    return list(rows)


def receipt_list(actor: Actor, notice: Notice, *, state: str = "") -> QuerySet[Receipt]:
    """The receipts of one notice the actor may see (a firm sees only its own)."""
    receipts = (
        Receipt.objects.visible_to(actor)
        .filter(notice=notice)
        .select_related("firm", "party_org", "region", "notice")
    )
    if state == "unread":
        receipts = receipts.filter(read_at__isnull=True)
    elif state == "pending":
        receipts = receipts.filter(
            Q(replied_at__isnull=True) if notice.reply_required else Q(acknowledged_at__isnull=True)
        )
    elif state == "replied":
        receipts = receipts.filter(replied_at__isnull=False)
    return receipts.prefetch_related("files")


def own_receipt(actor: Actor, notice: Notice) -> Receipt | None:
    """The receipt of the notice by the actor's firm or Party organization, if the actor acts for a
    recipient."""
    own = _own(actor)
    if own == NOTHING:
        return None
    return Receipt.objects.filter(own, notice=notice).select_related("firm", "party_org").first()
