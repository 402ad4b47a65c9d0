"""`lvxie api_token USERNAME NAME`: issue a bearer token for another system; the key is printed once."""

from django.core.management.base import BaseCommand, CommandError

from lvxie.accounts import services
from lvxie.accounts.models import User


class Command(BaseCommand):
    help = "Issue an API token acting as USERNAME (the key is printed once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. the other system's name")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {username!r}.")
        key, _token = services.api_token_create(actor=None, user=user, name=name)
        self.stdout.write(key)
