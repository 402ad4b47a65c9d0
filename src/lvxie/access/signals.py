"""Cached scopes (access.selectors.cached_scope_for_user) forget what changed: a user's role rows, and any
region or Party organization path (a moved organization moves its secretaries' scopes)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lvxie.core import request_cache
from lvxie.party.models import PartyOrg
from lvxie.registry.models import Region

from .models import RoleAssignment
from .selectors import scope_key


@receiver([post_save, post_delete], sender=RoleAssignment, dispatch_uid="access-scope-roles")
def _roles_changed(sender, instance: RoleAssignment, **kwargs) -> None:
    request_cache.forget(scope_key(instance.user_id))


@receiver([post_save, post_delete], sender=Region, dispatch_uid="access-scope-regions")
@receiver([post_save, post_delete], sender=PartyOrg, dispatch_uid="access-scope-party-orgs")
def _paths_changed(sender, instance, **kwargs) -> None:
    request_cache.paths_changed()
