"""One vocabulary for "may this actor do this action on this object", shared by every app that writes.

Each app's `policies.py` builds one `Policy` from its rules, one per dotted action name ("lawyer.change",
"party_org.edit", "ledger.item.close"), registers it, and exports its `allowed` and `require`:

    POLICY = register(Policy(RULES, reasons=REASONS))
    allowed, require = POLICY.allowed, POLICY.require

Services call `require(actor, action, obj)` first thing (PermissionDenied, a 403, with a translated
reason); pages, templates (`{% allowed "action" obj as can_edit %}`) and the API ask `allowed` which
buttons and actions to offer. Visibility is not decided here: an object the actor cannot see is a 404
before any policy is asked.

The common part lives here, once: an unknown action is a programming error (KeyError, not a "no");
`actor=None` is the system itself (migrations, commands, the seeder) and may do everything except the
actions a policy keeps for people (`people_only`); an anonymous or disabled account may do nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A rule: (actor, obj, **ctx) -> bool, asked only for an active, signed-in person.
Rule = Callable[..., bool]
# A reason: a fixed message, or one worked out from (actor, obj, **ctx); None falls back to the default.
Reason = str | Promise | Callable[..., str | Promise | None]

DEFAULT_REASON = _("You may not make this change.")


class Policy:
    """The rules of one app, answered in the one shared form."""

    def __init__(
        self,
        rules: Mapping[str, Rule],
        *,
        reasons: Mapping[str, Reason] | None = None,
        people_only: Iterable[str] = (),
    ) -> None:
        self.rules = dict(rules)
        self.reasons = dict(reasons or {})
        self.people_only = frozenset(people_only)
        unknown = (self.reasons.keys() | self.people_only) - self.rules.keys()
        if unknown:
            raise ValueError(f"reasons or people_only for actions without a rule: {sorted(unknown)}")

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(self.rules)

    def allowed(self, actor: Any, action: str, obj: Any = None, **ctx: Any) -> bool:
        """May `actor` do `action` on `obj`? `ctx` carries what a rule needs beyond the object (the role
        being given, the fields being changed)."""
        rule = self.rules[action]  # an unknown action is a programming error, not a "no"
        if actor is None:
            return action not in self.people_only
        if not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return False
        return bool(rule(actor, obj, **ctx))

    def require(self, actor: Any, action: str, obj: Any = None, **ctx: Any) -> None:
        """Raise PermissionDenied, with the action's translated reason, unless `allowed`."""
        if not self.allowed(actor, action, obj, **ctx):
            raise PermissionDenied(self.reason(actor, action, obj, **ctx))

    def reason(self, actor: Any, action: str, obj: Any = None, **ctx: Any) -> str:
        reason = self.reasons.get(action)
        if callable(reason) and not isinstance(reason, Promise):
            reason = reason(actor, obj, **ctx)
        return str(reason if reason is not None else DEFAULT_REASON)


# Every registered action → the policy that answers it (filled as each app's policies module is imported;
# CoreConfig.ready imports them all).
ACTIONS: dict[str, Policy] = {}


def register(policy: Policy) -> Policy:
    """Make the policy's actions answerable by `allowed`/`require` here and by the template tag. Two apps
    claiming one action name is a programming error."""
    for action in policy.actions:
        owner = ACTIONS.get(action)
        if owner is not None and owner is not policy:
            raise ValueError(f"The policy action {action!r} is registered twice.")
        ACTIONS[action] = policy
    return policy


def policy_for(action: str) -> Policy:
    try:
        return ACTIONS[action]
    except KeyError:
        raise KeyError(f"No policy answers {action!r}; is the app's policies module registered?") from None


def allowed(actor: Any, action: str, obj: Any = None, **ctx: Any) -> bool:
    """`allowed` of whichever app's policy owns `action` (for code that may not import the app: core's
    template tag)."""
    return policy_for(action).allowed(actor, action, obj, **ctx)


def require(actor: Any, action: str, obj: Any = None, **ctx: Any) -> None:
    policy_for(action).require(actor, action, obj, **ctx)
