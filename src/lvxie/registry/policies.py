"""Who may do what in the registry, in one place.

One question, `allowed(actor, action, obj, fields=...)`, answered from the actor's scope: services ask
it before they write (`require`, which refuses with a translated reason), pages and the API ask it
before they offer a button or a field, imports before they accept a row. Visibility is not decided
here: an object the actor cannot see is a 404 before any of this is asked.

Lawyers' records are the one place where a right depends on the field:
- the bar association and the judicial bureau (region editors) change everything in their subtree;
- a firm administrator changes the contact and practice fields of the firm's lawyers (phone, practice
  areas, and the employer of a part-time lawyer, who practises beside another job), never what the
  licence says (number, status, kind, firm, district, year, ID number) and never registers a lawyer:
  a lawyer enters the register when the judicial bureau grants the licence, not when a firm says so;
- a lawyer changes their own contact details (phone, practice areas) and reads the rest.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor

from .choices import LawyerKind
from .models import LawFirm, Lawyer, OverseasOffice, Region, Trainee

FIRM_REGISTER = "firm.register"
FIRM_CHANGE = "firm.change"
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


def edit_allowed(
    actor: Actor | None, *, region: Region | None = None, firm: LawFirm | None = None, firm_roles: bool
) -> bool:
    """May the actor write records placed at this region or firm? Firm administrators write only the
    kinds of record a firm keeps itself (`firm_roles`). `actor=None` is the system itself."""
    if actor is None:
        return True
    view = scope_of(actor).edits()
    path = region.path if region is not None else firm.region.path if firm is not None else None
    if path is not None and any(path.startswith(p) for p in view.region_paths):
        return True
    return firm_roles and firm is not None and firm.pk in view.firm_ids


def lawyer_fields(actor: Actor | None, lawyer: Lawyer) -> frozenset[str]:
    """The fields of this lawyer's record the actor may change (empty: none, read only)."""
    if edit_allowed(actor, region=lawyer.region, firm_roles=False):
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


def _rule_region(actor: Actor | None, obj, fields) -> bool:
    return edit_allowed(actor, region=obj.region, firm_roles=False)


def _rule_firm(actor: Actor | None, obj: LawFirm, fields) -> bool:
    return edit_allowed(actor, firm=obj, firm_roles=False)


def _rule_firm_kept(actor: Actor | None, obj: Trainee | OverseasOffice, fields) -> bool:
    # Records a firm keeps itself: its trainees and its overseas offices.
    return edit_allowed(actor, firm=obj.firm, firm_roles=True)


def _rule_lawyer_change(actor: Actor | None, obj: Lawyer, fields: Iterable[str] | None) -> bool:
    # Even a change of nothing needs some right to change (else it would leave an audit event anyway).
    may = lawyer_fields(actor, obj)
    return bool(may) and (fields is None or set(fields) <= may)


_RULES: dict[str, Callable[..., bool]] = {
    FIRM_REGISTER: _rule_region,
    FIRM_CHANGE: _rule_firm,
    LAWYER_REGISTER: _rule_region,
    LAWYER_CHANGE: _rule_lawyer_change,
    TRAINEE_REGISTER: _rule_firm_kept,
    TRAINEE_CHANGE: _rule_firm_kept,
    OFFICE_REGISTER: _rule_firm_kept,
    OFFICE_CHANGE: _rule_firm_kept,
    COMMITTEE_CREATE: _rule_region,
    COMMITTEE_CHANGE: _rule_region,
}


def allowed(actor: Actor | None, action: str, obj, *, fields: Iterable[str] | None = None) -> bool:
    """May the actor do `action` to `obj`? For a change, `fields` names what would change (None: may
    they change anything at all, e.g. to show an Edit button)."""
    return _RULES[action](actor, obj, fields)


def field_labels(model, names: Iterable[str]) -> str:
    """The fields' names as a user reads them, in the model's order, for a message."""
    names = set(names)
    return "、".join(str(capfirst(field.verbose_name)) for field in model._meta.fields if field.name in names)


def refused_fields(actor: Actor | None, lawyer: Lawyer, fields: Iterable[str]) -> list[str]:
    """Of the fields that would change, those the actor may not change."""
    may = lawyer_fields(actor, lawyer)
    return sorted(set(fields) - may)


def require(actor: Actor | None, action: str, obj, *, fields: Iterable[str] | None = None) -> None:
    """Refuse (403) what `allowed` does not allow; a refused field change names the fields."""
    fields = None if fields is None else list(fields)
    if allowed(actor, action, obj, fields=fields):
        return
    if action == LAWYER_CHANGE and fields:
        refused = refused_fields(actor, obj, fields)
        if refused and lawyer_fields(actor, obj):
            raise PermissionDenied(refusal_message(refused))
    raise PermissionDenied


def refusal_message(refused: Iterable[str]) -> str:
    """Why a change to these fields of a lawyer's record is refused (rendered in the current language)."""
    return str(
        _("You may not change %(fields)s: ask the judicial bureau or the bar association.")
        % {"fields": field_labels(Lawyer, refused)}
    )
