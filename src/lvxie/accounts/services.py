"""Writes to accounts: creating users and assigning roles, each audited (never with the password)."""

from django.db import transaction

from lvxie.audit.services import audit_record

from .models import RoleAssignment, User


@transaction.atomic
def user_create(*, actor, username: str, password: str, display_name: str = "", lawyer=None) -> User:
    """Create an account with a password that has passed the password policy (the caller's form)."""
    user = User(username=username, display_name=display_name, lawyer=lawyer)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        obj=user,
        after={"username": username, "display_name": display_name, "lawyer": getattr(lawyer, "pk", None)},
    )
    return user


@transaction.atomic
def role_assign(*, actor, user: User, role: str, region=None, firm=None, party_org=None) -> RoleAssignment:
    """Give a user one role bound to its scope; the binding is checked by `RoleAssignment.clean`."""
    assignment = RoleAssignment(user=user, role=role, region=region, firm=firm, party_org=party_org)
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action="role.assign",
        obj=user,
        after={
            "role": role,
            "region": getattr(region, "path", None),
            "firm": getattr(firm, "pk", None),
            "party_org": getattr(party_org, "pk", None),
        },
    )
    return assignment
