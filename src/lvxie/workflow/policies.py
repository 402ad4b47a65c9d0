"""Who may do what with the machinery's own data.

The working-day calendar is one for the whole city (in truth for the country): the city's staff keep
it, the city administrators of the bar and the judicial bureau (city administrator) and the city
Party committee's staff (Party committee staff at city level or above). District staff count deadlines
with it but do not change it. `actor=None` is the system itself (the demo seed).

Clocks belong to the workflows that start them: their services decide who may pause or stop a clock
(their own policies), and call the clock services with the actor for the history.
"""

from __future__ import annotations

from lvxie.accounts.choices import Role
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor

WORKDAYS_VIEW = "workdays.view"
WORKDAYS_EDIT = "workdays.edit"

# A region path's depth: country 1, province 2, city 3, district 4.
CITY_DEPTH = 3


def _at_city_level(paths: tuple[str, ...]) -> bool:
    return any(path.count("/") <= CITY_DEPTH for path in paths)


def is_city_staff(actor: Actor | None) -> bool:
    """A city administrator, or the city Party committee's staff (bound at city level or above)."""
    scope = scope_of(actor)
    if Role.CITY_ADMIN in scope.roles and _at_city_level(scope.region_paths):
        return True
    return Role.PARTY_ADMIN in scope.roles and _at_city_level(scope.party_region_paths)


def _city_staff(actor: Actor, obj: object = None, **ctx: object) -> bool:
    return is_city_staff(actor)


POLICY = register(Policy({WORKDAYS_VIEW: _city_staff, WORKDAYS_EDIT: _city_staff}))
allowed = POLICY.allowed
require = POLICY.require
