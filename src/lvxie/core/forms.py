from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.text import capfirst

from lvxie.core.types import Actor
from lvxie.core.uploads import CheckedUpload, check_upload


class ActorForm(forms.Form):
    """A form that knows who fills it in, so its choices (regions, firms) can be scoped."""

    # Subclasses narrow their fields' choices (`queryset`, `choices`, a picker's `scope`): the stubs type
    # every field as the base `Field`, which has none of these.
    fields: dict[str, Any]

    def __init__(self, *args, actor: Actor | None = None, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)


class ActorModelForm(forms.ModelForm):
    """A model form that knows who fills it in. It validates only; services save."""

    # Subclasses narrow their fields' choices (`queryset`, `choices`, a picker's `scope`): the stubs type
    # every field as the base `Field`, which has none of these.
    fields: dict[str, Any]

    def __init__(self, *args, actor: Actor | None = None, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)

    def add_error(self, field, error):
        # The model (or a service) may refuse a field this form does not show, e.g. one the user may
        # not change: show it on the form as a whole, named, instead of failing on the unknown field.
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(None if name == NON_FIELD_ERRORS else name, ValidationError(errors))
            return
        if field is not None and field not in self.fields:
            try:
                label = capfirst(self._meta.model._meta.get_field(field).verbose_name)
            except FieldDoesNotExist:
                label = field
            error = ValidationError([f"{label}: {message}" for message in ValidationError(error).messages])
            field = None
        super().add_error(field, error)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadsField(forms.FileField):
    """Several files in one input, each checked by `lvxie.core.uploads.check_upload`; cleans to a list
    of `CheckedUpload`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CheckedUpload]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        checked: list[CheckedUpload] = []
        errors: list[ValidationError] = []
        for file in files:
            try:
                checked.append(check_upload(super().clean(file, initial)))
            except ValidationError as exc:
                errors.extend(ValidationError(f"{file.name}: {m}", code=exc.code) for m in exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked
