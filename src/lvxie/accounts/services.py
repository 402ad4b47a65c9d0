"""Writes to accounts: users, roles, passwords, one-time codes, sessions and log-in throttling, each
audited (never with a password, a hash or a secret)."""

import secrets
from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.choices import Result
from lvxie.audit.services import audit_record

from .choices import DUTY_ROLES
from .models import ApiToken, LoginThrottle, PasswordHistory, RoleAssignment, User


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    display_name: str = "",
    lawyer=None,
    must_change_password: bool = True,
) -> User:
    """Create an account with a password that has passed the password policy (the caller's form). The
    password is an initial one, to be changed at first log-in, unless the caller says otherwise (demo)."""
    user = User(
        username=username,
        display_name=display_name,
        lawyer=lawyer,
        must_change_password=must_change_password,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        obj=user,
        after={
            "username": username,
            "display_name": display_name,
            "lawyer": getattr(lawyer, "pk", None),
            "must_change_password": must_change_password,
        },
    )
    return user


@transaction.atomic
def role_assign(*, actor, user: User, role: str, region=None, firm=None, party_org=None) -> RoleAssignment:
    """Give a user one role bound to its scope; the binding is checked by `RoleAssignment.clean`. The three
    duties (system administrator, security administrator, auditor) never meet in one account, nor in a
    superuser."""
    if role in DUTY_ROLES:
        held = set(user.roles.filter(role__in=DUTY_ROLES).exclude(role=role).values_list("role", flat=True))
        if held or user.is_superuser:
            raise ValidationError(
                _(
                    "One account may hold only one of system administrator, security administrator "
                    "and auditor."
                ),
                code="separation_of_duties",
            )
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


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    """Take one role away; the user's sessions end so the old scope is not used a moment longer."""
    user = assignment.user
    before = {
        "role": assignment.role,
        "region": getattr(assignment.region, "path", None),
        "firm": assignment.firm_id,
    }
    assignment.delete()
    _sessions_rotate(user)
    audit_record(actor=actor, action="role.revoke", obj=user, before=before)


@transaction.atomic
def password_change(*, actor, user: User, password: str) -> User:
    """Set a new password that passes the policy (history included); the old hash joins the history."""
    validate_password(password, user)
    if user.password:
        PasswordHistory.objects.create(user=user, password=user.password)
    keep = settings.LVXIE_PASSWORD_HISTORY
    stale = user.password_history.values_list("pk", flat=True)[keep:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    user.set_password(password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit_record(actor=actor, action="auth.password_change", obj=user)
    return user


@transaction.atomic
def api_token_create(*, actor, user: User, name: str) -> tuple[str, ApiToken]:
    """A bearer token for another system acting as `user`. Returns the key, shown once; only its hash is
    kept (and never audited)."""
    key = ApiToken.new_key()
    token = ApiToken(user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[:8])
    token.full_clean()
    token.save()
    audit_record(
        actor=actor, action="api_token.create", obj=user, after={"name": name, "prefix": token.prefix}
    )
    return key, token


def _sessions_rotate(user: User) -> None:
    # Every session stores a hash that covers session_version: a new value ends them all.
    user.session_version = secrets.token_hex(16)
    user.save(update_fields=["session_version"])


@transaction.atomic
def user_sessions_end(*, actor, user: User) -> None:
    """End every session of the user (log out everywhere)."""
    _sessions_rotate(user)
    audit_record(actor=actor, action="auth.sessions_end", obj=user)


@transaction.atomic
def user_logout(*, user: User) -> None:
    """Log-out ends every session of the user, not only the one that asked."""
    _sessions_rotate(user)
    audit_record(actor=user, action="auth.logout", obj=user)


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool) -> User:
    """Disable (ending every session) or enable an account. Nobody disables their own."""
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot disable your own account."), code="self")
    user.is_active = active
    user.save(update_fields=["is_active"])
    _sessions_rotate(user)
    audit_record(actor=actor, action="user.enable" if active else "user.disable", obj=user)
    return user


def totp_new_secret() -> str:
    """A fresh 160-bit TOTP key in base32, as authenticator apps expect it."""
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    """The otpauth:// URI that authenticator apps import (as a QR code or pasted)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=settings.LVXIE_TOTP_ISSUER)


def _totp_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step the code belongs to (now, or one step either side for clock drift), or None when it
    is wrong or was already used."""
    code = code.strip().replace(" ", "")
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    for drift in (0, -1, 1):
        when = now + timedelta(seconds=drift * totp.interval)
        step = totp.timecode(when)
        if secrets.compare_digest(totp.at(when), code):
            return step if last_step is None or step > last_step else None
    return None


@transaction.atomic
def totp_verify(*, user: User, code: str) -> bool:
    """Check a one-time code at log-in. A code is accepted once: it and older ones are refused after."""
    user = User.objects.select_for_update().get(pk=user.pk)
    step = _totp_step(user.totp_secret, code, user.totp_last_step) if user.totp_secret else None
    if step is None:
        audit_record(actor=None, action="auth.totp_failed", obj=user, result=Result.FAILURE)
        return False
    user.totp_last_step = step
    user.save(update_fields=["totp_last_step"])
    return True


@transaction.atomic
def totp_enroll(*, actor, user: User, secret: str, code: str = "", confirmed: bool = False) -> bool:
    """Turn on one-time codes with `secret`, once a code from the user's authenticator shows they hold it
    (`confirmed` skips that for accounts created with their secret, e.g. the demo's)."""
    step = _totp_step(secret, code, None) if not confirmed else None
    if not confirmed and step is None:
        audit_record(actor=actor, action="auth.totp_failed", obj=user, result=Result.FAILURE)
        return False
    user.totp_secret = secret
    user.totp_last_step = step
    user.save(update_fields=["totp_secret", "totp_last_step"])
    audit_record(actor=actor, action="auth.totp_enroll", obj=user)
    return True


def _throttle(kind: str, key: str) -> LoginThrottle:
    throttle, _created = LoginThrottle.objects.select_for_update().get_or_create(kind=kind, key=key)
    return throttle


def _throttle_keys(username: str, ip: str | None) -> list[tuple[str, str]]:
    keys = [(LoginThrottle.Kind.ACCOUNT, username.lower()[:150])]
    if ip:
        keys.append((LoginThrottle.Kind.ADDRESS, ip))
    return keys


@transaction.atomic
def login_failure_record(*, username: str, ip: str | None) -> bool:
    """Count one failed log-in against the account name and the address; lock what reached the limit.
    Returns whether anything was locked now. (The failure itself is audited by the log-in signal.)"""
    now = timezone.now()
    locked = False
    for kind, key in _throttle_keys(username, ip):
        throttle = _throttle(kind, key)
        if throttle.locked_until and throttle.locked_until <= now:
            throttle.failures, throttle.locked_until = 0, None  # an expired lock starts a new count
        throttle.failures += 1
        throttle.updated_at = now
        if throttle.failures >= settings.LVXIE_LOCKOUT_FAILURES and throttle.locked_until is None:
            throttle.locked_until = now + timedelta(minutes=settings.LVXIE_LOCKOUT_MINUTES)
            locked = True
            audit_record(
                actor=None,
                action="auth.lock",
                object_type="accounts.loginthrottle",
                object_repr=f"{kind}:{key}",
                after={"kind": kind, "key": key, "until": throttle.locked_until.isoformat()},
                result=Result.DENIED,
            )
        throttle.save()
    return locked


@transaction.atomic
def login_success_record(*, username: str, ip: str | None) -> None:
    """A successful log-in ends the run of failures for the account name and the address."""
    for kind, key in _throttle_keys(username, ip):
        LoginThrottle.objects.filter(kind=kind, key=key, locked_until__isnull=True).update(failures=0)


@transaction.atomic
def login_refused_record(*, username: str, ip: str | None) -> None:
    """A log-in tried while locked: refused without checking the password, and audited."""
    audit_record(
        actor=None,
        action="auth.login_refused",
        object_type="accounts.user",
        object_repr=username[:150],
        after={"reason": "locked"},
        result=Result.DENIED,
    )


@transaction.atomic
def personal_data_export(*, actor: User, fmt: str) -> dict[str, list[dict]]:
    """Everything lvxie holds about the actor as a person (PIPL art. 45: access and copy), complete against
    the personal-data register (lvxie.core.personal_data.own_data): account, roles, lawyer record,
    committee seats, Party membership and offices, and what they wrote, uploaded, answered for or did.

    Audited once as the export, with its sections. Reading one's own Party membership here is not an
    administrator's read of someone's sensitive data, so it is not recorded as one (no party read event):
    the export event says that the membership was in the download."""
    from lvxie.core.personal_data import own_data

    data = own_data(actor)
    audit_record(
        actor=actor,
        action="personal_data.export",
        obj=actor,
        after={"format": fmt, "sections": sorted(data)},
    )
    return data
