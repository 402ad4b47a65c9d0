"""`lvxie api_token USERNAME NAME [--read-only] [--days N]`: issue a bearer token for another system; the key
is printed once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lvxie.accounts import services
from lvxie.accounts.models import User


class Command(BaseCommand):
    help = "Issue an API token acting as USERNAME (the key is printed once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. the other system's name")
        parser.add_argument("--read-only", action="store_true", help="the token may only read (GET, HEAD)")
        parser.add_argument(
            "--days",
            type=int,
            help="the token expires after this many days (default: never, except for accounts that log in "
            "with a one-time code: LVXIE_ADMIN_TOKEN_DAYS, which is also their longest)",
        )

    def handle(self, *args, username, name, read_only, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {username!r}.")
        try:
            key, token = services.api_token_create(
                actor=None, user=user, name=name, read_only=read_only, days=days
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # The key alone on stdout, for scripts; what it may do on stderr, for the person.
        self.stdout.write(key)
        until = (
            timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M %Z")
            if token.expires_at
            else "never"
        )
        self.stderr.write(f"Expires: {until}. {'Read-only.' if read_only else 'Reads and writes.'}")
