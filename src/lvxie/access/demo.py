"""The demo's accounts: each with its role, through the account and role services (the system as actor).
The registry's demo seeder asks for them (`demo_account_maker` of AccessConfig, registry/demo/logins.py)."""

from lvxie.accounts.choices import DUTY_ROLES
from lvxie.accounts.services import totp_enroll, totp_new_secret, user_create

from .services import role_assign


def demo_account(*, username: str, role: str, lawyer, display_name: str, password: str, **scope) -> str:
    """Create one demo account with `role` bound to `scope`; an administrator role gets its one-time-code key
    at once (returned, else "")."""
    user = user_create(
        actor=None,
        username=username,
        password=password,
        display_name=display_name,
        lawyer=lawyer,
        must_change_password=False,
    )
    role_assign(actor=None, user=user, role=role, **scope)
    if role not in DUTY_ROLES:
        return ""
    totp = totp_new_secret()
    totp_enroll(actor=None, user=user, secret=totp, confirmed=True)
    return totp
