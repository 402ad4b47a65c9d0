"""Who may import and who may export unmasked, in one place (the shared form, lvxie.core.policy).

- Imports: registry editors import into their regions; firm administrators only the kinds a firm keeps;
  the Party side (committee staff, secretaries) only the Party kinds, for whom the other kinds are closed.
  Each row is then checked against the owning app's policy (`registry.policies`, `party.policies`).
- An unmasked export needs the separate permission on the account (granted by a security administrator),
  a sensitive reader's scope, and no administrator duty, checked again at each export: a role given after
  the grant takes effect at once. It is always a person's act, never the system's.
"""

from lvxie.accounts.choices import DUTY_ROLES, Role
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Account, Actor

from .exports import is_unmaskable
from .kinds import KINDS

IMPORT_RUN = "import.run"
EXPORT_UNMASKED = "export.unmasked"
EXPORT_UNMASKED_GRANT = "export.unmasked.grant"
EXPORT_UNMASKED_REVOKE = "export.unmasked.revoke"
# The account permission an unmasked export needs.
EXPORT_UNMASKED_PERMISSION = "dataio.export_unmasked"


def _import_run(actor: Actor, obj: str, **ctx) -> bool:
    """`obj` is the import kind's name; an unknown kind is refused like a closed one."""
    kind = KINDS.get(obj)
    if kind is None:
        return False
    scope = scope_of(actor)
    if kind.party_side:
        return scope.party_side
    return bool(scope.edit_region_paths) or (kind.firm_roles and bool(scope.edit_firm_ids))


def _export_unmasked(actor: Actor, obj: str | None, **ctx) -> bool:
    """`obj` is the list to export (None: any of them, to offer the form)."""
    if obj is not None and not is_unmaskable(obj):
        return False
    scope = scope_of(actor)
    return (
        bool(scope.sensitive_region_paths)
        and not scope.roles & DUTY_ROLES
        and actor.has_perm(EXPORT_UNMASKED_PERMISSION)
    )


def _export_unmasked_grant(actor: Account, obj, **ctx) -> bool:
    # Asked of the account's current roles, not a cached scope: a grant is rare and must be exact.
    return actor.roles.filter(role=Role.SECURITY_ADMIN).exists()


POLICY = register(
    Policy(
        {
            IMPORT_RUN: _import_run,
            EXPORT_UNMASKED: _export_unmasked,
            EXPORT_UNMASKED_GRANT: _export_unmasked_grant,
            EXPORT_UNMASKED_REVOKE: _export_unmasked_grant,
        },
        people_only=[EXPORT_UNMASKED, EXPORT_UNMASKED_GRANT, EXPORT_UNMASKED_REVOKE],
    )
)
allowed = POLICY.allowed
require = POLICY.require
