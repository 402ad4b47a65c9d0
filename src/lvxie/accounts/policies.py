"""Who may manage accounts themselves (separation of duties, 三权分立): the system administrator creates,
disables and enables accounts and ends their sessions; the security administrator ends a log-in lock.
Who may see an account and give it roles is decided by lvxie.access.policies.

`allowed(actor, action, obj, **ctx)` answers (the shared form, lvxie.core.policy); `require(...)` raises
`PermissionDenied` with a translated reason. The services call `require`, so a page, an API endpoint or
a command cannot skip a rule. `actor=None` is the system itself (migrations, management commands, the
demo seeder) and may do everything.
"""

from __future__ import annotations

from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor

from .choices import Role


def _roles(actor: Actor) -> frozenset[str]:
    return scope_of(actor).roles


def is_security_admin(actor: Actor) -> bool:
    return Role.SECURITY_ADMIN in _roles(actor)


def is_system_admin(actor: Actor) -> bool:
    return Role.SYSTEM_ADMIN in _roles(actor)


def _account_manager(actor: Actor, obj, **ctx) -> bool:
    return is_system_admin(actor)


def _account_unlock(actor: Actor, obj, **ctx) -> bool:
    # Ending a log-in lock is the security administrator's duty (they hold the lock policy).
    return is_security_admin(actor)


RULES = {
    "account.create": _account_manager,
    "account.set_active": _account_manager,
    "account.end_sessions": _account_manager,
    "account.unlock": _account_unlock,
}


POLICY = register(Policy(RULES))
allowed = POLICY.allowed
require = POLICY.require
