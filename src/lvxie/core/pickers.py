"""One search-as-you-type picker for choices too many for a drop-down (a city's 1,000 lawyers, 800 Party
organizations, 1,200 firms).

A `Source` says where the choices come from: a scoped queryset that starts from `visible_to(actor)`, how
typed text narrows it, and how a choice is told apart from another of the same name. A `PickerField`
renders a search box (htmx `hx-get` to `PickerView`) above radio buttons holding the first
`SHOWN` matches and "N more, keep typing"; the chosen radio posts the id, which the field validates
against the same scoped queryset, so an id out of scope or no longer eligible is refused like any invalid
choice.

Without JavaScript the radios of the first matches are still there, and what is typed in the box is taken
when it names exactly one choice (a licence number, a credit code, an organization's full name).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lvxie.core.types import Actor

SHOWN = 20  # choices offered at once; typing narrows them
_QUERY_MAX = 60


@dataclass(frozen=True)
class Source:
    """Where a picker's choices come from.

    `queryset(actor, **params)` is the scoped set of eligible choices (it raises Http404 for params the
    actor may not use); `search(qs, text)` narrows and orders it; `exact(qs, text)` is what text typed
    without JavaScript names; `detail(obj)` is the line that tells two choices of the same name apart.
    """

    name: str
    queryset: Callable[..., QuerySet]
    search: Callable[[QuerySet, str], QuerySet]
    exact: Callable[[QuerySet, str], QuerySet]
    detail: Callable[[Any], str]
    label: Callable[[Any], str] = field(default=lambda obj: obj.name)
    params: tuple[str, ...] = ()


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Make `source` answerable by `PickerView` (apps register theirs in their `pickers` module)."""
    SOURCES[source.name] = source
    return source


@dataclass
class Choice:
    pk: int
    label: str
    detail: str
    checked: bool


def choices(
    source: Source, queryset: QuerySet, *, text: str = "", selected: str = ""
) -> tuple[list[Choice], int]:
    """The first `SHOWN` choices matching `text` (the selected one kept first), and how many more."""
    text = (text or "").strip()[:_QUERY_MAX]
    matches = source.search(queryset, text) if text else queryset
    shown = list(matches[:SHOWN])
    more = matches.count() - len(shown) if len(shown) == SHOWN else 0
    if selected.isdigit() and all(obj.pk != int(selected) for obj in shown):
        kept = queryset.filter(pk=int(selected)).first()
        if kept is not None:
            shown.insert(0, kept)
    return [
        Choice(obj.pk, source.label(obj), source.detail(obj), str(obj.pk) == selected) for obj in shown
    ], more


class TypedText(str):
    """What was typed in the search box when no choice was picked (the no-JavaScript path)."""


class PickerWidget(forms.Widget):
    template_name = "core/picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.source: Source | None = None
        self.url = ""
        self.queryset: QuerySet | None = None
        self.required = True

    def value_from_datadict(self, data, files, name):
        picked = data.get(name) or ""
        if picked:
            return picked
        typed = (data.get(f"{name}_q") or "").strip()
        return TypedText(typed) if typed else ""

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def format_value(self, value):
        if isinstance(value, Model):
            return str(value.pk)
        return "" if value is None else str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text = value if isinstance(value, TypedText) else ""
        selected = "" if isinstance(value, TypedText) else self.format_value(value)
        shown, more = (
            choices(self.source, self.queryset, text=text, selected=selected)
            if self.source is not None and self.queryset is not None
            else ([], 0)
        )
        context["widget"].update(
            url=self.url, text=text, choices=shown, more=more, optional=not self.required, selected=selected
        )
        return context


class PickerField(forms.ModelChoiceField):
    """A choice among many, picked by typing (see the module docstring). Call `scope()` in the form's
    `__init__` with the actor: that sets the queryset the field validates against."""

    widget = PickerWidget
    default_error_messages = {
        "unknown": _("Nothing matches what you typed: pick one of the suggestions."),
        "ambiguous": _("Several match what you typed: pick one of the suggestions."),
    }

    def __init__(self, source: Source, **kwargs):
        kwargs.setdefault("queryset", None)  # set by scope()
        kwargs.setdefault("help_text", _("Type part of the name (or the number) and pick one."))
        super().__init__(empty_label=None, **kwargs)
        self.source = source
        self.widget.source = source

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)  # type: ignore[misc]  # forms.Field defines it; the stubs do not
        result.widget.source = self.source
        return result

    @classmethod
    def replacing(cls, field: forms.Field, source: Source, actor: Actor | None, **params) -> "PickerField":
        """A picker in place of a model form's generated drop-down `field` (same label, same required)."""
        picker = cls(source, label=field.label, required=field.required)
        picker.scope(actor, **params)
        return picker

    def scope(self, actor: Actor | None, **params) -> None:
        """Choices are what `actor` may pick (with the source's `params`, e.g. the member to transfer)."""
        self.queryset = self.source.queryset(actor, **params)
        self.widget.queryset = self.queryset
        self.widget.required = self.required
        query = {**params, **({} if self.required else {"optional": 1})}
        self.widget.url = f"{reverse('core:pick', args=[self.source.name])}?{urlencode(query)}"

    def to_python(self, value):
        if isinstance(value, TypedText):
            assert self.queryset is not None  # set by `scope`, which the form's __init__ calls
            found = list(self.source.exact(self.queryset, value)[:2])
            if not found:
                raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
            if len(found) > 1:
                raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
            return found[0]
        return super().to_python(value)


def pick_view(request, source: str):
    """The suggestions of one picker (htmx). Nothing for an anonymous user or an unknown source (404);
    params the actor may not use are 404 from the source; otherwise only choices in the actor's scope."""
    found = SOURCES.get(source)
    if found is None or not request.user.is_authenticated:
        raise Http404
    name = request.GET.get("field", "")
    if not name.isidentifier():
        raise Http404
    params = {key: request.GET[key] for key in found.params if key in request.GET}
    try:
        queryset = found.queryset(request.user, **params)
    except (ValueError, TypeError) as error:
        raise Http404 from error
    text = request.GET.get(f"{name}_q", request.GET.get("q", ""))
    shown, more = choices(found, queryset, text=text, selected=request.GET.get(name, ""))
    response = render(
        request,
        "core/_picker_choices.html",
        {
            "widget": {
                "name": name,
                "choices": shown,
                "more": more,
                "optional": "optional" in request.GET,
                "selected": request.GET.get(name, ""),
            }
        },
    )
    response["Cache-Control"] = "no-store"
    return response
