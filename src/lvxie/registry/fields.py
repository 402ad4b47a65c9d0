"""Form fields for choosing registry records, public for every app's forms (an app never imports
another app's forms module)."""

from django import forms
from django.forms.models import ModelChoiceIterator

from .models import Region


class ListedChoices(ModelChoiceIterator):
    """The choices read in one query. Django's iterates a server-side cursor on PostgreSQL (DECLARE, FETCH,
    CLOSE, and a cursor held over the commit): three round trips on every list page, for a few regions."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class RegionChoiceField(forms.ModelChoiceField):
    """A region chosen by its name alone (the default label would be the model's str)."""

    iterator = ListedChoices

    def label_from_instance(self, obj: Region) -> str:
        return obj.name
