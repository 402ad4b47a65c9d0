from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a worker")
    RUNNING = "running", _("Checking")
    PREVIEWED = "previewed", _("Checked, not saved")
    COMMITTING = "committing", _("Saving")
    COMMITTED = "committed", _("Saved")
    FAILED = "failed", _("Failed")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a worker")
    RUNNING = "running", _("Writing")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Deleted (kept for a limited time)")
