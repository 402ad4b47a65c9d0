"""A demo city shaped like Shenzhen in 2023: 10 districts, about 1,200 law firms of every kind, 22,000
lawyers, 1,500 trainees, the bar association's 10 / 26 / 80 committees, about 120 offices abroad, and one
demo account per role.

`DemoCity` generates the records from a seed, deterministically and without touching the database. Each
stage builds on the objects of the stage before (lawyers need their firms), so call `regions`, `firms`,
`lawyers`, `trainees`, `committees` and `offices` in that order. `seed_demo` saves each stage through the
registry's bulk services before building the next, creates the demo accounts and writes their log-ins
to `logins_path()`.

Region codes, roads and cities abroad are real; people, firms and companies are invented, and every
identifier is valid (check characters, licence number layouts) but fictitious.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string

from ..services import (
    committees_bulk_create,
    firms_bulk_register,
    lawyers_bulk_register,
    offices_bulk_create,
    regions_bulk_create,
    trainees_bulk_register,
)
from .city import DemoCity
from .data import DEFAULT_SEED
from .logins import create_demo_accounts, write_logins


def seed_demo(
    *,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    report: Callable[[str, int], None] = lambda step, count: None,
) -> Path:
    """Generate the demo city and save it through the registry's bulk services (the system as actor) in one
    transaction, with the demo accounts; returns the file with their log-ins. `report(step, count)` is
    called as each stage is saved."""
    city = DemoCity(scale=scale, seed=seed)
    with transaction.atomic():
        report("regions", regions_bulk_create(actor=None, regions=city.regions()))
        report("law firms", firms_bulk_register(actor=None, firms=city.firms()))
        report("lawyers", lawyers_bulk_register(actor=None, lawyers=city.lawyers()))
        report("trainees", trainees_bulk_register(actor=None, trainees=city.trainees()))
        committees, seats = city.committees()
        report("bar committees", committees_bulk_create(actor=None, committees=committees, seats=seats))
        report("committee seats", len(seats))
        report("overseas offices", offices_bulk_create(actor=None, offices=city.offices()))
        logins = create_demo_accounts(city)
        for app in apps.get_app_configs():
            # Other capabilities add their part of the demo after the registry's, in the same
            # transaction: an AppConfig names `demo_seeder`, a function (*, city, rng, report) that
            # returns its extra demo log-ins.
            seeder = getattr(app, "demo_seeder", None)
            if seeder:
                logins += import_string(seeder)(
                    city=city, rng=random.Random(f"{seed}:{app.label}"), report=report
                )
        report("demo accounts", len(logins))
        return write_logins(logins)
