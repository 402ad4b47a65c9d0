"""Writes to accounts: users, passwords, one-time codes, sessions and log-in throttling, each audited (never
with a password, a hash or a secret). Who may manage accounts is decided by `policies.require`, here, so no
page, endpoint or command can skip it (actor=None is the system). Roles: lvxie.access.services."""

import secrets
from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.choices import Result
from lvxie.audit.services import audit_record
from lvxie.core.types import Actor

from . import policies, selectors
from .models import ApiToken, LoginThrottle, PasswordHistory, User


@transaction.atomic
def user_create(
    *,
    actor: Actor | None,
    username: str,
    password: str,
    display_name: str = "",
    lawyer=None,
    must_change_password: bool = True,
) -> User:
    """Create an account with a password that has passed the password policy (the caller's form). The
    password is an initial one, to be changed at first log-in, unless the caller says otherwise (demo).
    Only the system administrator creates accounts."""
    policies.require(actor, "account.create")
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
def password_change(*, actor: Actor, user: User, password: str) -> User:
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
def api_token_create(
    *, actor: Actor | None, user: User, name: str, read_only: bool = False, days: int | None = None
) -> tuple[str, ApiToken]:
    """A bearer token for another system acting as `user`, for `days` (None: until revoked), and only for
    reading when `read_only`. A token of an account that logs in with a one-time code would stand in for the
    code, so it lasts at most LVXIE_ADMIN_TOKEN_DAYS (also its default). Returns the key, shown once; only
    its hash is kept (and never audited)."""
    limit = settings.LVXIE_ADMIN_TOKEN_DAYS if selectors.needs_totp(user) else None
    days = limit if days is None else days
    if days is not None and days < 1:
        raise ValidationError(_("A token must last at least one day."), code="too_short")
    if limit is not None and days is not None and days > limit:
        raise ValidationError(
            _("A token of an account that logs in with a one-time code lasts at most %(days)d days."),
            code="too_long",
            params={"days": limit},
        )
    key = ApiToken.new_key()
    token = ApiToken(
        user=user,
        name=name,
        key_hash=ApiToken.hash_key(key),
        prefix=key[:8],
        read_only=read_only,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=user,
        after={
            "name": name,
            "prefix": token.prefix,
            "read_only": read_only,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        },
    )
    return key, token


def sessions_rotate(user: User) -> None:
    """End every session of the user at their next request (no check, no audit: the caller's job, e.g. a
    role revoked in lvxie.access). Every session stores a hash that covers session_version."""
    user.session_version = secrets.token_hex(16)
    user.save(update_fields=["session_version"])


@transaction.atomic
def user_sessions_end(*, actor: Actor, user: User) -> None:
    """End every session of the user (log out everywhere): the system administrator's duty."""
    policies.require(actor, "account.end_sessions", user)
    sessions_rotate(user)
    audit_record(actor=actor, action="auth.sessions_end", obj=user)


@transaction.atomic
def user_logout(*, user: User) -> None:
    """Log-out ends every session of the user, not only the one that asked."""
    sessions_rotate(user)
    audit_record(actor=user, action="auth.logout", obj=user)


@transaction.atomic
def user_set_active(*, actor: Actor | None, user: User, active: bool) -> User:
    """Disable (ending every session) or enable an account: the system administrator's duty. Nobody
    disables their own."""
    policies.require(actor, "account.set_active", user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot disable your own account."), code="self")
    user.is_active = active
    user.save(update_fields=["is_active"])
    sessions_rotate(user)
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
def totp_enroll(
    *, actor: Actor | None, user: User, secret: str, code: str = "", confirmed: bool = False
) -> bool:
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


def _account_key(username: str) -> str:
    return username.lower()[:150]


@transaction.atomic
def login_failure_record(*, username: str, ip: str | None) -> bool:
    """Count one failed log-in step (a password, a one-time code, the current password on the password-change
    page) against the account name, which locks at LVXIE_LOCKOUT_FAILURES in a row, and against the client
    address (None: not counted), which is only slowed down. Returns whether the account was locked now. (The
    failure itself is audited by the log-in signal or the caller.)"""
    now = timezone.now()
    if ip:
        _address_failure(ip, now)
    key = _account_key(username)
    throttle = _throttle(LoginThrottle.Kind.ACCOUNT, key)
    if throttle.locked_until and throttle.locked_until <= now:
        throttle.failures, throttle.locked_until = 0, None  # an expired lock starts a new count
    throttle.failures += 1
    throttle.updated_at = now
    locked = throttle.failures >= settings.LVXIE_LOCKOUT_FAILURES and throttle.locked_until is None
    if locked:
        throttle.locked_until = now + timedelta(minutes=settings.LVXIE_LOCKOUT_MINUTES)
        audit_record(
            actor=None,
            action="auth.lock",
            object_type="accounts.loginthrottle",
            object_repr=f"account:{key}",
            after={"kind": throttle.kind, "key": key, "until": throttle.locked_until.isoformat()},
            result=Result.DENIED,
        )
    throttle.save()
    return locked


def _address_failure(ip: str, now) -> None:
    # An office behind one address must not be locked out by a few of its users (or by one guesser): past
    # the free failures the address only waits, 1 s doubling to a cap, which still makes guessing slow.
    throttle = _throttle(LoginThrottle.Kind.ADDRESS, ip)
    if now - throttle.updated_at > timedelta(minutes=settings.LVXIE_ADDRESS_QUIET_MINUTES):
        throttle.failures = 0  # a quiet spell ends the spell of failures
    throttle.failures += 1
    throttle.updated_at = now
    over = throttle.failures - settings.LVXIE_ADDRESS_FREE_FAILURES
    throttle.locked_until = None
    if over > 0:
        seconds = min(2 ** min(over - 1, 16), settings.LVXIE_ADDRESS_MAX_DELAY_SECONDS)
        throttle.locked_until = now + timedelta(seconds=seconds)
    if over == 1:
        audit_record(
            actor=None,
            action="auth.address_slowed",
            object_type="accounts.loginthrottle",
            object_repr=f"address:{ip}",
            after={"kind": throttle.kind, "key": ip, "failures": throttle.failures},
            result=Result.DENIED,
        )
    throttle.save()


@transaction.atomic
def login_success_record(*, username: str) -> None:
    """A completed log-in (the password, and the one-time code where one is needed) ends the account's run
    of failures. An address's count runs out only in a quiet spell: one working account must not wipe out
    the failures that someone else's guessing left at that address."""
    LoginThrottle.objects.filter(kind=LoginThrottle.Kind.ACCOUNT, key=_account_key(username)).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=timezone.now())
    ).update(failures=0, locked_until=None)


@transaction.atomic
def login_refused_record(*, username: str, reason: str) -> None:
    """A log-in step tried while the account is locked or its address must wait (`reason`, the kind of
    block): refused without checking the password or code, and audited."""
    audit_record(
        actor=None,
        action="auth.login_refused",
        object_type="accounts.user",
        object_repr=username[:150],
        after={"reason": reason},
        result=Result.DENIED,
    )


@transaction.atomic
def login_code_check(*, user: User, code: str, ip: str | None, enroll_secret: str = "") -> bool:
    """The code step of a log-in: whether `code` is right. An administrator without codes yet confirms
    `enroll_secret` with it instead. Attempts for one account run one at a time (its row is locked), so none
    slips past a lock that another just wrote: while the account is locked every code is refused; a wrong
    code counts as a failed log-in."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if selectors.account_locked_until(user) is not None:
        return False
    if enroll_secret:
        ok = totp_enroll(actor=user, user=user, secret=enroll_secret, code=code)
    else:
        ok = totp_verify(user=user, code=code)
    if not ok:
        login_failure_record(username=user.username, ip=ip)
    return ok


@transaction.atomic
def login_unlock(*, actor: Actor, user: User) -> None:
    """End an account's lock after failed log-ins before it runs out (the security administrator's duty:
    a user locked out by their own typing, or by someone guessing). Audited with the lock it ended."""
    policies.require(actor, "account.unlock", user)
    throttle = (
        LoginThrottle.objects.select_for_update()
        .filter(
            kind=LoginThrottle.Kind.ACCOUNT, key=_account_key(user.username), locked_until__gt=timezone.now()
        )
        .first()
    )
    if throttle is None:
        raise ValidationError(_("This account is not locked."), code="not_locked")
    until = throttle.locked_until.isoformat() if throttle.locked_until else None  # filtered: never None
    before = {"until": until, "failures": throttle.failures}
    throttle.failures, throttle.locked_until, throttle.updated_at = 0, None, timezone.now()
    throttle.save()
    audit_record(actor=actor, action="auth.unlock", obj=user, before=before)


@transaction.atomic
def password_change_failure_record(*, user: User) -> bool:
    """A wrong current password on the password-change page: audited (result failure) and counted towards
    the account's lock like a wrong password at log-in, so that someone at an open session cannot guess it
    without end. Returns whether the account was locked now."""
    audit_record(
        actor=user,
        action="auth.password_change",
        obj=user,
        after={"reason": "wrong_current_password"},
        result=Result.FAILURE,
    )
    return login_failure_record(username=user.username, ip=None)


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
