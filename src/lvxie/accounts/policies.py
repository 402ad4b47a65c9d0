"""Who may manage accounts themselves (separation of duties, 三权分立): the system administrator creates,
disables and enables accounts and ends their sessions; the security administrator ends a log-in lock.
Who may see an account and give it roles is decided by lvxie.access.policies.

`allowed(actor, action, obj)` answers; `require(...)` raises `PermissionDenied` with a translated reason.
The services call `require`, so a page, an API endpoint or a command cannot skip a rule. `actor=None` is
the system itself (migrations, management commands, the demo seeder) and may do everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

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


def allowed(actor: Actor | None, action: str, obj=None, **ctx) -> bool:
    """May `actor` do `action` (a key of RULES) on `obj`? The system (None) may; a person needs a rule."""
    rule = RULES[action]  # an unknown action is a programming error, not a "no"
    if actor is None:
        return True
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return rule(actor, obj, **ctx)


def require(actor: Actor | None, action: str, obj=None, **ctx) -> None:
    """Raise PermissionDenied, with a translated reason, unless `allowed`."""
    if not allowed(actor, action, obj, **ctx):
        raise PermissionDenied(_("You may not make this change."))
