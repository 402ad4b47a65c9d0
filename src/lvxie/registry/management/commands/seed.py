"""`lvxie seed demo`: fill an empty database with the demo city (`lvxie.registry.demo`).
`lvxie seed national`: the benchmark's national data set, PostgreSQL only (`lvxie.registry.national`)."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from lvxie.registry.demo import seed_demo
from lvxie.registry.demo.data import DEFAULT_SEED
from lvxie.registry.models import LawFirm, Region
from lvxie.registry.national import NATIONAL_SEED, seed_national

MAX_SCALE = 20.0


class Command(BaseCommand):
    help = (
        "Seed the database. `demo`: a city shaped like Shenzhen in 2023 (about 1,200 law firms and "
        "22,000 lawyers at --scale 1), with one demo account per role; their log-ins go to "
        "<VAR_DIR>/demo-logins.txt."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["demo", "national"], help="what to seed")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database already holds law firms"
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiply the numbers of firms, lawyers and so on (default 1.0)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help=f"random seed, same seed same data (default {DEFAULT_SEED}; national {NATIONAL_SEED})",
        )

    def handle(self, *args, what: str, if_empty: bool, scale: float, seed: int | None, **options):
        if not 0 < scale <= MAX_SCALE:
            raise CommandError(f"--scale must be above 0 and at most {MAX_SCALE:g}; got {scale:g}.")
        try:
            firms, regions = LawFirm.objects.count(), Region.objects.count()
        except DatabaseError as exc:
            raise CommandError(f"The database is not ready ({exc}). Run `lvxie migrate` first.") from exc
        if if_empty and firms:
            self.stdout.write(f"The database already holds {firms:,} law firms: not seeding (--if-empty).")
            return
        if firms or regions:
            raise CommandError(
                f"The database already holds {regions:,} regions and {firms:,} law firms; `seed {what}` "
                "needs an empty registry. Use --if-empty to skip seeding, or start from a fresh database."
            )
        started = time.monotonic()
        if seed is None:
            seed = NATIONAL_SEED if what == "national" else DEFAULT_SEED

        def report(step: str, count: int) -> None:
            self.stdout.write(f"  {step:<18}{count:>8,}  {time.monotonic() - started:6.1f} s")

        if what == "national":
            if connection.vendor != "postgresql":
                raise CommandError("`seed national` loads with COPY and needs PostgreSQL: set DATABASE_URL.")
            self.stdout.write(f"Seeding the national data set (scale {scale:g}, seed {seed})…")
            try:
                counts = seed_national(scale=scale, seed=seed, report=report)
            except DatabaseError as exc:
                raise CommandError(f"Seeding failed and nothing was saved: {exc}") from exc
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s: {counts}"))
            return
        self.stdout.write(f"Seeding the demo city (scale {scale:g}, seed {seed})…")
        try:
            logins = seed_demo(scale=scale, seed=seed, report=report)
        except (DatabaseError, ValidationError, OSError) as exc:
            raise CommandError(f"Seeding failed and nothing was saved: {exc}") from exc
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s. Demo log-ins: {logins}"))
        self.stdout.write("Run `lvxie demo_logins` to show them.")
