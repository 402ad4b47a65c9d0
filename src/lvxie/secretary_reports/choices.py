from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """The four ratings of a secretary's report (好 / 较好 / 一般 / 差): a reviewer's grade on each
    criterion, and the band of the combined score."""

    GOOD = "good", _("Good")
    FAIRLY_GOOD = "fairly_good", _("Fairly good")
    AVERAGE = "average", _("Average")
    POOR = "poor", _("Poor")
