from django.core.management.base import BaseCommand, CommandError

from lvxie.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `verify`: check the hash chain and name the first broken row."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            what = "its link to the previous event" if report.reason == "link" else "its content"
            raise CommandError(
                f"Audit chain BROKEN at event id={report.broken_id}: {what} does not match "
                f"({report.checked} events before it verified)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain whole: {report.checked} events verified."))
