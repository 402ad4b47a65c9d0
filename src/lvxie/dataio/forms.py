from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm

from . import policies
from .kinds import KINDS
from .services import REASON_MAX_LENGTH


class UploadForm(ActorForm):
    kind = forms.ChoiceField(label=_("Records"))
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k, v.label) for k, v in KINDS.items() if policies.allowed(self.actor, policies.IMPORT_RUN, k)
        ]


class UnmaskedExportForm(forms.Form):
    """Why the unmasked ID numbers and phones are needed: required, recorded in the audit log."""

    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", ".xlsx"), ("csv", ".csv")])
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you need the unmasked ID numbers and phones.")},
        help_text=_("Recorded in the audit log with the number of rows and the columns."),
    )
