from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
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


class QuickSelect(forms.Select):
    """A drop-down written here, not by Django's templates (a template per option: a list page's four
    filter drop-downs cost more than its query). The same HTML, groups of options included."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            items = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((o["value"], flatatt(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, items) if group_name else items
            )
        body = format_html_join("", "{}", ((group,) for group in groups))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), body)

    @classmethod
    def replacing(cls, widget: forms.Select) -> "QuickSelect":
        return cls(attrs=widget.attrs, choices=widget.choices)


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
