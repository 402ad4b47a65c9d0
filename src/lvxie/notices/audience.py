"""From an audience to its recipients, for notices and for every other sender that writes to "all firms
in a region", "firms of given kinds", "listed firms" or "Party organizations" (calls for submissions
choose their units with the same functions). One function per kind of recipient: firms
(`audience_firms`, `firms_of`), Party organizations (`audience_party_orgs`, `party_orgs_of`) and the
practising lawyers of the chosen firms (`lawyers_of`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet

from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.choices import FirmStatus, LawyerStatus
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import AudienceKind
from .models import Notice


@dataclass(frozen=True)
class Audience:
    """An audience as chosen: the issuing region (recipients never lie outside it), the kind, and the
    narrowing the kind uses (a region below the issuer, kinds of firm, listed firms or organizations)."""

    sender_region: Region
    kind: str
    region: Region | None = None
    firm_kinds: Sequence[str] = ()
    firm_ids: Sequence[int] = ()
    party_org_ids: Sequence[int] = field(default_factory=tuple)


def firms_of(audience: Audience) -> QuerySet[LawFirm]:
    """The practising firms of an audience, always inside the issuing region's subtree."""
    if audience.kind == AudienceKind.PARTY_ORGS:
        return LawFirm.objects.none()
    firms = LawFirm.objects.filter(
        status=FirmStatus.ACTIVE, region__path__startswith=audience.sender_region.path
    ).select_related("region")
    if audience.kind == AudienceKind.FIRMS:
        return firms.filter(pk__in=list(audience.firm_ids))
    region = audience.region or audience.sender_region
    firms = firms.filter(region__path__startswith=region.path)
    if audience.kind == AudienceKind.FIRM_KINDS:
        firms = firms.filter(kind__in=list(audience.firm_kinds))
    return firms


def lawyers_of(audience: Audience) -> QuerySet[Lawyer]:
    """The practising lawyers of the firms of an audience."""
    return Lawyer.objects.filter(
        status=LawyerStatus.PRACTISING, firm__in=firms_of(audience).values("pk")
    ).select_related("firm", "firm__region")


def party_orgs_of(audience: Audience) -> QuerySet[PartyOrg]:
    """The Party organizations in existence of an audience, inside the issuing region's subtree: the
    listed ones, or, when none is listed, every one in the region of the recipients."""
    if audience.kind != AudienceKind.PARTY_ORGS:
        return PartyOrg.objects.none()
    orgs = PartyOrg.objects.filter(
        status=OrgStatus.ACTIVE, region_path__startswith=audience.sender_region.path
    ).select_related("region")
    if audience.party_org_ids:
        return orgs.filter(pk__in=list(audience.party_org_ids))
    region = audience.region or audience.sender_region
    return orgs.filter(region_path__startswith=region.path)


def notice_audience(notice: Notice) -> Audience:
    """A notice's audience as chosen."""
    return Audience(
        sender_region=notice.sender_region,
        kind=notice.audience_kind,
        region=notice.audience_region,
        firm_kinds=notice.firm_kind_codes,
        firm_ids=list(notice.audience_firms.values_list("pk", flat=True))
        if notice.audience_kind == AudienceKind.FIRMS
        else (),
        party_org_ids=list(notice.audience_party_orgs.values_list("pk", flat=True))
        if notice.audience_kind == AudienceKind.PARTY_ORGS
        else (),
    )


def audience_firms(notice: Notice) -> QuerySet[LawFirm]:
    """The practising firms a notice goes to, always inside the issuing region's subtree."""
    return firms_of(notice_audience(notice))


def audience_party_orgs(notice: Notice) -> QuerySet[PartyOrg]:
    """The Party organizations in existence a notice goes to (see `party_orgs_of`)."""
    return party_orgs_of(notice_audience(notice))
