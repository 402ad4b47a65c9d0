"""Who may see which accounts and give them which roles: separation of duties (三权分立) and data ownership.
The account rules themselves (create, disable, end sessions, unlock) are lvxie.accounts.policies.

`allowed(actor, action, obj, **ctx)` answers (the shared form, lvxie.core.policy, as `role.*` and the
account list/view actions); `require(...)` raises `PermissionDenied` with a translated reason. The
services call `require`, so a page, an API endpoint or a command cannot skip a rule; pages and the API ask
`allowed` which forms and buttons to show. `actor=None` is the system itself (migrations,
management commands, the demo seeder) and may do everything the model's own invariants allow.

The rules (docs/security.md, "Who gives which role"):
- the system administrator creates, disables and enables accounts and ends their sessions;
- the security administrator gives the duty roles (never to themself) and, like the owner-side
  administrators, data roles, but never to themself nor to an account that holds a duty;
- an owner-side administrator (city or district administrator for the registry, Party committee staff for
  the Party side) gives the roles of their side bound inside their own scope, never to themself;
- with `LVXIE_ROLE_GRANT_APPROVAL=two_person` a person's data-role grant is a proposal that takes effect when
  a second person, with owner authority over that scope, approves it;
- roles are revoked by the security administrator and by the owner-side administrators in scope.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lvxie.accounts.choices import DUTY_ROLES, FIRM_ROLES, PARTY_ORG_ROLES, REGION_ROLES, SELF_ROLES, Role
from lvxie.accounts.models import User
from lvxie.accounts.policies import is_security_admin, is_system_admin
from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import path_q, scope_of
from lvxie.core.types import Actor

from .models import RoleAssignment, RoleGrantProposal

# What each owner-side role gives, inside the region subtree it is bound to. The city administrator role
# itself is given only by the security administrator (or the system): no owner sits above a city here.
REGISTRY_GRANTS = frozenset(
    {Role.DISTRICT_ADMIN, Role.JUDICIAL_OFFICER, Role.DISCIPLINE_OFFICER, Role.FIRM_ADMIN, Role.LAWYER}
)
OWNER_GRANTS: dict[str, frozenset[str]] = {
    Role.CITY_ADMIN: REGISTRY_GRANTS,
    Role.DISTRICT_ADMIN: REGISTRY_GRANTS,
    Role.PARTY_ADMIN: frozenset({Role.PARTY_ADMIN, Role.ORG_SECRETARY}),
}
OWNER_GRANTED = frozenset().union(*OWNER_GRANTS.values())

TWO_PERSON = "two_person"


def two_person() -> bool:
    """Whether a person's data-role grant needs a second person's approval (the deployment's choice)."""
    return settings.LVXIE_ROLE_GRANT_APPROVAL == TWO_PERSON


def _roles(actor: Actor) -> frozenset[str]:
    return scope_of(actor).roles


def holds_duty(user: User) -> bool:
    """Whether the account holds one of the three administrator duties."""
    return user.roles.filter(role__in=DUTY_ROLES).exists()


def _grant_paths(actor: Actor) -> dict[str, tuple[str, ...]]:
    """Owner-side role → the region paths it is bound to, for the actor (computed once per user object)."""
    cached = getattr(actor, "_lvxie_grant_paths", None)
    if cached is None:
        found: dict[str, list[str]] = {}
        if actor.is_authenticated and _roles(actor) & OWNER_GRANTS.keys():
            rows = RoleAssignment.objects.filter(user=actor, role__in=OWNER_GRANTS).select_related("region")
            for row in rows:
                found.setdefault(row.role, []).append(row.region.path)  # type: ignore[union-attr]  # region roles have a region (RoleAssignment.clean)
        cached = {role: tuple(paths) for role, paths in found.items()}
        actor._lvxie_grant_paths = cached  # type: ignore[union-attr]  # a cache on the user object, not a field
    return cached


def _owner_paths(actor: Actor, role: str) -> tuple[str, ...]:
    """Where the actor, as an owner-side administrator, may give `role`."""
    return tuple(
        path for owner, paths in _grant_paths(actor).items() if role in OWNER_GRANTS[owner] for path in paths
    )


def owner_paths(actor: Actor) -> tuple[str, ...]:
    """Every region path the actor owns as an owner-side administrator (any role)."""
    return tuple(path for paths in _grant_paths(actor).values() for path in paths)


def grant_scope(actor: Actor | None) -> tuple[str, ...] | None:
    """Where the actor may bind the roles they give: anywhere (None) for the system and the security
    administrator, else the region paths they own (perhaps none)."""
    if actor is None or is_security_admin(actor):
        return None
    return owner_paths(actor)


def binding_path(*, role: str, user: User, region=None, firm=None, party_org=None) -> str | None:
    """The region path a role is bound at: its region, its firm's or Party organization's district, or for
    the lawyer role the district of the account's lawyer record. None when it has none (duties)."""
    if role in PARTY_ORG_ROLES:
        return party_org.region_path if party_org is not None else None
    if role in REGION_ROLES:
        return region.path if region is not None else None
    if role in FIRM_ROLES:
        return firm.region.path if firm is not None else None
    if role in SELF_ROLES:
        return user.lawyer.region.path if user.lawyer is not None else None
    return None


def _binding_of(obj: RoleAssignment | RoleGrantProposal) -> str | None:
    return binding_path(
        role=obj.role, user=obj.user, region=obj.region, firm=obj.firm, party_org=obj.party_org
    )


def _owner_covers(actor: Actor, role: str, path: str | None) -> bool:
    """Whether the actor owns the data `role` bound at `path` gives access to: inside their subtree, so no
    broader than their own role."""
    return under(path, _owner_paths(actor, role))


def _may_give_data_role(actor: Actor, target: User, role: str, path: str | None) -> bool:
    """Grant or propose alike: the security administrator, or an owner in scope; never to oneself nor to a
    duty holder."""
    if actor.pk == target.pk or role in DUTY_ROLES or holds_duty(target):
        return False
    return is_security_admin(actor) or _owner_covers(actor, role, path)


def _path_of(user: User, ctx: dict) -> str | None:
    return binding_path(
        role=ctx["role"],
        user=user,
        region=ctx.get("region"),
        firm=ctx.get("firm"),
        party_org=ctx.get("party_org"),
    )


def _account_list(actor: Actor, obj, **ctx) -> bool:
    return is_system_admin(actor) or is_security_admin(actor) or bool(owner_paths(actor))


def _account_view(actor: Actor, obj: User, **ctx) -> bool:
    return accounts_visible_to(actor).filter(pk=obj.pk).exists()


def _role_assign(actor: Actor, obj: User, **ctx) -> bool:
    role = ctx["role"]
    if role in DUTY_ROLES:
        return is_security_admin(actor) and actor.pk != obj.pk
    # A person's data-role grant waits for a second person in two-person mode.
    return not two_person() and _may_give_data_role(actor, obj, role, _path_of(obj, ctx))


def _role_propose(actor: Actor, obj: User, **ctx) -> bool:
    role = ctx["role"]
    # Only a role some owner could approve: no one would ever approve a city administrator's.
    return (
        two_person() and role in OWNER_GRANTED and _may_give_data_role(actor, obj, role, _path_of(obj, ctx))
    )


def _role_grant(actor: Actor, obj: User, **ctx) -> bool:
    """Either of the two: the form is shown to whoever may give some role to this account."""
    if "role" in ctx:
        return _role_assign(actor, obj, **ctx) or _role_propose(actor, obj, **ctx)
    return bool(grantable_roles(actor, obj))


def _role_approve(actor: Actor, obj: RoleGrantProposal, **ctx) -> bool:
    # A second person: neither the proposer nor the account, with owner authority over the scope.
    return (
        obj.is_pending
        and actor.pk not in {obj.proposed_by_id, obj.user_id}
        and not holds_duty(obj.user)
        and _owner_covers(actor, obj.role, _binding_of(obj))
    )


def _role_refuse(actor: Actor, obj: RoleGrantProposal, **ctx) -> bool:
    # Whoever could approve it refuses it; the proposer may withdraw their own.
    return obj.is_pending and (actor.pk == obj.proposed_by_id or _role_approve(actor, obj))


def _role_revoke(actor: Actor, obj: RoleAssignment, **ctx) -> bool:
    # Nobody changes their own roles, this way either; another administrator does.
    if obj.user_id == actor.pk:
        return False
    return is_security_admin(actor) or _owner_covers(actor, obj.role, _binding_of(obj))


RULES = {
    "account.list": _account_list,
    "account.view": _account_view,
    "role.grant": _role_grant,
    "role.assign": _role_assign,
    "role.propose": _role_propose,
    "role.approve": _role_approve,
    "role.refuse": _role_refuse,
    "role.revoke": _role_revoke,
}

REASONS = {
    "role.assign": _("You may not give this role to this account here."),
    "role.propose": _("You may not propose this role for this account here."),
    "role.grant": _("You may not give this role to this account here."),
    "role.approve": _("You may not approve this role grant."),
    "role.refuse": _("You may not refuse this role grant."),
    "role.revoke": _("You may not revoke this role."),
}


POLICY = register(Policy(RULES, reasons=REASONS))
allowed = POLICY.allowed
require = POLICY.require


def grantable_roles(actor: Actor | None, user: User) -> list[str]:
    """The roles the actor may give (or propose) to `user` somewhere in their scope, for the form. Roles the
    separation of duties would refuse anyway are left out: anything for a duty holder (a second duty, a data
    role), a duty for an account with data roles."""
    if actor is not None and (actor.pk == user.pk or not actor.is_active):
        return []
    held = set(user.roles.values_list("role", flat=True))
    if held & DUTY_ROLES:
        return []
    duties = [] if held else sorted(DUTY_ROLES)
    if actor is None:
        return [r for r in Role.values if r in duties or r not in DUTY_ROLES]
    if is_security_admin(actor):
        data = [r for r in Role.values if r not in DUTY_ROLES and (r in OWNER_GRANTED or not two_person())]
        found = set(duties) | set(data)
    else:
        found = {r for r in Role.values if _owner_paths(actor, r)}
    return [r for r in Role.values if r in found]


def accounts_visible_to(actor: Actor | None) -> QuerySet[User]:
    """The accounts the actor may open: every one for the system and security administrators; for an
    owner-side administrator, the accounts they could give a role to: without any role yet, or with a lawyer
    record or a role inside their subtree, and never an administrator's."""
    if actor is None or is_system_admin(actor) or is_security_admin(actor):
        return User.objects.all()
    paths = owner_paths(actor)
    if not paths:
        return User.objects.none()
    inside = (
        Q(roles__isnull=True)
        | path_q("lawyer__region__path", paths)
        | path_q("roles__region__path", paths)
        | path_q("roles__firm__region__path", paths)
        | path_q("roles__party_org__region_path", paths)
    )
    duty_holders = RoleAssignment.objects.filter(role__in=DUTY_ROLES).values("user_id")
    return User.objects.filter(pk__in=User.objects.filter(inside).values("pk")).exclude(pk__in=duty_holders)


def proposals_to_decide(actor: Actor) -> list[RoleGrantProposal]:
    """Pending proposals the actor may approve, or withdraw as their proposer."""
    pending = RoleGrantProposal.objects.pending().select_related(
        "user__lawyer__region", "proposed_by", "region", "firm__region", "party_org"
    )
    return [p for p in pending if allowed(actor, "role.refuse", p)]


def approvers(proposal: RoleGrantProposal) -> list[User]:
    """The active people who may approve a proposal (to tell them it waits)."""
    owners = {
        row.user
        for row in RoleAssignment.objects.filter(
            role__in=[owner for owner, grants in OWNER_GRANTS.items() if proposal.role in grants],
            user__is_active=True,
        ).select_related("user")
    }
    return [user for user in owners if allowed(user, "role.approve", proposal)]
