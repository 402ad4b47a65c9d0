"""`lvxie demo_logins`: show the demo accounts written by `lvxie seed demo`."""

import unicodedata

from django.core.management.base import BaseCommand

from lvxie.registry.demo.logins import logins_path, read_logins

HEADINGS = ("username", "role", "scope", "password", "TOTP key")


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "Show the demo accounts and their passwords (written by `lvxie seed demo`)."

    def handle(self, *args, **options):
        path = logins_path()
        if not path.exists():
            self.stdout.write("No demo log-ins yet: run `lvxie seed demo` first.")
            return
        rows = [HEADINGS] + [
            (login.username, login.role, login.scope, login.password, login.totp)
            for login in read_logins(path)
        ]
        widths = [max(_width(row[column]) for row in rows) for column in range(len(HEADINGS))]
        self.stdout.write(f"Demo log-ins ({path}):")
        for i, row in enumerate(rows):
            cells = (_pad(cell, width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
            if i == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write(
            "Administrator roles log in with a one-time code: add the TOTP key to an authenticator app, or "
            "print the current code with:\n"
            "  .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('KEY').now())\""
        )
