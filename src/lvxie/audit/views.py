from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.core.scoping import scope_of
from lvxie.core.tabular import table_response

from .forms import AuditFilter
from .labels import action_label, change_rows
from .selectors import audit_events_for
from .services import audit_record

PAGE_SIZE = 50
EXPORT_FORMATS = ("xlsx", "csv")


def _auditor_filters(request) -> tuple[AuditFilter, dict]:
    """Only the auditor gets past here (anyone else: 404); the valid filters of the request."""
    if not scope_of(request.user).audit_reader:
        raise Http404
    form = AuditFilter(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    return form, filters


def _login_first(request):
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


def _change_text(event) -> str:
    return "; ".join(
        f"{label}: {old} → {new}" if old else f"{label}: {new}" for label, old, new in change_rows(event)
    )


def event_list(request):
    """The auditor's searchable audit log, in words. Every search is itself recorded."""
    if not request.user.is_authenticated:
        return _login_first(request)
    form, filters = _auditor_filters(request)
    paginator = Paginator(audit_events_for(request.user, **filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    for event in page.object_list:
        event.action_label = action_label(event.action)
        event.changes = change_rows(event)
    audit_record(
        actor=request.user,
        action="audit.search",
        object_type="audit.auditevent",
        after={k: str(v) for k, v in filters.items()},
    )
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "audit/event_list.html",
        {
            "filter_form": form,
            "page": page,
            "objects": page.object_list,
            "title": _("Audit log"),
            "query": query.urlencode(),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def event_export(request, fmt: str):
    """The filtered audit log as .xlsx or .csv for an inspection, times in local time; the export is
    itself an audit event (with its filters and row count) in the log it exports."""
    if not request.user.is_authenticated:
        return _login_first(request)
    _form, filters = _auditor_filters(request)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    events = audit_events_for(request.user, **filters)
    audit_record(
        actor=request.user,
        action="audit.export",
        object_type="audit.auditevent",
        after={"format": fmt, "count": events.count(), **{k: str(v) for k, v in filters.items()}},
    )
    headers = [
        _("Time"),
        _("Actor"),
        _("IP address"),
        _("Action"),
        _("Action code"),
        _("Object"),
        _("Object type"),
        _("Result"),
        _("Change"),
        _("Request id"),
    ]
    rows = (
        [
            timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            e.ip or "",
            action_label(e.action),
            e.action,
            e.object_repr,
            e.object_type,
            e.get_result_display(),
            _change_text(e),
            e.request_id,
        ]
        for e in events.iterator(chunk_size=2000)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return table_response(fmt, f"{_('Audit log')}-{stamp}", headers, rows)
