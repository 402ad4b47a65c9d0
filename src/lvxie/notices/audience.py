"""From a notice's audience to its recipients. One function per kind; the Party organizations' kind
adds a function here and a receipt owner, nothing else changes."""

from django.db.models import QuerySet

from lvxie.registry.choices import FirmStatus
from lvxie.registry.models import LawFirm

from .choices import AudienceKind
from .models import Notice


def audience_firms(notice: Notice) -> QuerySet[LawFirm]:
    """The practising firms a notice goes to, always inside the issuing region's subtree."""
    firms = LawFirm.objects.filter(
        status=FirmStatus.ACTIVE, region__path__startswith=notice.sender_region.path
    ).select_related("region")
    if notice.audience_kind == AudienceKind.FIRMS:
        return firms.filter(pk__in=notice.audience_firms.values("pk"))
    region = notice.audience_region or notice.sender_region
    firms = firms.filter(region__path__startswith=region.path)
    if notice.audience_kind == AudienceKind.FIRM_KINDS:
        firms = firms.filter(kind__in=notice.firm_kind_codes)
    return firms
