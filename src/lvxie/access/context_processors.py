from dataclasses import fields
from functools import partial

from lvxie.core.scoping import Scope, scope_of

from . import policies


def nav_key(scope: Scope) -> str:
    """What the navigation depends on, for its fragment cache (base.html): the roles, and which of the
    scope's grants are present (a link is shown for a kind of grant, never for one region or firm)."""
    present = "".join("1" if getattr(scope, f.name) else "0" for f in fields(scope) if f.name != "roles")
    return ",".join(sorted(scope.roles)) + ":" + present


def scope(request):
    """The signed-in user's scope, for menus that show only what the user may open; `lists_accounts` is
    asked only when a template uses it (the account pages' link)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated  # None would be the system, which may do all
    lists = partial(policies.allowed, user, "account.list") if signed_in else False
    found = scope_of(user)
    return {"scope": found, "lists_accounts": lists, "nav_key": nav_key(found)}
