"""Form fields for choosing registry records, public for every app's forms (an app never imports
another app's forms module)."""

from django import forms

from .models import Region


class RegionChoiceField(forms.ModelChoiceField):
    """A region chosen by its name alone (the default label would be the model's str)."""

    def label_from_instance(self, obj: Region) -> str:
        return obj.name
