"""Writes to role assignments: give (or, in two-person mode, propose), approve, refuse and revoke a role, each
audited. Who may do which is decided by `policies.require`, here, so no page, endpoint or command can skip
it (actor=None is the system); the separation of duties is the model's own rule, for the system too."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lvxie.accounts.choices import DUTY_ROLES, Role
from lvxie.accounts.models import User
from lvxie.accounts.services import sessions_rotate
from lvxie.audit.services import audit_record
from lvxie.core.types import Actor
from lvxie.notifications.services import Text, notify

from . import policies, selectors
from .models import RoleAssignment, RoleGrantProposal


def _separation_of_duties(user: User, role: str) -> None:
    """The model's own rule, for the system too: the three duties (system administrator, security
    administrator, auditor) never meet in one account, nor in a superuser, and an account with a duty holds
    no data role (nor a data-role holder a duty)."""
    held = set(user.roles.exclude(role=role).values_list("role", flat=True))
    if role in DUTY_ROLES and (held & DUTY_ROLES or user.is_superuser):
        raise ValidationError(
            _("One account may hold only one of system administrator, security administrator and auditor."),
            code="separation_of_duties",
        )
    if held and (role in DUTY_ROLES) != bool(held & DUTY_ROLES):
        raise ValidationError(
            _("An administrator's account (system, security, audit) holds no other role."),
            code="separation_of_duties",
        )


def _binding(*, role: str, region=None, firm=None, party_org=None) -> dict:
    """How a role is bound, for the audit log and the auditors' notification."""
    return {
        "role": role,
        "region": getattr(region, "path", None),
        "firm": getattr(firm, "pk", None),
        "party_org": getattr(party_org, "pk", None),
    }


def _role_words(binding: RoleAssignment | RoleGrantProposal) -> dict:
    """A role for a notification: its label stays lazy, so each reader sees it in their language; where it
    is bound (a region, firm or organization's name) is data."""
    return {
        "role": Role(binding.role).label,
        "where": str(binding.region or binding.firm or binding.party_org or ""),
    }


def _auditors_told(*, actor: User, assignment: RoleAssignment, proposed_by: User | None = None) -> None:
    """After the commit, every active auditor is told who gave which role to whom (三权分立: the auditor
    watches the grants)."""
    words = {"actor": actor.username, "user": assignment.user.username, **_role_words(assignment)}
    if proposed_by is not None:
        title = Text(
            _("%(actor)s approved %(proposer)s's grant of %(role)s %(where)s to %(user)s"),
            {**words, "proposer": proposed_by.username},
        )
    else:
        title = Text(_("%(actor)s gave %(user)s the role %(role)s %(where)s"), words)
    url = reverse("audit:event_list") + "?" + urlencode({"q": assignment.user.username})
    auditors = list(selectors.role_holders(Role.AUDITOR))
    transaction.on_commit(lambda: notify(users=auditors, title=title, url=url))


def _assign(
    *, actor: Actor | None, user: User, role: str, region=None, firm=None, party_org=None, proposal=None
) -> RoleAssignment:
    """Save one assignment after the invariants, audit it and tell the auditors (for a person's grant)."""
    _separation_of_duties(user, role)
    assignment = RoleAssignment(user=user, role=role, region=region, firm=firm, party_org=party_org)
    assignment.full_clean()
    assignment.save()
    after = _binding(role=role, region=region, firm=firm, party_org=party_org)
    if proposal is not None:
        after["proposed_by"] = proposal.proposed_by.username
    audit_record(actor=actor, action="role.assign", obj=user, after=after)
    if actor is not None and actor.is_authenticated:
        _auditors_told(
            actor=actor, assignment=assignment, proposed_by=proposal.proposed_by if proposal else None
        )
    return assignment


@transaction.atomic
def role_assign(
    *, actor: Actor | None, user: User, role: str, region=None, firm=None, party_org=None
) -> RoleAssignment:
    """Give a user one role bound to its scope, now; the binding is checked by `RoleAssignment.clean`, who
    may give it by `policies` ("role.assign"), the separation of duties by `_separation_of_duties`."""
    policies.require(actor, "role.assign", user, role=role, region=region, firm=firm, party_org=party_org)
    return _assign(actor=actor, user=user, role=role, region=region, firm=firm, party_org=party_org)


@transaction.atomic
def role_propose(
    *, actor: User, user: User, role: str, region=None, firm=None, party_org=None
) -> RoleGrantProposal:
    """Propose a data role for an account (two-person mode): nothing is given until a second person with
    owner authority over its scope approves (`role_proposal_approve`). Those who may approve are told."""
    policies.require(actor, "role.propose", user, role=role, region=region, firm=firm, party_org=party_org)
    proposal = RoleGrantProposal(
        user=user, role=role, region=region, firm=firm, party_org=party_org, proposed_by=actor
    )
    _separation_of_duties(user, role)
    proposal.as_assignment().full_clean()  # the binding and "already held", as the grant would check them
    proposal.full_clean()
    proposal.save()
    audit_record(
        actor=actor,
        action="role.propose",
        obj=user,
        after=_binding(role=role, region=region, firm=firm, party_org=party_org),
    )
    title = Text(
        _("%(actor)s proposes the role %(role)s %(where)s for %(user)s: your approval is needed"),
        {"actor": actor.username, "user": user.username, **_role_words(proposal)},
    )
    waiting = policies.approvers(proposal)
    url = reverse("access:user_detail", args=[user.pk])
    transaction.on_commit(lambda: notify(users=waiting, title=title, url=url))
    return proposal


@transaction.atomic
def role_grant(
    *, actor: Actor, user: User, role: str, region=None, firm=None, party_org=None
) -> RoleAssignment | RoleGrantProposal:
    """What the pages and the API call: the role is given now where the actor may give it, or proposed
    where the deployment wants a second person (two-person mode); otherwise PermissionDenied."""
    binding = {"role": role, "region": region, "firm": firm, "party_org": party_org}
    if actor.is_authenticated and policies.allowed(actor, "role.propose", user, **binding):
        return role_propose(actor=actor, user=user, **binding)
    return role_assign(actor=actor, user=user, **binding)


def _proposal_locked(proposal: RoleGrantProposal) -> RoleGrantProposal:
    # Two approvers at once: the second waits, then sees it decided.
    return (
        RoleGrantProposal.objects.select_for_update()
        .select_related("proposed_by", "user")
        .get(pk=proposal.pk)
    )


def _proposal_decide(
    *, actor: User, proposal: RoleGrantProposal, status: str, action: str
) -> RoleGrantProposal:
    """Lock a pending proposal, check the actor may decide it so, record the decision and audit it."""
    proposal = _proposal_locked(proposal)
    policies.require(actor, action, proposal)
    proposal.status = status
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=action,
        obj=proposal.user,
        after={
            **_binding(
                role=proposal.role, region=proposal.region, firm=proposal.firm, party_org=proposal.party_org
            ),
            "proposed_by": proposal.proposed_by.username,
        },
    )
    return proposal


@transaction.atomic
def role_proposal_approve(*, actor: User, proposal: RoleGrantProposal) -> RoleAssignment:
    """A second person with owner authority over the scope approves: the role is given now."""
    proposal = _proposal_decide(
        actor=actor, proposal=proposal, status=RoleGrantProposal.Status.APPROVED, action="role.approve"
    )
    return _assign(
        actor=actor,
        user=proposal.user,
        role=proposal.role,
        region=proposal.region,
        firm=proposal.firm,
        party_org=proposal.party_org,
        proposal=proposal,
    )


@transaction.atomic
def role_proposal_refuse(*, actor: User, proposal: RoleGrantProposal) -> RoleGrantProposal:
    """Refuse a proposal (someone who could approve it), or withdraw it (its proposer): nothing is given."""
    return _proposal_decide(
        actor=actor, proposal=proposal, status=RoleGrantProposal.Status.REFUSED, action="role.refuse"
    )


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> None:
    """Take one role away (the security administrator, or an owner-side administrator in scope); the user's
    sessions end so the old scope is not used a moment longer."""
    policies.require(actor, "role.revoke", assignment)
    user = assignment.user
    before = _binding(
        role=assignment.role, region=assignment.region, firm=assignment.firm, party_org=assignment.party_org
    )
    assignment.delete()
    sessions_rotate(user)
    audit_record(actor=actor, action="role.revoke", obj=user, before=before)
