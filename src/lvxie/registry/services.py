"""Writes to the registry. Each service validates, saves and writes its audit event in one transaction.
`actor=None` means the system itself (seeding, commands run by an operator)."""

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record
from lvxie.core import request_cache
from lvxie.core.bulk import bulk_insert
from lvxie.core.scoping import scope_of
from lvxie.core.services import clean_fields_remembered, require, saved_relations, snapshot, validate
from lvxie.core.types import Actor

from . import policies, signals
from .choices import FIRM_KINDS
from .models import (
    BarCommittee,
    CommitteeMembership,
    LawFirm,
    Lawyer,
    OverseasOffice,
    Region,
    RegionPathMixin,
    SearchKeysMixin,
    Trainee,
)


def _apply(obj, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def firm_register(*, actor: Actor | None, **fields) -> LawFirm:
    """Register a law firm in a district of the actor's scope."""
    firm = LawFirm(**fields)
    policies.require(actor, policies.FIRM_REGISTER, firm)
    firm.refresh_search_keys()
    save_audited(actor=actor, obj=firm, action="firm.create")
    signals.firms_changed.send(sender=LawFirm, firm_ids=[firm.pk])  # summaries above stay current
    return firm


@transaction.atomic
def firm_update(*, actor: Actor | None, firm: LawFirm, **fields) -> LawFirm:
    """Change a firm; moving it to another district needs that district in scope too."""
    policies.require(actor, policies.FIRM_CHANGE, firm)
    before = snapshot(firm)
    _apply(firm, fields)
    policies.require(actor, policies.FIRM_CHANGE, firm)  # the district it moves to, too
    firm.refresh_search_keys()
    save_audited(actor=actor, obj=firm, action="firm.update", before=before)
    signals.firms_changed.send(sender=LawFirm, firm_ids=[firm.pk])
    return firm


def place_lawyer(lawyer: Lawyer) -> None:
    """A lawyer in a firm practises in the firm's district; kinds outside firms keep their own."""
    if lawyer.kind in FIRM_KINDS and lawyer.firm is not None:  # no query when firm_id is None
        lawyer.region = lawyer.firm.region
    elif lawyer.kind not in FIRM_KINDS:
        lawyer.firm = None


@transaction.atomic
def lawyer_register(*, actor: Actor | None, **fields) -> Lawyer:
    """Register a licensed lawyer."""
    lawyer = Lawyer(**fields)
    place_lawyer(lawyer)
    policies.require(actor, policies.LAWYER_REGISTER, lawyer)
    lawyer.refresh_search_keys()
    save_audited(actor=actor, obj=lawyer, action="lawyer.create")
    signals.lawyers_changed.send(sender=Lawyer, firm_ids=[lawyer.firm_id])
    return lawyer


@transaction.atomic
def lawyer_update(*, actor: Actor | None, lawyer: Lawyer, **fields) -> Lawyer:
    """Change a lawyer's record: only the fields the actor may change (see `policies`; a refusal names
    them); the audit event keeps before and after (sensitive values masked)."""
    changed = [name for name, value in fields.items() if getattr(lawyer, name) != value]
    policies.require(actor, policies.LAWYER_CHANGE, lawyer, fields=changed)
    before = snapshot(lawyer)
    old_firm = lawyer.firm_id
    _apply(lawyer, fields)
    place_lawyer(lawyer)
    policies.require(actor, policies.LAWYER_CHANGE, lawyer, fields=changed)  # where it now sits, too
    lawyer.refresh_search_keys()
    save_audited(actor=actor, obj=lawyer, action="lawyer.update", before=before)
    # (its placement may have moved it out of its firm: then say nothing of which fields changed)
    moved = old_firm != lawyer.firm_id
    signals.lawyers_changed.send(
        sender=Lawyer, firm_ids=[old_firm, lawyer.firm_id], fields=None if moved else changed
    )
    return lawyer


@transaction.atomic
def sensitive_reveal(*, actor: Actor | None, obj: Lawyer | Trainee) -> dict[str, str]:
    """Unmask the sensitive fields of a lawyer or trainee for an actor allowed to see them; the read
    is audited. Callers first check `sensitive_to(actor)`."""
    fields = {name: getattr(obj, name) for name in obj.SENSITIVE_FIELDS}
    audit_record(
        actor=actor, action=f"{obj._meta.model_name}.reveal", obj=obj, after={"fields": list(fields)}
    )
    return fields


@transaction.atomic
def trainee_register(*, actor: Actor | None, **fields) -> Trainee:
    """Register a trainee in a firm (firm administrators may register their own)."""
    trainee = Trainee(**fields)
    policies.require(actor, policies.TRAINEE_REGISTER, trainee)
    trainee.refresh_search_keys()
    return save_audited(actor=actor, obj=trainee, action="trainee.create")


@transaction.atomic
def trainee_update(*, actor: Actor | None, trainee: Trainee, **fields) -> Trainee:
    policies.require(actor, policies.TRAINEE_CHANGE, trainee)
    before = snapshot(trainee)
    _apply(trainee, fields)
    policies.require(actor, policies.TRAINEE_CHANGE, trainee)
    trainee.refresh_search_keys()
    return save_audited(actor=actor, obj=trainee, action="trainee.update", before=before)


@transaction.atomic
def committee_create(*, actor: Actor | None, **fields) -> BarCommittee:
    """Create a bar committee at the city (special, professional) or a district (working committee)."""
    committee = BarCommittee(**fields)
    policies.require(actor, policies.COMMITTEE_CREATE, committee)
    return save_audited(actor=actor, obj=committee, action="committee.create")


@transaction.atomic
def committee_update(*, actor: Actor | None, committee: BarCommittee, **fields) -> BarCommittee:
    policies.require(actor, policies.COMMITTEE_CHANGE, committee)
    before = snapshot(committee)
    _apply(committee, fields)
    policies.require(actor, policies.COMMITTEE_CHANGE, committee)
    return save_audited(actor=actor, obj=committee, action="committee.update", before=before)


@transaction.atomic
def committee_member_add(
    *, actor: Actor | None, committee: BarCommittee, lawyer: Lawyer, position: str, term_start=None
) -> CommitteeMembership:
    policies.require(actor, policies.COMMITTEE_CHANGE, committee)
    seat = CommitteeMembership(committee=committee, lawyer=lawyer, position=position, term_start=term_start)
    validate(seat)
    seat.save()
    audit_record(
        actor=actor,
        action="committee.member_add",
        obj=committee,
        after={"lawyer": lawyer.pk, "position": position},
    )
    return seat


@transaction.atomic
def committee_member_remove(*, actor: Actor | None, seat: CommitteeMembership) -> None:
    committee = seat.committee
    policies.require(actor, policies.COMMITTEE_CHANGE, committee)
    audit_record(
        actor=actor,
        action="committee.member_remove",
        obj=committee,
        before={"lawyer": seat.lawyer_id, "position": seat.position},
    )
    seat.delete()


@transaction.atomic
def office_create(*, actor: Actor | None, **fields) -> OverseasOffice:
    """Record a firm's overseas office (firm administrators may record their own)."""
    office = OverseasOffice(**fields)
    policies.require(actor, policies.OFFICE_REGISTER, office)
    return save_audited(actor=actor, obj=office, action="office.create")


@transaction.atomic
def office_update(*, actor: Actor | None, office: OverseasOffice, **fields) -> OverseasOffice:
    policies.require(actor, policies.OFFICE_CHANGE, office)
    before = snapshot(office)
    _apply(office, fields)
    policies.require(actor, policies.OFFICE_CHANGE, office)
    return save_audited(actor=actor, obj=office, action="office.update", before=before)


# Bulk registration and change (seeding, imports)

BULK_BATCH_SIZE = 2000


def _bind_saved_relations(row: models.Model) -> list[str]:
    """Take the keys of related objects saved after the row was built (a parent inserted by an earlier
    bulk call, or at a lower level of this one): Django's bulk_create does the same, but only after
    validation would have refused the empty key. Returns the foreign keys bound to a saved object, which
    validation need not look up one query at a time (the database checks them on insert)."""
    bound = []
    for field in saved_relations(row):
        if getattr(row, field.attname) is None:
            setattr(row, field.name, field.get_cached_value(row))  # sets the key, keeps the object cached
        bound.append(field.name)
    return bound


@functools.cache
def _attnames(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


def _fingerprint(row: models.Model) -> tuple:
    """The row's stored values (read off the instance: a field not loaded counts as None on both sides)."""
    return tuple(map(row.__dict__.get, _attnames(type(row))))


def bulk_validate(row: models.Model) -> None:
    """Validate a row bound for a bulk service (uniqueness and constraints are left to the database, as
    in the bulk services) and remember the values validated: the bulk service then does not validate
    the row again unless a value has changed since. An import checks every row before it saves them
    all; validating each row twice was a third of the time of a large import."""
    bound = _bind_saved_relations(row)
    errors: dict = {}
    for check in (lambda: clean_fields_remembered(row, exclude=set(bound)), row.clean):  # as full_clean
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    row._lvxie_validated = _fingerprint(row)  # type: ignore[attr-defined]  # a mark on the instance, not a field


def _validate_once(row: models.Model) -> None:
    if getattr(row, "_lvxie_validated", None) != _fingerprint(row):
        bulk_validate(row)


def bulk_register(
    *,
    actor: Actor | None,
    model: type[models.Model],
    rows: Iterable[models.Model],
    action: str,
    allowed: Callable[[Any], bool],
    level: Callable[[Any], int] | None = None,
    batch_size: int = BULK_BATCH_SIZE,
    most: int | None = None,
) -> int:
    """Insert many rows of one model: each checked against the actor's scope (`allowed`), given its search
    keys and validated, then inserted in batches, with ONE audit event carrying the count. Uniqueness and
    the existence of related rows are left to the database. Rows referring to rows of the same batch (a
    parent region, a head office) are inserted level by level, lowest `level` first, so each parent has
    its key before its children. `most`: the rows are still coming (an import checking the rest of its
    file), at most that many; each is prepared and written as it comes (`bulk_insert`), on one level.
    Public: the bulk services of other apps (the Party side's) build on it."""

    def prepared(group: Iterable[models.Model]) -> Iterator[models.Model]:
        for row in group:
            _bind_saved_relations(row)
            require(allowed(row))
            if isinstance(row, SearchKeysMixin):
                row.refresh_search_keys()
            _validate_once(row)
            done.append(row)
            yield row

    done: list[models.Model] = []
    if most is not None:
        if level is not None:
            raise ValueError("rows still coming are inserted on one level")
        bulk_insert(model, prepared(rows), batch_size=batch_size, most=most)  # COPY, in this transaction
    else:
        rows = list(rows)
        for current in sorted({level(row) for row in rows}) if level else [0]:
            group = [row for row in rows if level is None or level(row) == current]
            bulk_insert(model, list(prepared(group)), batch_size=batch_size)  # COPY, in this transaction
    audit_record(actor=actor, action=action, object_type=model._meta.label_lower, after={"count": len(done)})
    return len(done)


def bulk_change(
    *,
    actor: Actor | None,
    model: type[models.Model],
    rows: Iterable[models.Model],
    fields: list[str],
    action: str,
    allowed: Callable[[Any], bool],
) -> int:
    """Save changes to many existing rows of one model: each checked against the actor's scope, given
        fresh search keys and validated, then written in batches, with ONE audit event listing the ids.
    Public, like `bulk_register`."""
    rows = list(rows)
    for row in rows:
        _bind_saved_relations(row)
        require(allowed(row))
        if isinstance(row, SearchKeysMixin):
            row.refresh_search_keys()
        _validate_once(row)
    if isinstance(model(), SearchKeysMixin):
        fields = [*fields, "name_simplified", "name_pinyin", "name_initials"]
    if "region" in fields and issubclass(model, RegionPathMixin):
        fields = [*fields, "region_path"]  # set by the validation above (RegionPathMixin.clean)
    model._default_manager.bulk_update(rows, fields, batch_size=BULK_BATCH_SIZE)
    audit_record(
        actor=actor,
        action=action,
        object_type=model._meta.label_lower,
        after={"count": len(rows), "ids": [row.pk for row in rows]},
    )
    return len(rows)


def _region_path(region: Region) -> str:
    parent = region.parent
    return ((parent.path or _region_path(parent)) if parent else "") + f"{region.code}/"


@transaction.atomic
def regions_bulk_create(*, actor: Actor | None, regions: Iterable[Region]) -> int:
    """Add many regions at once; parents may be among them (unsaved) or already in the database."""
    require(actor is None or bool(scope_of(actor).account_manager))
    rows = list(regions)
    for region in rows:
        region.path = _region_path(region)
    count = bulk_register(
        actor=actor,
        model=Region,
        rows=rows,
        action="region.bulk_create",
        allowed=lambda region: True,
        level=lambda region: region.depth,
    )
    request_cache.paths_changed()  # (bulk inserts send no signal: what is kept of regions must hear of them)
    return count


@transaction.atomic
def firms_bulk_register(*, actor: Actor | None, firms: Iterable[LawFirm]) -> int:
    """Register many law firms at once; a branch's head office may be among them."""
    rows = list(firms)
    count = bulk_register(
        actor=actor,
        model=LawFirm,
        rows=rows,
        action="firm.bulk_create",
        allowed=lambda firm: policies.allowed(actor, policies.FIRM_REGISTER, firm),
        level=lambda firm: int(firm.parent_firm is not None),
    )
    signals.firms_changed.send(sender=LawFirm, firm_ids=[firm.pk for firm in rows])
    return count


@transaction.atomic
def lawyers_bulk_register(*, actor: Actor | None, lawyers: Iterable[Lawyer], most: int | None = None) -> int:
    """Register many lawyers at once (seeding, imports): each row placed, scoped and validated. `most`:
    the lawyers are still coming, as `bulk_register` takes them."""
    placed: list[Lawyer] = []

    def place(rows: Iterable[Lawyer]) -> Iterator[Lawyer]:
        for lawyer in rows:
            place_lawyer(lawyer)
            placed.append(lawyer)
            yield lawyer

    count = bulk_register(
        actor=actor,
        model=Lawyer,
        rows=place(lawyers) if most is not None else list(place(lawyers)),
        action="lawyer.bulk_create",
        allowed=lambda lawyer: policies.allowed(actor, policies.LAWYER_REGISTER, lawyer),
        most=most,
    )
    signals.lawyers_changed.send(sender=Lawyer, firm_ids={lawyer.firm_id for lawyer in placed})
    return count


@transaction.atomic
def trainees_bulk_register(*, actor: Actor | None, trainees: Iterable[Trainee]) -> int:
    """Register many trainees at once."""
    return bulk_register(
        actor=actor,
        model=Trainee,
        rows=trainees,
        action="trainee.bulk_create",
        allowed=lambda trainee: policies.allowed(actor, policies.TRAINEE_REGISTER, trainee),
    )


@transaction.atomic
def committees_bulk_create(
    *, actor: Actor | None, committees: Iterable[BarCommittee], seats: Iterable[CommitteeMembership]
) -> int:
    """Create many bar committees and their seats (which may refer to the new committees); one audit
    event for the committees and one for the seats. Returns the number of committees."""

    def allowed(committee: BarCommittee) -> bool:
        return policies.allowed(actor, policies.COMMITTEE_CREATE, committee)

    count = bulk_register(
        actor=actor, model=BarCommittee, rows=committees, action="committee.bulk_create", allowed=allowed
    )
    bulk_register(
        actor=actor,
        model=CommitteeMembership,
        rows=seats,
        action="committee.member_bulk_add",
        allowed=lambda seat: allowed(seat.committee),
    )
    return count


@transaction.atomic
def offices_bulk_create(*, actor: Actor | None, offices: Iterable[OverseasOffice]) -> int:
    """Record many overseas offices at once."""
    return bulk_register(
        actor=actor,
        model=OverseasOffice,
        rows=offices,
        action="office.bulk_create",
        allowed=lambda office: policies.allowed(actor, policies.OFFICE_REGISTER, office),
    )


@transaction.atomic
def firms_bulk_update(*, actor: Actor | None, firms: Iterable[LawFirm], fields: list[str]) -> int:
    """Change many law firms at once (imports); `fields` are the columns that changed."""
    rows = list(firms)
    count = bulk_change(
        actor=actor,
        model=LawFirm,
        rows=rows,
        fields=fields,
        action="firm.bulk_update",
        allowed=lambda firm: policies.allowed(actor, policies.FIRM_CHANGE, firm),
    )
    # The district, status or bylaws may have changed.
    signals.firms_changed.send(sender=LawFirm, firm_ids=[firm.pk for firm in rows])
    return count


@transaction.atomic
def lawyers_bulk_update(*, actor: Actor | None, lawyers: Iterable[Lawyer], fields: list[str]) -> int:
    """Change many lawyers at once (imports): each row placed, checked and validated. Each row's changes
    are found against the registered record, not taken from the caller, and must be ones the actor may
    make to that lawyer (a firm administrator: the firm's lawyers' contact fields only)."""
    rows = list(lawyers)
    registered = Lawyer.objects.select_related("region").in_bulk([lawyer.pk for lawyer in rows])
    for lawyer in rows:
        place_lawyer(lawyer)
    compared = [*fields, "firm", "region"]
    attnames = {name: Lawyer._meta.get_field(name).attname for name in compared}  # type: ignore[union-attr]  # columns

    def allowed(lawyer: Lawyer) -> bool:
        old = registered[lawyer.pk]
        changed = [name for name, att in attnames.items() if getattr(lawyer, att) != getattr(old, att)]
        # The registered record (is it the actor's to change?) and the result (where it now sits).
        return all(
            policies.allowed(actor, policies.LAWYER_CHANGE, obj, fields=changed) for obj in (old, lawyer)
        )

    count = bulk_change(
        actor=actor, model=Lawyer, rows=rows, fields=compared, action="lawyer.bulk_update", allowed=allowed
    )
    # A lawyer who changes firm changes two firms' coverage: the one left and the one joined.
    left = {old.firm_id for old in registered.values()}
    signals.lawyers_changed.send(sender=Lawyer, firm_ids=left | {lawyer.firm_id for lawyer in rows})
    return count


@transaction.atomic
def trainees_bulk_update(*, actor: Actor | None, trainees: Iterable[Trainee], fields: list[str]) -> int:
    """Change many trainees at once (imports)."""
    return bulk_change(
        actor=actor,
        model=Trainee,
        rows=trainees,
        fields=fields,
        action="trainee.bulk_update",
        allowed=lambda trainee: policies.allowed(actor, policies.TRAINEE_CHANGE, trainee),
    )
