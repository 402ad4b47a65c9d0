"""The demo accounts, one per role, and the file their log-ins are written to."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string

from lvxie.accounts.choices import Role

from .city import DemoCity
from .data import FUTIAN, NANSHAN


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # the role's Chinese label
    scope: str
    password: str
    totp: str = ""  # the one-time-code key of an administrator role (add it to an authenticator app)


LOGINS_FILE = "demo-logins.txt"
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def new_password() -> str:
    """12 random characters in three groups ("xxxx-xxxx-xxxx"), about 70 bits."""
    return "-".join("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))


def logins_path() -> Path:
    return Path(settings.VAR_DIR) / LOGINS_FILE


def create_demo_accounts(city: DemoCity) -> list[DemoLogin]:
    """One account per role, each with a fresh random password, created through the account services."""
    accounts: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("city_admin", Role.CITY_ADMIN, {"region": city.city}),
        ("futian_admin", Role.DISTRICT_ADMIN, {"region": city.districts[FUTIAN]}),
        ("nanshan_admin", Role.DISTRICT_ADMIN, {"region": city.districts[NANSHAN]}),
        ("judicial", Role.JUDICIAL_OFFICER, {"region": city.city}),
        ("discipline", Role.DISCIPLINE_OFFICER, {"region": city.city}),
        ("firm_admin", Role.FIRM_ADMIN, {"firm": city.demo_firm}),
        ("lawyer", Role.LAWYER, {}),
        ("sysadmin", Role.SYSTEM_ADMIN, {}),
        ("secadmin", Role.SECURITY_ADMIN, {}),
        ("auditor", Role.AUDITOR, {}),
    )
    return [
        demo_account(username, role, lawyer=city.demo_lawyer if role == Role.LAWYER else None, **scope)
        for username, role, scope in accounts
    ]


def demo_account(username: str, role: str, *, lawyer=None, display_name: str = "", **scope) -> DemoLogin:
    """One demo account with a fresh random password and one role bound to `scope` (region=, firm=, or
    another binding a later role needs); used by every app's demo seeder. Roles are given by an app above
    the registry (lvxie.access), so the account is made by the function its AppConfig names in
    `demo_account_maker`, called with these arguments and `label`, `bound` and `password`."""
    bound = next(iter(scope.values()), None) or lawyer
    with translation.override("zh-hans"):
        label = str(Role(role).label)
    display_name = display_name or (lawyer.name if lawyer else f"{label}·{bound}" if bound else label)
    password = new_password()
    # Demo passwords are random and shown to the one who seeded, so they need no change at first log-in.
    totp = _account_maker()(
        username=username,
        role=role,
        lawyer=lawyer,
        display_name=display_name[:50],
        password=password,
        **scope,
    )
    return DemoLogin(username, label, str(bound) if bound else "—", password, totp)


def _account_maker() -> Callable[..., str]:
    """The `demo_account_maker` an installed app names: it creates the account and its role and returns the
    account's one-time-code key ("" when it has none)."""
    makers = [app.demo_account_maker for app in apps.get_app_configs() if hasattr(app, "demo_account_maker")]
    if len(makers) != 1:
        raise LookupError("Exactly one installed app must name a demo_account_maker.")
    return import_string(makers[0])


def write_logins(logins: list[DemoLogin]) -> Path:
    """Write the log-ins, tab-separated, to a file only its owner can read."""
    path = logins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when the file was already there
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(
            "# lvxie demo log-ins: username, role, scope, password, one-time-code key. Keep private.\n"
        )
        for login in logins:
            file.write(
                "\t".join((login.username, login.role, login.scope, login.password, login.totp)) + "\n"
            )
    return path


def read_logins(path: Path) -> list[DemoLogin]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [DemoLogin(*line.split("\t")) for line in lines if line and not line.startswith("#")]
