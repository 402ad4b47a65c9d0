from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonKind(models.TextChoices):
    """Who applies: a lawyer or a trainee of the registry, or a firm's staff member (not in the registry)."""

    LAWYER = "lawyer", _("Lawyer")
    TRAINEE = "trainee", _("Trainee")
    STAFF = "staff", _("Firm staff")


class Stage(models.TextChoices):
    """Where a person stands on the way into the Party (发展党员). The `*_pending` stages wait for the
    Party committee above the branch to approve what the branch decided."""

    APPLICANT = "applicant", _("Applicant")
    ACTIVIST = "activist", _("Activist")
    TARGET = "target", _("Development target")
    ADMISSION_PENDING = "admission_pending", _("Admitted by the branch, awaiting approval")
    PROBATIONARY = "probationary", _("Probationary member")
    CONVERSION_PENDING = "conversion_pending", _("Conversion awaiting approval")
    EXTENSION_PENDING = "extension_pending", _("Extension awaiting approval")
    CANCELLATION_PENDING = "cancellation_pending", _("Cancellation awaiting approval")
    FULL = "full", _("Full member")
    CANCELLED = "cancelled", _("Probation cancelled")
    STOPPED = "stopped", _("No longer pursued")


# Still on the way: one such record per person at a time.
OPEN_STAGES = tuple(s for s in Stage.values if s not in (Stage.FULL, Stage.CANCELLED, Stage.STOPPED))
# Waiting for the committee above.
PENDING_STAGES = (
    Stage.ADMISSION_PENDING,
    Stage.CONVERSION_PENDING,
    Stage.EXTENSION_PENDING,
    Stage.CANCELLATION_PENDING,
)


class Step(models.TextChoices):
    """The steps (labels read as buttons). Branch steps are recorded by the branch's secretary, the
    approvals by the Party committee staff over it; see `services.RECRUIT_WORKFLOW`."""

    APPLY = "apply", _("Application received")
    ACTIVIST = "activist", _("Make an activist")
    TARGET = "target", _("Make a development target")
    ADMIT = "admit", _("Admit as probationary member")
    APPROVE_ADMISSION = "approve_admission", _("Approve the admission")
    REFUSE_ADMISSION = "refuse_admission", _("Refuse the admission")
    CONVERT = "convert", _("Convert to full member")
    EXTEND = "extend", _("Extend the probation")
    CANCEL = "cancel", _("Cancel the probation")
    APPROVE_CONVERSION = "approve_conversion", _("Approve the conversion")
    APPROVE_EXTENSION = "approve_extension", _("Approve the extension")
    APPROVE_CANCELLATION = "approve_cancellation", _("Approve the cancellation")
    REFUSE_END = "refuse_end", _("Refuse the branch's decision")
    STOP = "stop", _("Stop pursuing")
