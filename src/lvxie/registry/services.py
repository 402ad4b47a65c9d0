"""Writes to the registry. Each service validates, saves and writes its audit event in one transaction.
`actor=None` means the system itself (seeding, commands run by an operator)."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from lvxie.audit.services import audit_record
from lvxie.core.scoping import scope_of
from lvxie.core.services import require, save_audited, snapshot

from .choices import FIRM_KINDS
from .models import BarCommittee, CommitteeMembership, LawFirm, Lawyer, OverseasOffice, Region, Trainee


def edit_allowed(actor, *, region: Region | None = None, firm: LawFirm | None = None, firm_roles: bool) -> bool:
    """May the actor write records placed at this region or firm? Firm administrators write only the
    kinds of record a firm keeps itself (`firm_roles`)."""
    if actor is None:
        return True
    view = scope_of(actor).edits()
    path = region.path if region is not None else firm.region.path if firm is not None else None
    if path is not None and any(path.startswith(p) for p in view.region_paths):
        return True
    return firm_roles and firm is not None and firm.pk in view.firm_ids


def _apply(obj, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


# Regions ------------------------------------------------------------------------------------------

@transaction.atomic
def region_create(*, actor, code: str, name: str, level: str, parent: Region | None = None) -> Region:
    """Add a region under `parent` (or the country root); its path is fixed from the codes."""
    require(actor is None or bool(scope_of(actor).account_manager))
    region = Region(code=code, name=name, level=level, parent=parent)
    region.path = (parent.path if parent else "") + f"{code}/"
    return save_audited(actor=actor, obj=region, action="region.create")


# Law firms ----------------------------------------------------------------------------------------

@transaction.atomic
def firm_register(*, actor, **fields) -> LawFirm:
    """Register a law firm in a district of the actor's scope."""
    firm = LawFirm(**fields)
    require(edit_allowed(actor, region=firm.region, firm_roles=False))
    firm.refresh_search_keys()
    return save_audited(actor=actor, obj=firm, action="firm.create")


@transaction.atomic
def firm_update(*, actor, firm: LawFirm, **fields) -> LawFirm:
    """Change a firm; moving it to another district needs that district in scope too."""
    require(edit_allowed(actor, firm=firm, firm_roles=False))
    before = snapshot(firm)
    _apply(firm, fields)
    require(edit_allowed(actor, region=firm.region, firm_roles=False))
    firm.refresh_search_keys()
    return save_audited(actor=actor, obj=firm, action="firm.update", before=before)


# Lawyers ------------------------------------------------------------------------------------------

def _place_lawyer(lawyer: Lawyer) -> None:
    """A lawyer in a firm practises in the firm's district; kinds outside firms keep their own."""
    if lawyer.firm_id and lawyer.kind in FIRM_KINDS:
        lawyer.region = lawyer.firm.region
    elif lawyer.kind not in FIRM_KINDS:
        lawyer.firm = None


@transaction.atomic
def lawyer_register(*, actor, **fields) -> Lawyer:
    """Register a licensed lawyer."""
    lawyer = Lawyer(**fields)
    _place_lawyer(lawyer)
    require(edit_allowed(actor, region=lawyer.region, firm_roles=False))
    lawyer.refresh_search_keys()
    return save_audited(actor=actor, obj=lawyer, action="lawyer.create")


@transaction.atomic
def lawyer_update(*, actor, lawyer: Lawyer, **fields) -> Lawyer:
    """Change a lawyer's record; the audit event keeps before and after (sensitive values masked)."""
    require(edit_allowed(actor, region=lawyer.region, firm_roles=False))
    before = snapshot(lawyer)
    _apply(lawyer, fields)
    _place_lawyer(lawyer)
    require(edit_allowed(actor, region=lawyer.region, firm_roles=False))
    lawyer.refresh_search_keys()
    return save_audited(actor=actor, obj=lawyer, action="lawyer.update", before=before)


@transaction.atomic
def sensitive_reveal(*, actor, obj: Lawyer | Trainee) -> dict[str, str]:
    """Unmask the sensitive fields of a lawyer or trainee for an actor allowed to see them; the read
    is audited. Callers first check `sensitive_to(actor)`."""
    fields = {name: getattr(obj, name) for name in obj.SENSITIVE_FIELDS}
    audit_record(actor=actor, action=f"{obj._meta.model_name}.reveal", obj=obj, after={"fields": list(fields)})
    return fields


@transaction.atomic
def lawyers_bulk_register(*, actor, lawyers: Iterable[Lawyer], batch_size: int = 2000) -> int:
    """Register many lawyers at once (seeding, imports): each row validated, one audit event in all."""
    rows = list(lawyers)
    for lawyer in rows:
        _place_lawyer(lawyer)
        lawyer.refresh_search_keys()
        lawyer.full_clean(validate_unique=False)  # uniqueness is the database's job in bulk
    Lawyer.objects.bulk_create(rows, batch_size=batch_size)
    audit_record(actor=actor, action="lawyer.bulk_create", object_type="registry.lawyer",
                 after={"count": len(rows)})
    return len(rows)


# Trainees -----------------------------------------------------------------------------------------

@transaction.atomic
def trainee_register(*, actor, **fields) -> Trainee:
    """Register a trainee in a firm (firm administrators may register their own)."""
    trainee = Trainee(**fields)
    require(edit_allowed(actor, firm=trainee.firm, firm_roles=True))
    trainee.refresh_search_keys()
    return save_audited(actor=actor, obj=trainee, action="trainee.create")


@transaction.atomic
def trainee_update(*, actor, trainee: Trainee, **fields) -> Trainee:
    require(edit_allowed(actor, firm=trainee.firm, firm_roles=True))
    before = snapshot(trainee)
    _apply(trainee, fields)
    require(edit_allowed(actor, firm=trainee.firm, firm_roles=True))
    trainee.refresh_search_keys()
    return save_audited(actor=actor, obj=trainee, action="trainee.update", before=before)


# Bar committees -----------------------------------------------------------------------------------

@transaction.atomic
def committee_create(*, actor, **fields) -> BarCommittee:
    """Create a bar committee at the city (special, professional) or a district (working committee)."""
    committee = BarCommittee(**fields)
    require(edit_allowed(actor, region=committee.region, firm_roles=False))
    return save_audited(actor=actor, obj=committee, action="committee.create")


@transaction.atomic
def committee_update(*, actor, committee: BarCommittee, **fields) -> BarCommittee:
    require(edit_allowed(actor, region=committee.region, firm_roles=False))
    before = snapshot(committee)
    _apply(committee, fields)
    require(edit_allowed(actor, region=committee.region, firm_roles=False))
    return save_audited(actor=actor, obj=committee, action="committee.update", before=before)


@transaction.atomic
def committee_member_add(*, actor, committee: BarCommittee, lawyer: Lawyer, position: str,
                         term_start=None) -> CommitteeMembership:
    require(edit_allowed(actor, region=committee.region, firm_roles=False))
    seat = CommitteeMembership(committee=committee, lawyer=lawyer, position=position, term_start=term_start)
    seat.full_clean()
    seat.save()
    audit_record(actor=actor, action="committee.member_add", obj=committee,
                 after={"lawyer": lawyer.pk, "position": position})
    return seat


@transaction.atomic
def committee_member_remove(*, actor, seat: CommitteeMembership) -> None:
    committee = seat.committee
    require(edit_allowed(actor, region=committee.region, firm_roles=False))
    audit_record(actor=actor, action="committee.member_remove", obj=committee,
                 before={"lawyer": seat.lawyer_id, "position": seat.position})
    seat.delete()


# Overseas offices ---------------------------------------------------------------------------------

@transaction.atomic
def office_create(*, actor, **fields) -> OverseasOffice:
    """Record a firm's overseas office (firm administrators may record their own)."""
    office = OverseasOffice(**fields)
    require(edit_allowed(actor, firm=office.firm, firm_roles=True))
    return save_audited(actor=actor, obj=office, action="office.create")


@transaction.atomic
def office_update(*, actor, office: OverseasOffice, **fields) -> OverseasOffice:
    require(edit_allowed(actor, firm=office.firm, firm_roles=True))
    before = snapshot(office)
    _apply(office, fields)
    require(edit_allowed(actor, firm=office.firm, firm_roles=True))
    return save_audited(actor=actor, obj=office, action="office.update", before=before)

