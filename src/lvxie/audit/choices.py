from django.db import models
from django.utils.translation import gettext_lazy as _


class Result(models.TextChoices):
    SUCCESS = "success", _("Success")
    DENIED = "denied", _("Denied")
    FAILURE = "failure", _("Failure")
