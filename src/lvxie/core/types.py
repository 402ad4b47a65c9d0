"""Types shared by every app. Only Django is imported here, and only for the type checker, so `core`
stays below every app at run time and for the import contracts alike."""

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    # Stub-only aliases of django-stubs: its mypy plugin resolves `_User` to settings.AUTH_USER_MODEL
    # (lvxie.accounts.models.User), the way Django itself learns the user model from settings.
    from django.contrib.auth.models import _AnyUser, _User

    # Whoever acts: the signed-in user or the anonymous one (what `request.user` is). Narrow it with
    # `actor.is_authenticated` (not `getattr`) to reach the user's own fields.
    Actor: TypeAlias = _AnyUser
    # An actor known to be signed in: what a foreign key such as `created_by` can hold.
    Account: TypeAlias = _User
else:
    # At run time these are only annotations; `Any` keeps `Actor | None` valid without importing an app.
    Actor = Account = Any


def signed_in(actor: "Actor | None") -> "Account | None":
    """The actor as a user a foreign key can hold (`created_by`, `confirmed_by`...), or None for the system
    and the anonymous user."""
    return actor if actor is not None and actor.is_authenticated else None
