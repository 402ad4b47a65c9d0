from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from lvxie.core.scoping import scope_of

from .forms import AuditFilter
from .selectors import audit_events_for
from .services import audit_record


def event_list(request):
    """The auditor's searchable audit log. Every search is itself recorded."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not scope_of(request.user).audit_reader:
        raise Http404
    form = AuditFilter(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = Paginator(audit_events_for(request.user, **filters), 50).get_page(request.GET.get("page"))
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
