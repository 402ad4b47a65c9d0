"""One definition per list (`ListDef`): its columns, its filters and its orderings, read by the list page,
the API's list endpoint, the .xlsx/.csv export and the export's audit event alike.

A filter is declared once (`Filter`) and yields the three things a list needs of it: the page form's
field, the API's query parameter, and the narrowing of the queryset. `ListDef.query` is the one function
that applies them: the page and the export pass it the query string, the API its validated parameters,
and all three get the same rows from the same values. Each value is cleaned by the page form's own field
(so a region or a firm the actor cannot see is refused the same way everywhere), and a filter whose value
is refused matches nothing rather than being dropped: "a district you cannot see" never widens a list.

Columns say what a row shows: the page's table takes those marked `page`, the export those marked
`export`, and a `masked` column (an ID number, a phone) is shown masked unless the export is an
unmasked one (dataio decides; this module only marks them).

Apps declare their lists in their own `lists.py`; this module imports no app.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import IntegerField, Model, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from ninja import Field
from pydantic import create_model

from .api import Page, Text
from .forms import QuickInput, QuickSelect
from .kept import Kept
from .scoping import scope_of

ORDER_PARAM = "order"  # the query-string key of the page's (and its export's) chosen ordering


def choice_labels(model: type[Model], name: str) -> Callable[[object], str]:
    """A choice field's display, translated once per list: `get_FOO_display()` translates each label
    again on every row, which was a third of a large export's time."""
    choices = model._meta.get_field(name).flatchoices  # type: ignore[union-attr]  # a model field with choices
    labels: dict[object, str] = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, str(value))


class RowCount(Subquery):
    """A count column: how many rows a correlated queryset has (give it `.values()` of the foreign key).
    `count(*)` over the key reads the key's index alone; `Count("id")` grouped by the key read every
    counted row from the table (on the firm list, two thirds of the page's query)."""

    template = "(SELECT count(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def blank(choices) -> list:
    """A filter's choices with "All" first."""
    return [("", _("All")), *list(choices)]


@dataclass(frozen=True)
class Filter:
    """One filter of a list. `form_field(actor)` is the page form's field, and its `clean` is how every
    way in (page, API, export) reads the value; `api_type` and `api_field` are the API's query parameter
    (same name); `apply(queryset, value)` narrows the rows by the cleaned value; `audit(value)` is how
    the export's audit event records it."""

    name: str
    form_field: Callable[[Any], forms.Field]
    api_type: Any
    api_field: Any
    apply: Callable[[QuerySet, Any], QuerySet]
    audit: Callable[[Any], str] = str


SEARCH_MAX_LENGTH = 60  # the search box's longest text (a longer one is refused: it matches nothing)


def search(apply: Callable[[QuerySet, str], QuerySet], *, description: str, placeholder=None) -> Filter:
    """The search box (`q`): `apply` narrows and orders by relevance."""
    attrs = {"placeholder": placeholder} if placeholder else {}
    return Filter(
        "q",
        lambda actor: forms.CharField(
            label=_("Search"),
            required=False,
            max_length=SEARCH_MAX_LENGTH,
            widget=forms.TextInput(attrs=attrs),
        ),
        Text,
        Field("", description=description),
        apply,
    )


def choice(name: str, label, choices, *, apply: Callable[[QuerySet, Any], QuerySet] | None = None) -> Filter:
    """One value of a choice field (`choices` a TextChoices class); `apply` defaults to equality."""
    return Filter(
        name,
        lambda actor: forms.ChoiceField(label=label, choices=blank(choices.choices), required=False),
        choices | None,
        None,
        apply or (lambda rows, value: rows.filter(**{name: value})),
    )


def boolean(name: str, label) -> Filter:
    """Yes, no or either."""
    return Filter(
        name,
        lambda actor: forms.NullBooleanField(
            label=label,
            required=False,
            widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
        ),
        bool | None,
        None,
        lambda rows, value: rows.filter(**{name: value}),
    )


# The widgets a filter form writes itself (core.forms), by the kind of Django widget they replace.
_QUICK: dict[type[forms.Widget], Any] = {
    forms.Select: QuickSelect,
    forms.TextInput: QuickInput,
    forms.HiddenInput: QuickInput,
}


class FilterForm(forms.Form):
    """The page's filter form of one list: a field per filter, built for the actor (scoped choices)."""

    def __init__(self, data, *, actor, filters: tuple[Filter, ...]):
        super().__init__(data)
        self.actor = actor
        for f in filters:
            field = f.form_field(actor)
            quick = _QUICK.get(type(field.widget))  # every list's widgets of these kinds, whoever made them
            if quick is not None:
                field.widget = quick.replacing(field.widget)
            self.fields[f.name] = field


@dataclass(frozen=True)
class Column:
    """One column: `value` reads it from a row's object (default: the attribute path `key`, dotted);
    `choices` shows a choice field's label; `masked` is the masking function of a sensitive column (ID
    number, phone), shown only to an actor with a sensitive scope; `page`/`export` say where it appears;
    `css` and `link` are for the page's table.

    Exports read plain values, not objects, where every column can (a national list builds no model
    objects: several times faster): a column without `value` is read from its field `key`; one with
    `value` says which `paths` (ORM lookups) it is made of and how (`combine`, given their values)."""

    key: str
    label: Any
    value: Callable[[Any], Any] | None = None
    choices: bool = False
    masked: Callable[[str], str] | None = None
    page: bool = True
    export: bool = True
    css: str = ""
    link: bool = False
    paths: tuple[str, ...] = ()
    combine: Callable[..., Any] | None = None

    def reader(self, model: type[Model]) -> Callable[[Any], Any]:
        """How to read this column from an object of `model` (choice labels translated once)."""
        read = self.value or attrgetter(self.key)
        if not self.choices:
            return read
        labels = choice_labels(model, self.key)
        return lambda obj: labels(read(obj))

    def value_paths(self, model: type[Model], annotations) -> tuple[str, ...] | None:
        """The lookups an export reads this column from as plain values (a plain field of `model`, one of
        the queryset's `annotations`, or the declared `paths`); None: only from objects (a related
        object, a property)."""
        if self.value is not None:
            return self.paths or None
        if self.key in annotations:
            return (self.key,)
        try:
            field = model._meta.get_field(self.key)
        except FieldDoesNotExist:
            return None
        return None if field.is_relation or not field.concrete else (self.key,)

    def value_reader(self, model: type[Model]) -> Callable[..., Any]:
        """This column's cell from the values of its `value_paths()`, in order."""
        if self.combine is not None:
            return self.combine
        if self.choices:
            labels = choice_labels(model, self.key)
            return labels
        return lambda value: value


@dataclass(frozen=True)
class Query:
    """A list as asked for: the form that read the values (for the page), the scoped, filtered and ordered
    rows, the filters that narrowed them as the audit records them, and the ordering chosen."""

    form: FilterForm
    items: QuerySet
    applied: dict[str, str]
    order: str


# The compiled lists' querysets as built, per list and read scope (`ListDef._rows`): only ever cloned.
_BUILT: Kept[QuerySet] = Kept(512)


@dataclass(frozen=True)
class ListDef:
    """A list: `name` (the export's URL and the audit's), `rows(actor)` the scoped queryset with all a row
    shows joined in, its filters, its columns (in the export's order; `page_order` gives the page's if it
    differs), the default `ordering` and the `orderings` a user may choose by key (page and export)."""

    name: str
    model: type[Model]
    rows: Callable[[Any], QuerySet]
    filters: tuple[Filter, ...]
    columns: tuple[Column, ...]
    ordering: tuple[str, ...]
    orderings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page_order: tuple[str, ...] = ()
    # True where `rows(actor)` depends on nothing but the actor's read scope, and the filters' choices on
    # nothing but it, the regions and the Party organizations: the page's count and rows, when no filter
    # narrows them, are then compiled once per scope and ordering, and its filter form with nothing
    # chosen is drawn once per scope, language and path generation (core.views).
    compiled: bool = False

    def form(self, data: Mapping | None, actor) -> FilterForm:
        return FilterForm(data, actor=actor, filters=self.filters)

    def query(self, actor, data: Mapping | None) -> Query:
        """The one function that filters this list, for the page, the API and the export: `data` is the
        query string (or the API's parameters by the same names)."""
        # (a query string with no filter in it, a page number say, filters nothing: nothing to validate)
        chosen = data is not None and any(f.name in data for f in self.filters)
        form = self.form(data if chosen else None, actor)
        valid = form.is_valid() if form.is_bound else True
        cleaned = form.cleaned_data if form.is_bound else {}
        items = self._rows(actor)
        applied: dict[str, str] = {}
        for f in self.filters:
            if not valid and f.name in form.errors:
                items = items.none()  # refused (out of scope, unknown): matches nothing
                applied[f.name] = str(form.data.get(f.name, ""))
                continue
            value = cleaned.get(f.name)
            if value in (None, ""):
                continue
            items = f.apply(items, value)
            applied[f.name] = f.audit(value)
        order = str((data or {}).get(ORDER_PARAM) or "")
        if order in self.orderings:
            items = items.order_by(*self.orderings[order])
        else:
            order = ""
        return Query(form, items, applied, order)

    def _rows(self, actor) -> QuerySet:
        """`rows(actor)` in the default order; for a compiled list (which depends on the read scope alone)
        built once per scope and cloned, never run, where building it cost as much as the page's query."""
        if not self.compiled:
            return self.rows(actor).order_by(*self.ordering)
        key = (self.name, scope_of(actor).reads())
        return _BUILT.get(key, lambda: self.rows(actor).order_by(*self.ordering)).all()

    def api_query(self, actor, params: Page) -> Query:
        """`query` from the API's validated parameters (paging left out)."""
        data = params.model_dump(mode="json", exclude=set(Page.model_fields), exclude_none=True)
        return self.query(actor, data)

    def api_schema(self, name: str) -> type[Page]:
        """The API's query parameters: paging and one parameter per filter, by the filter's name."""
        fields: dict[str, Any] = {f.name: (f.api_type, f.api_field) for f in self.filters}
        return create_model(name, __base__=Page, **fields)

    def page_columns(self) -> list[Column]:
        columns = [c for c in self.columns if c.page]
        if self.page_order:
            index = {c.key: c for c in columns}
            columns = [index[key] for key in self.page_order]
        return columns

    def export_columns(self, *, sensitive: bool) -> list[Column]:
        """The export's columns; the masked ones only for an actor who may see them unmasked somewhere."""
        return [c for c in self.columns if c.export and (sensitive or c.masked is None)]

    def page_rows(self, objects) -> list[tuple[Any, list[tuple[Column, Any]]]]:
        """The page's rows: each object with its (column, value) cells."""
        columns = self.page_columns()
        readers = [(c, c.reader(self.model)) for c in columns]
        return [(obj, [(c, read(obj)) for c, read in readers]) for obj in objects]
