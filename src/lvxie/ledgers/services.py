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
from lvxie.core.services import snapshot
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload
from lvxie.notifications.selectors import firm_accounts, firm_people, region_people
from lvxie.notifications.services import Text, notify
from lvxie.workflow.transitions import (
    Change,
    Message,
    Transition,
    Workflow,
    actor_name,
    claim_version,
    perform,
    store_uploads,
)
from lvxie.workflow.workdays import due_soon_until

from . import policies
from .choices import ItemAction, ItemStatus
from .models import EDITABLE_STATUSES, Evidence, ItemEvent, Ledger, RectificationItem

EDITABLE = EDITABLE_STATUSES
STALE = _(
    "Someone else changed this item after you opened it. Your change was not saved: "
    "reload the page to see the current version, then make your change again."
)


def _event(actor: Actor | None, item: RectificationItem, action: str, reason: str = "") -> None:
    ItemEvent.objects.create(
        item=item,
        action=action,
        status=item.status,
        reason=reason,
        actor=signed_in(actor),
        actor_name=actor_name(actor),
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
    claim_version(item, version, message=STALE)
    for name in ("problem", "goal", "measures", "responsible", "responsible_user", "deadline"):
        if name in fields:
            setattr(item, name, fields[name])
    save_audited(actor=actor, obj=item, action="ledger.item_update", before=before)
    _event(actor, item, ItemAction.EDIT)
    return item


def _store_evidence(
    actor: Actor | None, item: RectificationItem, files: Iterable[CheckedUpload]
) -> list[str]:
    names = store_uploads(Evidence, files, actor=actor, item=item)
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


def item_transition(
    *, actor: Actor | None, item: RectificationItem, action: str, version: int, reason: str = ""
) -> RectificationItem:
    """Move an item along its life (`ITEM_WORKFLOW`): start, submit for closure, close (销号), send
    back, reopen."""
    return perform(ITEM_WORKFLOW, actor=actor, obj=item, name=action, version=version, reason=reason)


def _apply(change: Change[RectificationItem]) -> None:
    item = change.obj
    if change.transition.needs_reason:
        item.reason = change.reason
    item.closed_at = timezone.now() if item.status == ItemStatus.CLOSED else None


def _tell(change: Change[RectificationItem]) -> Message | None:
    """Who hears of a transition: the level above of a submission, the firm of a decision."""
    item, action = change.obj, change.transition.name
    ledger = item.ledger
    if action == ItemAction.SUBMIT:
        users = list(region_people(ledger.region.path, party=ledger.party_org_id is not None))
    elif action in (ItemAction.CLOSE, ItemAction.RETURN, ItemAction.REOPEN):
        users = _people(item)
    else:
        return None
    return Message(
        users=users,
        title=Text(
            _("Rectification item %(number)s: %(action)s"),
            {"number": item.number, "action": ItemAction(action).label},
        ),
        body=f"{ledger.owner} · {item.problem[:120]}" + (f"\n{change.reason}" if change.reason else ""),
        url=item.get_absolute_url(),
    )


# Submitting and closing need evidence; sending back and reopening a reason. Who may: `policies.ITEM`.
ITEM_WORKFLOW: Workflow[RectificationItem] = Workflow(
    name="ledger.item",
    model=RectificationItem,
    states=ItemStatus,
    transitions=(
        Transition(ItemAction.START, (ItemStatus.OPEN, ItemStatus.RETURNED), ItemStatus.IN_PROGRESS),
        Transition(ItemAction.SUBMIT, EDITABLE, ItemStatus.SUBMITTED, needs_files=True),
        Transition(ItemAction.CLOSE, (ItemStatus.SUBMITTED,), ItemStatus.CLOSED, needs_files=True),
        Transition(ItemAction.RETURN, (ItemStatus.SUBMITTED,), ItemStatus.RETURNED, needs_reason=True),
        Transition(ItemAction.REOPEN, (ItemStatus.CLOSED,), ItemStatus.IN_PROGRESS, needs_reason=True),
    ),
    steps=ItemAction,
    policy_actions=policies.ITEM,
    audit_prefix="ledger.item_",
    wrong_state=_("An item that is %(status)s cannot be %(action)s."),
    version_field="version",
    apply=_apply,
    has_files=lambda item: item.evidence.exists(),
    files_missing=(
        _("Add evidence that the problem is solved before the item is submitted or closed."),
        "no_evidence",
    ),
    history=lambda change: _event(change.actor, change.obj, change.transition.name, change.reason),
    tell=_tell,
    stale_message=STALE,
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
