"""Picker sources of the register (see lvxie.core.pickers): lawyers and firms, found by the registry's own
search (either script, pinyin, initials, a number's prefix) and told apart by number and firm."""

from django.db.models import Q, QuerySet

from lvxie.core.pickers import Source, register
from lvxie.core.types import Actor

from .choices import FirmStatus, LawyerStatus
from .models import LawFirm, Lawyer
from .search import match


def _practising_lawyers(actor: Actor) -> QuerySet[Lawyer]:
    """Lawyers who may supervise a trainee: practising ones the actor sees (never a deregistered one)."""
    return (
        Lawyer.objects.visible_to(actor)
        .filter(status=LawyerStatus.PRACTISING)
        .select_related("firm")
        .order_by("name_pinyin", "pk")
    )


def _practising_firms(actor: Actor) -> QuerySet[LawFirm]:
    """Firms that may open an office: practising ones the actor sees."""
    return (
        LawFirm.objects.visible_to(actor)
        .filter(status=FirmStatus.ACTIVE)
        .select_related("region")
        .order_by("name_pinyin", "pk")
    )


def _lawyer_detail(lawyer: Lawyer) -> str:
    return " · ".join(part for part in (lawyer.licence_no, lawyer.firm.name if lawyer.firm else "") if part)


def _firm_detail(firm: LawFirm) -> str:
    return " · ".join(part for part in (firm.credit_code, firm.region.name) if part)


PRACTISING_LAWYERS = register(
    Source(
        name="registry.practising_lawyers",
        queryset=_practising_lawyers,
        search=match,
        exact=lambda qs, text: qs.filter(licence_no=text.strip()),
        detail=_lawyer_detail,
    )
)

PRACTISING_FIRMS = register(
    Source(
        name="registry.practising_firms",
        queryset=_practising_firms,
        search=match,
        exact=lambda qs, text: qs.filter(Q(credit_code=text.strip().upper()) | Q(name=text.strip())),
        detail=_firm_detail,
    )
)
