"""Import and export pages. Jobs come from `visible_to(actor)` (only their uploader; others 404);
exports run the lists' own definitions (core/lists.py): the page's filters, from the same query string."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from lvxie.core.scoping import scope_of
from lvxie.core.tabular import XLSX_TYPE, download, table_response, xlsx_bytes
from lvxie.core.views import ActionView

from . import policies, selectors, services
from .exports import EXPORTS, export_table, is_unmaskable
from .forms import UnmaskedExportForm, UploadForm
from .kinds import KINDS, get_kind
from .models import ExportJob


def _importer(request) -> None:
    if not any(policies.allowed(request.user, policies.IMPORT_RUN, kind) for kind in KINDS):
        raise Http404


class ImportListView(LoginRequiredMixin, View):
    """Upload a file; the uploader's earlier imports."""

    def get(self, request, form=None, status=200):
        _importer(request)
        services.imports_recover(actor=request.user)
        context = {
            "form": form or UploadForm(actor=request.user),
            "jobs": selectors.job_list(request.user)[:20],
            "kinds": [get_kind(k) for k in KINDS if policies.allowed(request.user, policies.IMPORT_RUN, k)],
            "title": _("Import"),
        }
        return render(request, "dataio/import_list.html", context, status=status)

    def post(self, request):
        _importer(request)
        kind = request.POST.get("kind", "")
        if not policies.allowed(request.user, policies.IMPORT_RUN, kind):
            raise Http404  # the same for a kind that does not exist and one the user may not import
        form = UploadForm(request.POST, request.FILES, actor=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                job = services.import_start(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    content=upload.read(),
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return redirect(job.get_absolute_url())
        return self.get(request, form=form, status=400)


class ImportDetailView(LoginRequiredMixin, View):
    """The report of a job; while it runs, a progress bar that refreshes itself (htmx)."""

    template_name = "dataio/import_detail.html"
    shows_report = True

    def get(self, request, pk):
        job = get_object_or_404(selectors.job_list(request.user), pk=pk)
        job = services.import_recover(actor=request.user, job=job)
        if self.shows_report:
            services.report_read(actor=request.user, job=job, what="import_report")
        return render(
            request, self.template_name, {"job": job, "kind": get_kind(job.kind), "title": job.filename}
        )


class ImportProgressView(ImportDetailView):
    template_name = "dataio/_progress.html"
    shows_report = False  # the bar alone, polled every second: no rows, nothing to audit


class ImportCommitView(ActionView):
    def post(self, request, pk):
        job = get_object_or_404(selectors.job_list(request.user), pk=pk)
        try:
            services.import_commit(actor=request.user, job=job)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(job.get_absolute_url())


class TemplateView(LoginRequiredMixin, View):
    """An empty template with the kind's headers and one example row."""

    def get(self, request, kind):
        if not policies.allowed(request.user, policies.IMPORT_RUN, kind):
            raise Http404
        importer = get_kind(kind)
        headers = [c.label + ("*" if c.required else "") for c in importer.columns]
        # One row: a plain response (the lists' exports stream).
        name = f"{importer.label}-template"
        content = xlsx_bytes(headers, [[c.example for c in importer.columns]], title=name)
        return download(content, f"{name}.xlsx", XLSX_TYPE)


def export_response(request, what: str, fmt: str, *, unmasked: bool = False, reason: str = ""):
    """A filtered list as .xlsx or .csv, within the user's scope, audited, sent as it is written (pages
    and API). Masked unless `unmasked`, which the service checks (permission, reason). A list longer
    than `LVXIE_EXPORT_DIRECT_ROWS` is written in the background instead: returns its ExportJob."""
    if what not in EXPORTS or (unmasked and not is_unmaskable(what)) or scope_of(request.user).is_empty:
        raise Http404
    fmt = "csv" if fmt == "csv" else "xlsx"
    table, count, job = services.export_start(
        actor=request.user,
        what=what,
        query=request.GET,
        fmt=fmt,
        unmasked=unmasked,
        reason=reason,
    )
    if job is not None:
        return job
    return table_response(fmt, f"{what}-{count}", table.headers, table.rows())


def _file_or_job_page(response):
    return redirect(response.get_absolute_url()) if isinstance(response, ExportJob) else response


class ExportView(LoginRequiredMixin, View):
    """The export links under each list page (always masked)."""

    def get(self, request, what):
        return _file_or_job_page(export_response(request, what, request.GET.get("format", "xlsx")))


class UnmaskedExportView(LoginRequiredMixin, View):
    """The form for an export with unmasked ID numbers and phones: only for holders of the permission
    (others 404, as if the page did not exist); the reason is required and goes into the audit log."""

    def _allowed(self, request, what: str) -> None:
        if not policies.allowed(request.user, policies.EXPORT_UNMASKED, what):
            raise Http404

    def get(self, request, what, form=None, status=200):
        self._allowed(request, what)
        context = {
            "form": form or UnmaskedExportForm(),
            "what": what,
            "query": request.GET.urlencode(),
            "rows": export_table(request.user, what, request.GET).count(),
            "title": _("Export with unmasked ID numbers and phones"),
        }
        return render(request, "dataio/export_unmasked.html", context, status=status)

    def post(self, request, what):
        self._allowed(request, what)
        form = UnmaskedExportForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                return _file_or_job_page(
                    export_response(request, what, data["format"], unmasked=True, reason=data["reason"])
                )
            except ValidationError as exc:
                form.add_error("reason", exc)
        return self.get(request, what, form=form, status=400)


class ExportJobListView(LoginRequiredMixin, View):
    """The user's own large exports: running, ready to download, or deleted after their time."""

    def get(self, request):
        jobs = selectors.export_jobs(request.user)[:50]
        return render(request, "dataio/export_list.html", {"jobs": jobs, "title": _("My exports")})


class ExportJobDetailView(LoginRequiredMixin, View):
    """One large export: a progress bar that refreshes itself (htmx) while it is written, then the file."""

    template_name = "dataio/export_detail.html"

    def get(self, request, pk):
        job = get_object_or_404(selectors.export_jobs(request.user), pk=pk)
        context = {"job": job, "title": job.filename, "keep_hours": settings.LVXIE_EXPORT_KEEP_HOURS}
        return render(request, self.template_name, context)


class ExportJobProgressView(ExportJobDetailView):
    template_name = "dataio/_export_progress.html"


class ExportJobFileView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(selectors.export_jobs(request.user), pk=pk)
        try:
            content = services.export_file_open(actor=request.user, job=job)
        except ValidationError:
            raise Http404 from None  # not written yet, or deleted after its time: the job's page says which
        content_type = "text/csv; charset=utf-8" if job.fmt == "csv" else XLSX_TYPE
        response = FileResponse(content, as_attachment=True, filename=job.filename, content_type=content_type)
        response["Cache-Control"] = "no-store"
        return response
