"""From a notice's audience to its recipients. One function per kind of recipient: firms
(`audience_firms`) and Party organizations (`audience_party_orgs`)."""

from django.db.models import QuerySet

from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.choices import FirmStatus
from lvxie.registry.models import LawFirm

from .choices import AudienceKind
from .models import Notice


def audience_firms(notice: Notice) -> QuerySet[LawFirm]:
    """The practising firms a notice goes to, always inside the issuing region's subtree."""
    if notice.audience_kind == AudienceKind.PARTY_ORGS:
        return LawFirm.objects.none()
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


def audience_party_orgs(notice: Notice) -> QuerySet[PartyOrg]:
    """The Party organizations in existence a notice goes to, inside the issuing region's subtree: the
    listed ones, or, when none is listed, every one in the region of the recipients."""
    if notice.audience_kind != AudienceKind.PARTY_ORGS:
        return PartyOrg.objects.none()
    orgs = PartyOrg.objects.filter(
        status=OrgStatus.ACTIVE, region_path__startswith=notice.sender_region.path
    ).select_related("region")
    if notice.audience_party_orgs.exists():
        return orgs.filter(pk__in=notice.audience_party_orgs.values("pk"))
    region = notice.audience_region or notice.sender_region
    return orgs.filter(region_path__startswith=region.path)
