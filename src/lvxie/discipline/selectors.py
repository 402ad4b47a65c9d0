from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .choices import SanctionStatus
from .models import Sanction

# A sanction counts against someone once decided, unless revoked on review.
STANDING = (SanctionStatus.DECIDED, SanctionStatus.UNDER_REVIEW, SanctionStatus.FINAL)


def sanctioned_since(
    *, since: date, lawyer_ids: Iterable[int] = (), firm_ids: Iterable[int] = ()
) -> tuple[set[int], set[int]]:
    """Of these lawyers and firms, those with a sanction decided on or after `since` (not revoked):
    (lawyer ids, firm ids). For eligibility rules such as "no sanction within five years"; the caller
    has already checked the actor may see the people concerned."""
    lawyers, firms = set(lawyer_ids), set(firm_ids)
    rows = Sanction.objects.filter(status__in=STANDING, decided_on__gte=since)
    hit_lawyers = (
        set(rows.filter(lawyer_id__in=lawyers).values_list("lawyer_id", flat=True)) if lawyers else set()
    )
    hit_firms = set(rows.filter(firm_id__in=firms).values_list("firm_id", flat=True)) if firms else set()
    return hit_lawyers, hit_firms
