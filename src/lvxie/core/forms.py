from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
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
    filter drop-downs cost more than its query). The same HTML, groups of options included, by Django's
    rules (`ChoiceWidget.optgroups`): a None value is "", and only the first option matching is selected."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        chosen = False

        def option(option_value, label) -> str:
            nonlocal chosen
            selected = not chosen and str(option_value) in values
            chosen = chosen or selected
            mark = " selected" if selected else ""
            shown = conditional_escape(str(option_value))
            return f'<option value="{shown}"{mark}>{conditional_escape(label)}</option>'

        parts = []
        for group, label in self.choices:
            if not isinstance(label, list | tuple):
                parts.append(option("" if group is None else group, label))
                continue
            items = "".join(option(v, sublabel) for v, sublabel in label)
            parts.append(
                f'<optgroup label="{conditional_escape(group)}">{items}</optgroup>' if group else items
            )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{conditional_escape(name)}"{attrs}>{"".join(parts)}</select>')  # noqa: S308 - escaped above

    @classmethod
    def replacing(cls, widget: forms.Select) -> "QuickSelect":
        return cls(attrs=widget.attrs, choices=widget.choices)


class QuickInput(Input):
    """A text or hidden input written here, not by Django's two templates per input (a list's search box
    cost as much as its drop-downs). The same HTML, attribute order aside."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<input type="{self.input_type}" name="{conditional_escape(name)}"{shown}{attrs}>')  # noqa: S308 - escaped above

    @classmethod
    def replacing(cls, widget: Input) -> "QuickInput":
        quick = cls(attrs={**widget.attrs, "type": widget.input_type})
        quick.is_localized = widget.is_localized  # (what `format_value` reads)
        return quick


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
