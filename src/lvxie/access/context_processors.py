from functools import partial

from lvxie.core.scoping import scope_of

from . import policies


def scope(request):
    """The signed-in user's scope, for menus that show only what the user may open; `lists_accounts` is
    asked only when a template uses it (the account pages' link)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated  # None would be the system, which may do all
    lists = partial(policies.allowed, user, "account.list") if signed_in else False
    return {"scope": scope_of(user), "lists_accounts": lists}
