"""Writes to rectification ledgers.

Who does what (keep the ledger, close or send back an item from the level above, reopen) is
`lvxie.ledgers.policies`; each service asks it first.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload
from lvxie.notifications.selectors import firm_accounts, firm_people, region_people
from lvxie.notifications.services import Text, notify
from lvxie.workflow.workdays import due_soon_until

from . import policies
from .choices import ItemAction, ItemStatus
from .models import Evidence, ItemEvent, Ledger, RectificationItem

EDITABLE = (ItemStatus.OPEN, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED)
# action: (statuses it may start from, status it leads to); who may take it is `policies.ITEM[action]`.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    ItemAction.START: ((ItemStatus.OPEN, ItemStatus.RETURNED), ItemStatus.IN_PROGRESS),
    ItemAction.SUBMIT: (EDITABLE, ItemStatus.SUBMITTED),
    ItemAction.CLOSE: ((ItemStatus.SUBMITTED,), ItemStatus.CLOSED),
    ItemAction.RETURN: ((ItemStatus.SUBMITTED,), ItemStatus.RETURNED),
    ItemAction.REOPEN: ((ItemStatus.CLOSED,), ItemStatus.IN_PROGRESS),
}
NEEDS_REASON = (ItemAction.RETURN, ItemAction.REOPEN)
NEEDS_EVIDENCE = (ItemAction.SUBMIT, ItemAction.CLOSE)


def _event(actor: Actor | None, item: RectificationItem, action: str, reason: str = "") -> None:
    name = "" if actor is None else (getattr(actor, "display_name", "") or actor.get_username())
    ItemEvent.objects.create(
        item=item,
        action=action,
        status=item.status,
        reason=reason,
        actor=signed_in(actor),
        actor_name=name[:150],
    )


def _people(item: RectificationItem) -> list:
    """Who hears about an item: the owner's people (a firm's administrators, an organization's
    secretaries) and the responsible person's account."""
    ledger = item.ledger
    org_ids = [ledger.party_org_id] if ledger.party_org_id else []
    return [*firm_people([ledger.firm_id] if ledger.firm_id else [], org_ids), item.responsible_user]


def _check_responsible(ledger: Ledger, user) -> None:
    accounts = firm_accounts(ledger.firm_id, ledger.party_org_id)
    if user is not None and not accounts.filter(pk=user.pk).exists():
        raise ValidationError(
            {
                "responsible_user": ValidationError(
                    _("This account does not act for the firm."), code="not_of_firm"
                )
            }
        )


def _lock(item: RectificationItem, version: int) -> None:
    """Claim the next version, or refuse: someone changed the item since `version` was read. One
    conditional UPDATE, so two people saving at once cannot both succeed."""
    claimed = RectificationItem.objects.filter(pk=item.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise ValidationError(
            _(
                "Someone else changed this item after you opened it. Your change was not saved: "
                "reload the page to see the current version, then make your change again."
            ),
            code="stale",
        )
    item.version = version + 1


@transaction.atomic
def ledger_create(
    *, actor: Actor | None, title: str, year: int, firm=None, party_org=None, notice=None, campaign: str = ""
) -> Ledger:
    """Open a rectification ledger for a firm or for a Party organization (exactly one of them)."""
    if (firm is None) == (party_org is None):
        raise ValidationError(_("Choose a law firm or a Party organization."), code="one_owner")
    owner = firm or party_org
    ledger = Ledger(
        firm=firm,
        party_org=party_org,
        region=owner.region,
        title=title,
        year=year,
        notice=notice,
        campaign=campaign,
        created_by=signed_in(actor),
    )
    policies.require(actor, policies.LEDGER_CREATE, ledger)
    return save_audited(actor=actor, obj=ledger, action="ledger.create")


@transaction.atomic
def item_add(
    *,
    actor: Actor | None,
    ledger: Ledger,
    problem: str,
    goal: str,
    measures: str,
    responsible: str,
    deadline: date,
    responsible_user=None,
    evidence: Iterable[CheckedUpload] = (),
) -> RectificationItem:
    """Add an item (at any time: the ledger is managed dynamically). Its number is the ledger's year
    and the next value of the ledger's counter, taken under a row lock."""
    policies.require(actor, policies.LEDGER_KEEP, ledger)
    _check_responsible(ledger, responsible_user)
    locked = Ledger.objects.select_for_update().get(pk=ledger.pk)
    seq = locked.next_seq
    Ledger.objects.filter(pk=ledger.pk).update(next_seq=F("next_seq") + 1)
    item = RectificationItem(
        ledger=ledger,
        seq=seq,
        number=f"{ledger.year}-{seq:03d}",
        problem=problem,
        goal=goal,
        measures=measures,
        responsible=responsible,
        responsible_user=responsible_user,
        deadline=deadline,
    )
    save_audited(actor=actor, obj=item, action="ledger.item_add")
    _event(actor, item, ItemAction.ADD)
    _store_evidence(actor, item, evidence)
    if actor is not None and not policies.acts_for(actor, ledger):
        notify(
            users=_people(item),
            title=Text(_("New rectification item %(number)s"), {"number": item.number}),
            body=problem[:200],
            url=item.get_absolute_url(),
        )
    return item


@transaction.atomic
def item_update(*, actor: Actor | None, item: RectificationItem, version: int, **fields) -> RectificationItem:
    """Change an item's problem, goal, measures, responsible person or deadline, on the version the
    actor saw. Submitted and closed items are fixed until sent back or reopened."""
    policies.require(actor, policies.LEDGER_KEEP, item.ledger)
    if item.status not in EDITABLE:
        raise ValidationError(
            _("An item that is %(status)s cannot be edited."),
            code="not_editable",
            params={"status": item.get_status_display()},
        )
    if "responsible_user" in fields:
        _check_responsible(item.ledger, fields["responsible_user"])
    before = snapshot(item)
    _lock(item, version)
    for name in ("problem", "goal", "measures", "responsible", "responsible_user", "deadline"):
        if name in fields:
            setattr(item, name, fields[name])
    save_audited(actor=actor, obj=item, action="ledger.item_update", before=before)
    _event(actor, item, ItemAction.EDIT)
    return item


def _store_evidence(
    actor: Actor | None, item: RectificationItem, files: Iterable[CheckedUpload]
) -> list[str]:
    names = []
    for upload in files:
        stored = Evidence.from_upload(upload, uploaded_by=actor, item=item)
        validate(stored)
        stored.save()
        names.append(stored.name)
    if names:
        audit_record(actor=actor, action="ledger.item_evidence", obj=item, after={"files": names})
        _event(actor, item, ItemAction.EVIDENCE, "、".join(names))
    return names


@transaction.atomic
def item_evidence_add(
    *, actor: Actor | None, item: RectificationItem, files: Iterable[CheckedUpload]
) -> list[str]:
    """Attach evidence files to an item that is not closed."""
    policies.require(actor, policies.LEDGER_KEEP, item.ledger)
    if item.status == ItemStatus.CLOSED:
        raise ValidationError(_("A closed item cannot be changed; reopen it first."), code="closed")
    files = list(files)
    if not files:
        raise ValidationError(_("Choose at least one file."), code="required")
    return _store_evidence(actor, item, files)


@transaction.atomic
def item_transition(
    *, actor: Actor | None, item: RectificationItem, action: str, version: int, reason: str = ""
) -> RectificationItem:
    """Move an item along its life: start, submit for closure, close (销号), send back, reopen. Each
    is allowed only from given statuses, by given people; sending back and reopening need a reason,
    submitting and closing need evidence."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    policies.require(actor, policies.ITEM[action], item)
    sources, target = TRANSITIONS[action]
    if item.status not in sources:
        raise ValidationError(
            _("An item that is %(status)s cannot be %(action)s."),
            code="transition",
            params={"status": item.get_status_display(), "action": ItemAction(action).label},
        )
    reason = reason.strip()
    if action in NEEDS_REASON and not reason:
        raise ValidationError({"reason": ValidationError(_("Give the reason."), code="reason_required")})
    if action in NEEDS_EVIDENCE and not item.evidence.exists():
        raise ValidationError(
            _("Add evidence that the problem is solved before the item is submitted or closed."),
            code="no_evidence",
        )
    before = snapshot(item)
    _lock(item, version)
    item.status = target
    if action in NEEDS_REASON:
        item.reason = reason
    item.closed_at = timezone.now() if target == ItemStatus.CLOSED else None
    save_audited(actor=actor, obj=item, action=f"ledger.item_{action}", before=before)
    _event(actor, item, action, reason)
    _tell(item, action, reason)
    return item


def _tell(item: RectificationItem, action: str, reason: str) -> None:
    """Who hears of a transition: the level above of a submission, the firm of a decision."""
    ledger = item.ledger
    labels = {"number": item.number, "action": ItemAction(action).label}
    if action == ItemAction.SUBMIT:
        users = region_people(ledger.region.path, party=ledger.party_org_id is not None)
    elif action in (ItemAction.CLOSE, ItemAction.RETURN, ItemAction.REOPEN):
        users = _people(item)
    else:
        return
    notify(
        users=users,
        title=Text(_("Rectification item %(number)s: %(action)s"), labels),
        body=f"{ledger.owner} · {item.problem[:120]}" + (f"\n{reason}" if reason else ""),
        url=item.get_absolute_url(),
    )


@transaction.atomic
def ledger_reminders_send(*, today: date | None = None) -> int:
    """The scheduled job (`lvxie tick`, registered in LedgersConfig): remind the firm of each unfinished
    item due within LVXIE_DUE_SOON_WORKING_DAYS working days or overdue, once per item per day.
    Returns the number of notifications sent."""
    today = today or timezone.localdate()
    items = RectificationItem.objects.filter(status__in=EDITABLE, deadline__lte=due_soon_until(today))
    sent = 0
    for item in items.select_related(
        "ledger", "ledger__firm", "ledger__party_org", "responsible_user"
    ).order_by("id"):
        overdue = item.deadline < today
        title = (
            _("Overdue: rectification item %(number)s")
            if overdue
            else _("Due %(deadline)s: rectification item %(number)s")
        )
        sent += notify(
            users=_people(item),
            title=Text(title, {"number": item.number, "deadline": item.deadline}),
            body=item.problem[:200],
            url=item.get_absolute_url(),
            key=f"ledger-item:{item.pk}:{'overdue' if overdue else 'due'}:{today.isoformat()}",
        )
    return sent
