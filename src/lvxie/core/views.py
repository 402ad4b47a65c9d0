"""Generic views that keep the house rules in one place: every object comes through a selector that
starts from `visible_to(actor)` (so out of scope is 404), and every write goes through a service."""

import copy
from collections.abc import Hashable
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from lvxie.core import request_cache
from lvxie.core.kept import Kept
from lvxie.core.lists import ORDER_PARAM, ListDef
from lvxie.core.paging import WindowPaginator, window
from lvxie.core.scoping import scope_of
from lvxie.core.statements import Statements

# The objects of the detail pages that ask for it (ScopedObjectMixin.compiled), per view and scope.
_FETCHES = Statements()
# The count and windows of the list pages that ask for it (CompiledPaginator), per list, scope and ordering.
_LIST_PAGES = Statements()


class CompiledPaginator(WindowPaginator):
    """The pages of a list no filter narrows (`ListDef.compiled`), its count and each window compiled once
    per `key` (the list, the scope and the ordering: all its queryset depends on); building those
    queries cost more than running them."""

    def __init__(self, object_list: QuerySet, per_page: int, *, key: Hashable) -> None:
        super().__init__(object_list, per_page)
        self.queryset, self.key = object_list, key

    @cached_property
    def count(self) -> int:
        return _LIST_PAGES.count(self.key, lambda: self.queryset)

    def rows(self, queryset: QuerySet, start: int, stop: int):
        return _LIST_PAGES.rows((self.key, start, stop), lambda: window(queryset, start, stop))


# The filter forms of compiled lists, as drawn before any filter is chosen, per list, language, scope and
# path generation: the same HTML for every page view of everyone with that scope (its drop-downs were a
# sixth of the firm list page). Kept in the process only where a shared cache keeps the generation (a
# new or renamed region changes it, in every process); never longer than the request cache's entries.
_FILTER_FORMS: Kept[str] = Kept(256, seconds=request_cache.TIMEOUT)


def filter_form_html(list_def: ListDef, actor) -> str | None:
    """The HTML of `list_def`'s filter form with nothing chosen, for `actor` (None: draw it each time).
    For lists whose filters' choices come from nothing but the actor's scope, regions and Party
    organizations (`ListDef.compiled`)."""
    if not request_cache.shared():
        return None
    scope = scope_of(actor)
    key = (list_def.name, get_language(), scope.reads(), scope.generation)

    def draw() -> str:
        form = list_def.form(None, actor)
        return mark_safe(render_to_string("core/_filter_form.html", {"filter_form": form}))  # noqa: S308 - a template's escaped output

    return _FILTER_FORMS.get(key, draw)


class ScopedListView(LoginRequiredMixin, TemplateView):
    """A filtered, paginated list of what the user may see: from the list's definition (`list_def`, which
    also drives its API endpoint and its export, and gives the table's columns: core/list_table.html), or
    from a filter form and a selector."""

    list_def: ListDef | None = None
    # Set by subclasses or `as_view(...)` (which accepts only names the class has, hence the None).
    filter_form_class: Any = None  # a form class taking `actor=`
    selector: Any = None  # (actor, **filters) -> QuerySet
    paginate_by = 25
    title: Any = ""  # a string, a lazy one, or a property in a subclass

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor, data = self.request.user, self.request.GET
        if self.list_def is not None:
            found = self.list_def.query(actor, data)
            form, queryset = found.form, found.items
        else:
            form = self.filter_form_class(data or None, actor=actor)
            filters = form.cleaned_data if form.is_valid() else {}
            queryset = type(self).selector(actor, **{k: v for k, v in filters.items() if v not in (None, "")})
        if (
            self.list_def is not None
            and self.list_def.compiled
            and not any(f.name in data for f in self.list_def.filters)
        ):
            context["filter_html"] = filter_form_html(self.list_def, actor)
        if self.list_def is not None and self.list_def.compiled and not found.applied:
            key = (self.list_def.name, scope_of(actor).reads(), found.order)
            paginator: WindowPaginator = CompiledPaginator(queryset, self.paginate_by, key=key)
        else:
            paginator = WindowPaginator(queryset, self.paginate_by)
        page = paginator.get_page(data.get("page"))
        query = data.copy()
        query.pop("page", None)
        context.update(
            filter_form=form, page=page, objects=page.object_list, title=self.title, query=query.urlencode()
        )
        if self.list_def is not None:
            query.pop(ORDER_PARAM, None)
            context.update(
                columns=self.list_def.page_columns(),
                rows=self.list_def.page_rows(page.object_list),
                orderings=self.list_def.orderings,
                order=found.order,
                order_query=query.urlencode(),
            )
        return context


class ScopedObjectMixin(LoginRequiredMixin):
    """Fetches the object from `visible_to(actor)`; anything else is a 404."""

    model: Any = None  # a model class whose manager has `visible_to(actor)`; set by subclasses
    request: HttpRequest
    kwargs: dict[str, Any]

    # True where `get_queryset` depends on nothing but the actor's scope (what it reads): the fetch is then
    # compiled once per view and scope (core.statements), where building it cost more than running it.
    compiled = False

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_object(self):
        if not self.compiled:
            return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        key = (type(self), scope_of(self.request.user).reads())
        found = _FETCHES.rows(key, lambda pk: self.get_queryset().filter(pk=pk)[:1], int(self.kwargs["pk"]))
        if not found:
            raise Http404
        return found[0]


class ScopedDetailView(ScopedObjectMixin, TemplateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context


class ServiceFormView(LoginRequiredMixin, TemplateView):
    """Create or edit through a service: the form validates input, the service writes and audits.
    A refusal by the service (scope or a rule) shows on the form and changes nothing."""

    template_name = "core/form.html"
    form_class: Any = None  # a form class taking `instance=` and `actor=`; set by subclasses
    title: Any = ""  # a string, a lazy one, or a property in a subclass
    list_url = ""  # where Cancel goes when creating

    def get_object(self):
        return None

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, instance=self.form_instance(), actor=self.request.user)

    def form_instance(self):
        # A model form writes the submitted values onto its instance while it validates; the service
        # gets the record as registered, so it can tell what changes (for its checks and the audit log).
        return copy.deepcopy(self.object)

    service: Any = None  # e.g. firm_register(*, actor, **fields) or firm_update(*, actor, firm, **fields)
    object_kwarg = ""  # for updates: the service's keyword for the object, e.g. "firm"

    def run_service(self, form):
        fields = dict(form.cleaned_data)
        if self.object is not None:
            fields[self.object_kwarg] = self.object
        return type(self).service(actor=self.request.user, **fields)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        self.check_allowed()
        return super().dispatch(request, *args, **kwargs)

    def check_allowed(self) -> None:
        """Subclasses refuse (403) a visible object the user may not change."""

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = self.run_service(form)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(obj.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cancel = self.object.get_absolute_url() if self.object is not None else reverse(self.list_url)
        context.update(title=self.title, object=self.object, cancel_url=cancel)
        return context


class ActionView(LoginRequiredMixin, View):
    """A POST-only action on a visible object (e.g. removing a committee seat)."""

    http_method_names = ["post"]


def healthz(request):
    """Liveness and database check for load balancers and `make demo`."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means unhealthy
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
