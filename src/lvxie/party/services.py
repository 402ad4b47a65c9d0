"""Writes to the Party side. Each service checks the actor's Party scope, validates, saves, audits and
refreshes the coverage rows of the firms it touched, all in one transaction. `actor=None` is the system."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record
from lvxie.core import request_cache
from lvxie.core.bulk import save_row
from lvxie.core.paths import under
from lvxie.core.scoping import scope_of
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor, signed_in
from lvxie.notifications.selectors import people_of
from lvxie.notifications.services import Text, notify
from lvxie.registry.models import LawFirm, Lawyer, Region
from lvxie.registry.services import bulk_change, bulk_register, bulk_validate
from lvxie.workflow.transitions import Change, Message, Transition, Workflow, actor_name, perform

from . import policies, selectors
from .choices import (
    FIRM_KINDS,
    OWN_KINDS,
    MemberKind,
    MemberStatus,
    OrgKind,
    OrgStatus,
    TransferAction,
    TransferStatus,
)
from .coverage import coverage_refresh
from .models import (
    Instructor,
    MemberTransfer,
    OrgFirm,
    Pairing,
    PartyMembership,
    PartyOrg,
    VenueChecklist,
)


def _require_active(org: PartyOrg) -> None:
    if not org.is_active:
        raise ValidationError(_("This organization is no longer active."), code="org_inactive")


def _member_firms(org: PartyOrg) -> set[int]:
    return set(org.memberships.filter(status=MemberStatus.ACTIVE).values_list("lawyer__firm_id", flat=True))


def _linked_firms(org: PartyOrg) -> set[int]:
    return set(org.firm_links.filter(until__isnull=True).values_list("firm_id", flat=True))


def _set_path(org: PartyOrg) -> None:
    org.path = (org.parent.path if org.parent is not None else "") + f"{org.pk}/"
    org.region_path = org.region.path


def _check_firms(org: PartyOrg, firms: list[LawFirm]) -> None:
    if org.kind in OWN_KINDS and len(firms) != 1:
        raise ValidationError(_("This kind of organization sits in exactly one firm."), code="one_firm")
    if org.kind not in FIRM_KINDS and firms:
        raise ValidationError(_("This kind of organization covers no firms."), code="no_firms")
    for firm in firms:
        if not under(firm.region.path, org.region.path):
            raise ValidationError(
                _("%(firm)s is outside the organization's region.") % {"firm": firm}, code="firm_outside"
            )
    taken = OrgFirm.objects.filter(firm__in=firms, until__isnull=True).select_related("firm")
    if org.pk is not None:
        taken = taken.exclude(org=org)
    if taken:
        raise ValidationError(
            _("%(firm)s is already in an organization; move it instead.") % {"firm": taken[0].firm},
            code="firm_taken",
        )


@transaction.atomic
def org_create(
    *,
    actor: Actor | None,
    name: str,
    kind: str,
    region: Region,
    founded_on: date,
    parent: PartyOrg | None = None,
    firms: Iterable[LawFirm] = (),
    secretary: Lawyer | None = None,
    deputy: Lawyer | None = None,
) -> PartyOrg:
    """Found an organization under an industry committee, in the firm(s) it sits in or covers."""
    policies.require(actor, policies.ORG_CREATE, region)
    firms = list(firms)
    org = PartyOrg(
        name=name,
        kind=kind,
        region=region,
        parent=parent,
        founded_on=founded_on,
        secretary=secretary,
        deputy=deputy,
    )
    if parent is not None:
        _require_active(parent)
    org.full_clean(exclude=["path", "region_path"])
    _check_firms(org, firms)
    org.save()
    _set_path(org)
    org.save(update_fields=["path", "region_path"])
    OrgFirm.objects.bulk_create([OrgFirm(org=org, firm=firm, since=founded_on) for firm in firms])
    audit_record(
        actor=actor,
        action="party.org_create",
        obj=org,
        after={**snapshot(org), "firms": [f.pk for f in firms]},
    )
    coverage_refresh(firm_ids=[f.pk for f in firms], orgs_added=[org])
    return org


@transaction.atomic
def org_update(
    *,
    actor: Actor | None,
    org: PartyOrg,
    name: str,
    founded_on: date,
    secretary: Lawyer | None = None,
    deputy: Lawyer | None = None,
) -> PartyOrg:
    """Rename an organization or change its secretary and deputy. Kind, region and place in the tree
    change only by merging or dissolving."""
    policies.require(actor, policies.ORG_EDIT, org)
    before = snapshot(org)
    org.name, org.founded_on, org.secretary, org.deputy = name, founded_on, secretary, deputy
    return save_audited(actor=actor, obj=org, action="party.org_update", before=before)


@transaction.atomic
def org_firm_move(*, actor: Actor | None, firm: LawFirm, to_org: PartyOrg | None, on: date) -> OrgFirm | None:
    """Move a firm into a joint branch, from whatever organization it was in (a firm's own organization is
    founded or dissolved instead); `to_org=None` takes it out of its joint branch. History is kept."""
    current = OrgFirm.objects.filter(firm=firm, until__isnull=True).select_related("org").first()
    if current is None and to_org is None:
        raise ValidationError(_("The firm is not in a joint branch."), code="not_in_joint")
    if current is not None:
        policies.require(actor, policies.ORG_EDIT, current.org)
        if current.org.kind != OrgKind.JOINT_BRANCH:
            raise ValidationError(_("The firm has its own organization."), code="own_org")
        if current.org == to_org:
            return current
        if on < current.since:
            raise ValidationError(_("The move cannot be before the firm joined."), code="before_since")
        current.until = on
        current.save(update_fields=["until"])
    link = None
    if to_org is not None:
        policies.require(actor, policies.ORG_EDIT, to_org)
        _require_active(to_org)
        if to_org.kind != OrgKind.JOINT_BRANCH:
            raise ValidationError(_("Firms move only into joint branches."), code="not_joint")
        _check_firms(to_org, [firm])
        link = OrgFirm(org=to_org, firm=firm, since=on)
        validate(link)
        link.save()
    audit_record(
        actor=actor,
        action="party.firm_move",
        obj=firm,
        before={"org": current.org_id if current else None},
        after={"org": to_org.pk if to_org else None, "on": on},
    )
    coverage_refresh(firm_ids=[firm.pk])
    return link


@transaction.atomic
def org_merge(*, actor: Actor | None, org: PartyOrg, into: PartyOrg, on: date) -> PartyOrg:
    """Merge `org` into `into`: its members are transferred, its firms and child organizations move
    across, and it ends as merged. Both must be active, of firm kinds, in the actor's scope."""
    policies.require(actor, policies.ORG_EDIT, org)
    policies.require(actor, policies.ORG_EDIT, into)
    _require_active(org)
    _require_active(into)
    if org == into or under(into.path, org.path):
        raise ValidationError(
            _("An organization cannot merge into itself or its own subtree."), code="merge_self"
        )
    if org.kind not in FIRM_KINDS or into.kind not in FIRM_KINDS:
        raise ValidationError(_("Only organizations in firms can merge."), code="merge_kind")
    if into.kind in OWN_KINDS and not _linked_firms(org) <= _linked_firms(into):
        # A firm's own organization holds only that firm: other firms go into a joint branch.
        raise ValidationError(
            _("Firms of other firms can only merge into a joint branch."), code="merge_firms"
        )
    firms = _linked_firms(org) | _linked_firms(into) | _member_firms(org)
    links = list(org.firm_links.filter(until__isnull=True))
    moving = {link.firm_id for link in links} - _linked_firms(into)
    for link in links:
        link.until = on
    OrgFirm.objects.bulk_update(links, ["until"])
    OrgFirm.objects.bulk_create([OrgFirm(org=into, firm_id=firm_id, since=on) for firm_id in moving])
    for member in org.memberships.filter(status=MemberStatus.ACTIVE).select_related("lawyer"):
        _transfer(member, to_org=into, on=on)
    for child in org.children.all():
        child.parent = into
        child.save(update_fields=["parent"])
        _rebase(child, into)
    before = snapshot(org)
    org.status, org.ended_on, org.merged_into = OrgStatus.MERGED, on, into
    org.save(update_fields=["status", "ended_on", "merged_into"])
    audit_record(
        actor=actor,
        action="party.org_merge",
        obj=org,
        before={"status": before["status"]},
        after={"status": org.status, "into": into.pk, "on": on, "firms": len(links)},
    )
    coverage_refresh(firm_ids=firms, orgs_ended=[org])
    return into


def _rebase(org: PartyOrg, parent: PartyOrg) -> None:
    """Give a moved organization and its subtree their new paths (one UPDATE per node: subtrees are small)."""
    old, new = org.path, parent.path + f"{org.pk}/"
    for node in PartyOrg.objects.filter(path__startswith=old):
        node.path = new + node.path[len(old) :]
        node.save(update_fields=["path"])


@transaction.atomic
def org_dissolve(*, actor: Actor | None, org: PartyOrg, on: date) -> PartyOrg:
    """Dissolve an organization that has no members and no active organizations under it (transfer or
    merge them first); its firms leave it, and their coverage is recomputed."""
    policies.require(actor, policies.ORG_EDIT, org)
    _require_active(org)
    if org.memberships.filter(status=MemberStatus.ACTIVE).exists():
        raise ValidationError(_("Transfer the members before dissolving."), code="has_members")
    if org.children.filter(status=OrgStatus.ACTIVE).exists():
        raise ValidationError(_("Dissolve or merge the organizations under it first."), code="has_children")
    firms = _linked_firms(org)
    org.firm_links.filter(until__isnull=True).update(until=on)
    before = snapshot(org)
    org.status, org.ended_on = OrgStatus.DISSOLVED, on
    save_audited(actor=actor, obj=org, action="party.org_dissolve", before=before)
    coverage_refresh(firm_ids=firms, orgs_ended=[org])
    return org


def _check_lawyer_place(org: PartyOrg, lawyer: Lawyer) -> None:
    if not under(lawyer.region.path, org.region_path):
        raise ValidationError(
            {
                "lawyer": ValidationError(
                    _("The lawyer practises outside the organization's region."), code="lawyer_outside"
                )
            }
        )


# The one answer, whatever the reason, when an actor may not learn why a lawyer cannot be added: an
# unknown licence number, a lawyer practising outside what the actor keeps, or a member of an
# organization the actor cannot see would otherwise each be told apart.
UNAVAILABLE = _("No lawyer with this licence number can be added to this organization.")


def unavailable() -> ValidationError:
    return ValidationError({"lawyer": ValidationError(UNAVAILABLE, code="unavailable")})


def _check_membership(member: PartyMembership) -> None:
    _require_active(member.org)
    _check_lawyer_place(member.org, member.lawyer)


def membership_validate(member: PartyMembership) -> None:
    """The checks a new or changed membership passes before a bulk write, for an import to report per
    row: an active organization, in whose region the lawyer practises, and the model's own rules. (One
    current membership per lawyer is the caller's to look up in bulk; the database enforces it.)"""
    _check_membership(member)
    bulk_validate(member)


@transaction.atomic
def membership_add(
    *,
    actor: Actor | None,
    org: PartyOrg,
    lawyer: Lawyer,
    kind: str,
    joined_party_on: date,
    joined_on: date,
    note: str = "",
) -> PartyMembership:
    """Record a lawyer's membership (a new member, or a transfer in from outside the industry: `note`).
    A lawyer the actor does not know (`selectors.knows_lawyer`), or who is a member of an organization the
    actor cannot see, gets the same answer as an unknown licence number: nothing else is learnt from it."""
    policies.require(actor, policies.ORG_KEEP, org)
    _require_active(org)
    if not selectors.knows_lawyer(actor, lawyer):
        raise unavailable()
    _check_lawyer_place(org, lawyer)
    current = PartyMembership.objects.filter(lawyer=lawyer, status=MemberStatus.ACTIVE).select_related("org")
    if current.exists():
        seen = (
            current.filter(PartyMembership.party_scope_q(scope_of(actor))).first()
            if actor
            else current.first()
        )
        if seen is None:
            raise unavailable()
        raise ValidationError(
            {
                "lawyer": ValidationError(
                    _("This lawyer is already a member of %(org)s; transfer instead."),
                    code="already_member",
                    params={"org": seen.org.name},
                )
            }
        )
    member = PartyMembership(
        org=org, lawyer=lawyer, kind=kind, joined_party_on=joined_party_on, joined_on=joined_on, note=note
    )
    validate(member)
    member.save()
    audit_record(actor=actor, action="party.member_add", obj=member, after={"org": org.pk, "kind": kind})
    coverage_refresh(firm_ids=[lawyer.firm_id])
    return member


def _transfer(member: PartyMembership, *, to_org: PartyOrg, on: date) -> PartyMembership:
    member.status, member.ended_on = MemberStatus.TRANSFERRED, on
    validate(member, fields=("status", "ended_on"))
    member.save(update_fields=["status", "ended_on"])
    moved = PartyMembership(
        org=to_org,
        lawyer=member.lawyer,
        kind=member.kind,
        joined_party_on=member.joined_party_on,
        joined_on=on,
        transferred_from=member,
    )
    validate(moved)
    save_row(moved)
    return moved


# Transfers (组织关系转接): asked for by the sending side, decided by the receiving side


def _transfer_people(transfer: MemberTransfer) -> list:
    """Both sides: the secretaries of the two organizations and the Party committee staff over them."""
    orgs = (transfer.from_org, transfer.to_org)
    return people_of(org_ids=[org.pk for org in orgs], over=[org.region_path for org in orgs], party=True)


def _transfer_message(actor: Actor | None, transfer: MemberTransfer) -> Message:
    """Tell both sides (not the actor) of a request or a decision. No names: notifications are mailed."""
    labels = {"from": transfer.from_org.name, "to": transfer.to_org.name}
    titles: dict[str, Promise] = {
        TransferStatus.PENDING: _("Member transfer from %(from)s to %(to)s awaits acceptance"),
        TransferStatus.ACCEPTED: _("Member transfer from %(from)s to %(to)s accepted"),
        TransferStatus.REFUSED: _("Member transfer from %(from)s to %(to)s refused"),
        TransferStatus.WITHDRAWN: _("Member transfer from %(from)s to %(to)s withdrawn"),
    }
    return Message(
        users=[user for user in _transfer_people(transfer) if actor is None or user.pk != actor.pk],
        title=Text(titles[transfer.status], labels),
        body=transfer.reason,
        url=transfer.get_absolute_url(),
        key=f"party.transfer:{transfer.pk}:{transfer.status}",
    )


@transaction.atomic
def membership_transfer(
    *, actor: Actor | None, member: PartyMembership, to_org: PartyOrg, on: date
) -> MemberTransfer:
    """Ask for a member's transfer to another organization in the industry (组织关系转接): to any
    organization under the same committee (`transfer_targets`). The member stays until the receiving side
    accepts; when the actor is the receiving side too (its committee staff), it is accepted at once."""
    policies.require(actor, policies.ORG_KEEP, member.org)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only a current member can be transferred."), code="not_active")
    _require_active(to_org)
    if to_org == member.org:
        raise ValidationError(_("The member is already in this organization."), code="same_org")
    _check_lawyer_place(to_org, member.lawyer)
    if not selectors.is_transfer_target(actor, member, to_org):
        raise ValidationError(
            {
                "to_org": ValidationError(
                    _("Choose an organization under the same Party committee."), code="not_target"
                )
            }
        )
    if on < member.joined_on or on < to_org.founded_on:
        raise ValidationError(
            {
                "on": ValidationError(
                    _(
                        "The transfer cannot be before the member joined, or before the receiving "
                        "organization was founded."
                    ),
                    code="too_early",
                )
            }
        )
    # (a second pending transfer of the member is refused by its constraint, checked in save_audited)
    transfer = MemberTransfer(
        member=member,
        from_org=member.org,
        to_org=to_org,
        on=on,
        requested_by=signed_in(actor),
        requested_by_name=actor_name(actor),
    )
    save_audited(actor=actor, obj=transfer, action="party.member_transfer")
    if policies.allowed(actor, policies.TRANSFER_ACCEPT, transfer):
        accept = TransferAction.ACCEPT  # (the row was inserted just now: not read again)
        return perform(TRANSFER_WORKFLOW, actor=actor, obj=transfer, name=accept, created_now=True)
    message = _transfer_message(actor, transfer)
    notify(users=message.users, title=message.title, body=message.body, url=message.url, key=message.key)
    return transfer


def transfer_decide(
    *, actor: Actor | None, transfer: MemberTransfer, action: str, reason: str = ""
) -> MemberTransfer:
    """Accept, refuse (with a reason) or withdraw a pending transfer (`TRANSFER_WORKFLOW`). Accepting
    ends the membership as transferred and starts the new one from the transfer's date; both sides are
    notified."""
    return perform(TRANSFER_WORKFLOW, actor=actor, obj=transfer, name=action, reason=reason)


def _transfer_apply(change: Change[MemberTransfer]) -> None:
    transfer, actor = change.obj, change.actor
    if change.transition.name == TransferAction.ACCEPT:
        member = transfer.member
        if member.status != MemberStatus.ACTIVE or member.org_id != transfer.from_org_id:
            raise ValidationError(_("The member has left this organization since the request."), code="moved")
        _require_active(transfer.to_org)
        transfer.moved = _transfer(transfer.member, to_org=transfer.to_org, on=transfer.on)
        coverage_refresh(firm_ids=[transfer.member.lawyer.firm_id])
    transfer.reason = change.reason
    transfer.decided_by, transfer.decided_by_name = signed_in(actor), actor_name(actor)
    transfer.decided_at = timezone.now()


# Asked for by the sending side (`membership_transfer`), decided by the receiving side; the sending side
# may withdraw. The row is locked while deciding: two people deciding at once cannot both succeed.
TRANSFER_WORKFLOW: Workflow[MemberTransfer] = Workflow(
    name="party.transfer",
    model=MemberTransfer,
    states=TransferStatus,
    transitions=(
        Transition(TransferAction.ACCEPT, (TransferStatus.PENDING,), TransferStatus.ACCEPTED),
        Transition(
            TransferAction.REFUSE, (TransferStatus.PENDING,), TransferStatus.REFUSED, needs_reason=True
        ),
        Transition(TransferAction.WITHDRAW, (TransferStatus.PENDING,), TransferStatus.WITHDRAWN),
    ),
    steps=TransferAction,
    policy_actions=policies.TRANSFER,
    audit_prefix="party.member_transfer_",
    wrong_state=_("A transfer that is %(status)s cannot be %(action)s."),
    lock_related=("member__lawyer__region", "member__org", "from_org", "to_org"),
    apply=_transfer_apply,
    tell=lambda change: _transfer_message(change.actor, change.obj),
)


@transaction.atomic
def membership_end(
    *, actor: Actor | None, member: PartyMembership, status: str, on: date, note: str = ""
) -> PartyMembership:
    """End a membership: transferred out of the industry, or left (`status`). The row stays as history."""
    policies.require(actor, policies.ORG_KEEP, member.org)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only a current membership can end."), code="not_active")
    if status not in (MemberStatus.TRANSFERRED, MemberStatus.LEFT):
        raise ValidationError(_("A membership ends as transferred out or left."), code="bad_status")
    member.status, member.ended_on, member.note = status, on, note or member.note
    validate(member, fields=("status", "ended_on", "note"))
    member.save(update_fields=["status", "ended_on", "note"])
    audit_record(actor=actor, action="party.member_end", obj=member, after={"status": status, "on": on})
    coverage_refresh(firm_ids=[member.lawyer.firm_id])
    return member


@transaction.atomic
def membership_confirm(*, actor: Actor | None, member: PartyMembership) -> PartyMembership:
    """A probationary member becomes a full member (转正)."""
    policies.require(actor, policies.ORG_KEEP, member.org)
    if member.status != MemberStatus.ACTIVE or member.kind != MemberKind.PROBATIONARY:
        raise ValidationError(
            _("Only a current probationary member can be confirmed."), code="not_probationary"
        )
    member.kind = MemberKind.FULL
    member.save(update_fields=["kind"])
    audit_record(actor=actor, action="party.member_confirm", obj=member, after={"kind": member.kind})
    coverage_refresh(firm_ids=[member.lawyer.firm_id])
    return member


@transaction.atomic
def members_read(*, actor: Actor | None, org: PartyOrg, what: str = "list") -> None:
    """Record that an administrator read who is a member of `org` (a page, an export or the API)."""
    audit_record(actor=actor, action="party.members_read", obj=org, after={"what": what})


@transaction.atomic
def instructor_assign(
    *, actor: Actor | None, org: PartyOrg, firm: LawFirm, name: str, started_on: date, phone: str = ""
) -> Instructor:
    """Send an instructor from an industry committee to a firm: work coverage from `started_on`."""
    policies.require(actor, policies.INSTRUCTOR_ASSIGN, org)
    if org.kind != OrgKind.INDUSTRY_COMMITTEE:
        raise ValidationError(
            {
                "org": ValidationError(
                    _("Instructors are sent by an industry Party committee."), code="not_committee"
                )
            }
        )
    if not under(firm.region.path, org.region_path):
        raise ValidationError(
            {"firm": ValidationError(_("The firm is outside the committee's region."), code="firm_outside")}
        )
    instructor = Instructor(org=org, firm=firm, name=name, phone=phone, started_on=started_on)
    save_audited(actor=actor, obj=instructor, action="party.instructor_assign")
    coverage_refresh(firm_ids=[firm.pk])
    return instructor


@transaction.atomic
def instructor_end(*, actor: Actor | None, instructor: Instructor, ended_on: date) -> Instructor:
    """End an instructor's assignment; the firm's work coverage goes with it unless another remains."""
    policies.require(actor, policies.INSTRUCTOR_END, instructor)
    if instructor.ended_on is not None:
        raise ValidationError(_("This assignment has already ended."), code="ended")
    before = snapshot(instructor)
    instructor.ended_on = ended_on
    save_audited(actor=actor, obj=instructor, action="party.instructor_end", before=before)
    coverage_refresh(firm_ids=[instructor.firm_id])
    return instructor


@transaction.atomic
def pairing_create(*, actor: Actor | None, org: PartyOrg, **fields) -> Pairing:
    """Record one of the three pairings of an organization."""
    policies.require(actor, policies.ORG_KEEP, org)
    return save_audited(actor=actor, obj=Pairing(org=org, **fields), action="party.pairing_create")


@transaction.atomic
def venue_check(
    *, actor: Actor | None, org: PartyOrg, items: Iterable[str], checked_on: date
) -> VenueChecklist:
    """Record which of the six venue items (六个有) an organization's activity room has."""
    policies.require(actor, policies.ORG_KEEP, org)
    venue = VenueChecklist.objects.filter(org=org).first()
    before = snapshot(venue) if venue else None
    venue = venue or VenueChecklist(org=org)
    venue.items, venue.checked_on = sorted(set(items)), checked_on
    return save_audited(actor=actor, obj=venue, action="party.venue_check", before=before)


# Bulk (seeding, imports)


@transaction.atomic
def orgs_bulk_create(*, actor: Actor | None, orgs: list[PartyOrg], links: list[OrgFirm]) -> int:
    """Found many organizations (parents may be among them, listed first) with their firm links; the
    coverage of the firms is recomputed once at the end."""

    def allowed(org: PartyOrg) -> bool:
        return policies.allowed(actor, policies.ORG_CREATE, org.region)

    for org in orgs:
        org.region_path = org.region.path
    depth: dict[int, int] = {}
    for org in orgs:
        depth[id(org)] = (
            depth[id(org.parent)] + 1 if org.parent is not None and id(org.parent) in depth else 0
        )
    count = bulk_register(
        actor=actor,
        model=PartyOrg,
        rows=orgs,
        action="party.org_bulk_create",
        allowed=allowed,
        level=lambda org: depth[id(org)],
    )
    for level in sorted(set(depth.values())):
        group = [org for org in orgs if depth[id(org)] == level]
        for org in group:
            _set_path(org)
        PartyOrg.objects.bulk_update(group, ["path"], batch_size=1000)
    request_cache.paths_changed()  # (bulk writes send no signal: cached scopes must hear of new paths)
    bulk_register(
        actor=actor,
        model=OrgFirm,
        rows=links,
        action="party.firm_bulk_link",
        allowed=lambda link: allowed(link.org),
    )
    coverage_refresh(firm_ids={link.firm_id for link in links}, orgs_added=orgs)
    return count


@transaction.atomic
def memberships_bulk_add(*, actor: Actor | None, members: list[PartyMembership]) -> int:
    """Record many memberships at once (seeding, imports of an existing roll): each in an active
    organization the actor keeps, in whose region the lawyer practises."""
    for member in members:
        _check_membership(member)
    count = bulk_register(
        actor=actor,
        model=PartyMembership,
        rows=members,
        action="party.member_bulk_add",
        allowed=lambda member: policies.allowed(actor, policies.ORG_KEEP, member.org),
    )
    coverage_refresh(firm_ids={member.lawyer.firm_id for member in members})
    return count


@transaction.atomic
def memberships_bulk_update(*, actor: Actor | None, members: list[PartyMembership], fields: list[str]) -> int:
    """Correct many current memberships at once (imports): `fields` are the columns that changed (kind,
    dates, note); a membership changes organization only by a transfer."""
    for member in members:
        _check_membership(member)
    count = bulk_change(
        actor=actor,
        model=PartyMembership,
        rows=members,
        fields=fields,
        action="party.member_bulk_update",
        allowed=lambda member: policies.allowed(actor, policies.ORG_KEEP, member.org),
    )
    coverage_refresh(firm_ids={member.lawyer.firm_id for member in members})
    return count


@transaction.atomic
def instructors_bulk_assign(*, actor: Actor | None, instructors: list[Instructor]) -> int:
    count = bulk_register(
        actor=actor,
        model=Instructor,
        rows=instructors,
        action="party.instructor_bulk_assign",
        allowed=lambda instructor: policies.allowed(actor, policies.INSTRUCTOR_ASSIGN, instructor.org),
    )
    coverage_refresh(firm_ids={instructor.firm_id for instructor in instructors})
    return count


@transaction.atomic
def pairings_bulk_create(
    *, actor: Actor | None, pairings: list[Pairing], venues: list[VenueChecklist]
) -> int:
    """Record many pairings and venue checklists at once (seeding)."""
    count = bulk_register(
        actor=actor,
        model=Pairing,
        rows=pairings,
        action="party.pairing_bulk_create",
        allowed=lambda pairing: policies.allowed(actor, policies.ORG_KEEP, pairing.org),
    )
    bulk_register(
        actor=actor,
        model=VenueChecklist,
        rows=venues,
        action="party.venue_bulk_check",
        allowed=lambda venue: policies.allowed(actor, policies.ORG_KEEP, venue.org),
    )
    return count
