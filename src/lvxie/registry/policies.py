"""Who may do what in the registry, in one place.

One question, `allowed(actor, action, obj, fields=...)` (the shared form, lvxie.core.policy), answered
from the actor's scope: services ask it before they write (`require`, which refuses with a translated
reason), pages and the API ask it before they offer a button or a field, imports before they accept a
row. Visibility is not decided here: an object the actor cannot see is a 404 before any of this is asked.

Lawyers' records are the one place where a right depends on the field:
- the bar association and the judicial bureau (region editors) change everything in their subtree;
- a firm administrator changes the contact and practice fields of the firm's lawyers (phone, practice
  areas, and the employer of a part-time lawyer, who practises beside another job), never what the
  licence says (number, status, kind, firm, district, year, ID number) and never registers a lawyer:
  a lawyer enters the register when the judicial bureau grants the licence, not when a firm says so;
- a lawyer changes their own contact details (phone, practice areas) and reads the rest.
"""

from collections.abc import Iterable

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor

from .choices import LawyerKind
from .models import LawFirm, Lawyer, OverseasOffice, Region, Trainee

FIRM_REGISTER = "firm.register"
FIRM_CHANGE = "firm.change"
# Keep the records a firm keeps itself (its trainees, its overseas offices): its administrators too.
FIRM_KEEP = "firm.keep"
LAWYER_REGISTER = "lawyer.register"
LAWYER_CHANGE = "lawyer.change"
TRAINEE_REGISTER = "trainee.register"
TRAINEE_CHANGE = "trainee.change"
OFFICE_REGISTER = "office.register"
OFFICE_CHANGE = "office.change"
COMMITTEE_CREATE = "committee.create"
COMMITTEE_CHANGE = "committee.change"

# Every field of a lawyer's record that anyone may change (the record as the bureau keeps it).
# A lawyer's registered fields, in the order the edit form shows them.
LAWYER_FIELD_ORDER = (
    "name",
    "gender",
    "kind",
    "status",
    "licence_no",
    "firm",
    "employer",
    "region",
    "first_licensed_year",
    "practice_areas",
    "phone",
    "id_number",
)
LAWYER_FIELDS = frozenset(LAWYER_FIELD_ORDER)
# What a lawyer keeps current themself, and a firm for its lawyers.
LAWYER_CONTACT_FIELDS = frozenset({"phone", "practice_areas"})


def _writes_at(
    actor: Actor, *, region: Region | None = None, firm: LawFirm | None = None, firm_kept: bool
) -> bool:
    """May the actor write records placed at this region or firm? Firm administrators write only the
    kinds of record a firm keeps itself (`firm_kept`)."""
    view = scope_of(actor).edits()
    path = region.path if region is not None else firm.region.path if firm is not None else None
    if under(path, view.region_paths):
        return True
    return firm_kept and firm is not None and firm.pk in view.firm_ids


def lawyer_fields(actor: Actor | None, lawyer: Lawyer) -> frozenset[str]:
    """The fields of this lawyer's record the actor may change (empty: none, read only)."""
    if actor is None or _writes_at(actor, region=lawyer.region, firm_kept=False):
        return LAWYER_FIELDS
    scope = scope_of(actor)
    fields: set[str] = set()
    if lawyer.pk is not None and lawyer.pk in scope.lawyer_ids:
        fields |= LAWYER_CONTACT_FIELDS
    if lawyer.firm_id is not None and lawyer.firm_id in scope.edit_firm_ids:
        fields |= LAWYER_CONTACT_FIELDS
        if lawyer.kind == LawyerKind.PART_TIME:
            fields.add("employer")
    return frozenset(fields)


def _rule_region(actor: Actor, obj, **ctx) -> bool:
    return _writes_at(actor, region=obj.region, firm_kept=False)


def _rule_firm(actor: Actor, obj: LawFirm, **ctx) -> bool:
    return _writes_at(actor, firm=obj, firm_kept=False)


def _rule_firm_keep(actor: Actor, obj: LawFirm | None, **ctx) -> bool:
    return _writes_at(actor, firm=obj, firm_kept=True)


def _rule_firm_kept(actor: Actor, obj: Trainee | OverseasOffice, **ctx) -> bool:
    # Records a firm keeps itself: its trainees and its overseas offices.
    return _rule_firm_keep(actor, obj.firm)


def _rule_lawyer_change(actor: Actor, obj: Lawyer, *, fields: Iterable[str] | None = None, **ctx) -> bool:
    # For a change, `fields` names what would change (None: may they change anything at all, e.g. to
    # show an Edit button). Even a change of nothing needs some right to change (else it would leave an
    # audit event anyway).
    may = lawyer_fields(actor, obj)
    return bool(may) and (fields is None or set(fields) <= may)


def _lawyer_refusal(actor, obj: Lawyer, *, fields: Iterable[str] | None = None, **ctx) -> str | None:
    """A refused field change names the fields (when the actor may change some others)."""
    if fields:
        refused = refused_fields(actor, obj, fields)
        if refused and lawyer_fields(actor, obj):
            return refusal_message(refused)
    return None


POLICY = register(
    Policy(
        {
            FIRM_REGISTER: _rule_region,
            FIRM_CHANGE: _rule_firm,
            FIRM_KEEP: _rule_firm_keep,
            LAWYER_REGISTER: _rule_region,
            LAWYER_CHANGE: _rule_lawyer_change,
            TRAINEE_REGISTER: _rule_firm_kept,
            TRAINEE_CHANGE: _rule_firm_kept,
            OFFICE_REGISTER: _rule_firm_kept,
            OFFICE_CHANGE: _rule_firm_kept,
            COMMITTEE_CREATE: _rule_region,
            COMMITTEE_CHANGE: _rule_region,
        },
        reasons={LAWYER_CHANGE: _lawyer_refusal},
    )
)
allowed = POLICY.allowed
require = POLICY.require


def field_labels(model, names: Iterable[str]) -> str:
    """The fields' names as a user reads them, in the model's order, for a message."""
    names = set(names)
    return "、".join(str(capfirst(field.verbose_name)) for field in model._meta.fields if field.name in names)


def refused_fields(actor: Actor | None, lawyer: Lawyer, fields: Iterable[str]) -> list[str]:
    """Of the fields that would change, those the actor may not change."""
    may = lawyer_fields(actor, lawyer)
    return sorted(set(fields) - may)


def refusal_message(refused: Iterable[str]) -> str:
    """Why a change to these fields of a lawyer's record is refused (rendered in the current language)."""
    return str(
        _("You may not change %(fields)s: ask the judicial bureau or the bar association.")
        % {"fields": field_labels(Lawyer, refused)}
    )
