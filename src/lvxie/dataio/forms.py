from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm

from .kinds import KINDS
from .services import may_import


class UploadForm(ActorForm):
    kind = forms.ChoiceField(label=_("Records"))
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, v.label) for k, v in KINDS.items() if may_import(self.actor, k)]
