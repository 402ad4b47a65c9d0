"""`lvxie export_unmasked grant|revoke USERNAME --actor SECURITY_ADMIN`: the permission to export unmasked ID
numbers and phones, given or taken by a named security administrator (audited as their act)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from lvxie.accounts.models import User
from lvxie.dataio import services


def _account(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active account {username!r}.")
    return user


class Command(BaseCommand):
    help = "Grant or revoke the unmasked export of ID numbers and phones for USERNAME (as a security admin)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke"])
        parser.add_argument("username")
        parser.add_argument("--actor", required=True, help="the security administrator who decides it")

    def handle(self, *args, action: str, username: str, actor: str, **options):
        change = services.export_unmasked_grant if action == "grant" else services.export_unmasked_revoke
        try:
            change(actor=_account(actor), user=_account(username))
        except PermissionDenied as exc:
            raise CommandError(f"{actor!r} is not a security administrator.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        done = "may now export" if action == "grant" else "may no longer export"
        self.stdout.write(self.style.SUCCESS(f"{username} {done} unmasked ID numbers and phones."))
