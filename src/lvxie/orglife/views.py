"""Organizational-life pages: meetings (plan, attendance, files, held or cancelled, the record as PDF), an
organization's year (standing against the rules, members' rates, the records as .xlsx, its calendar
feed), the calendar, the rules, task lists, statistics. Party side only: everyone else gets a 404, and
every page that names members is an audited read (`services.read`)."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lvxie.core import charts
from lvxie.core.scoping import scope_of
from lvxie.core.uploads import file_response
from lvxie.party.models import PartyOrg

from . import forms, ical, policies, records, selectors, services
from .choices import MeetingKind, MeetingStatus
from .lists import MEETINGS
from .models import Meeting, TaskItem, TaskRecipient


class PartySideMixin(LoginRequiredMixin):
    """Organizational life exists only for the Party side: everyone else gets a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).party_side:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _year(request) -> int:
    value = request.GET.get("year", "")
    today = timezone.localdate()
    return int(value) if value.isdigit() and 2000 <= int(value) <= today.year + 1 else today.year


def _org(request, pk: int) -> PartyOrg:
    return get_object_or_404(PartyOrg.objects.visible_to(request.user).select_related("region"), pk=pk)


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(selectors.meeting_list(request.user).select_related("chair", "recorder"), pk=pk)


def _form_error(form, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has it, else above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _refused(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, str(message))


class MeetingListView(PartySideMixin, TemplateView):
    template_name = "orglife/meeting_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        found = MEETINGS.query(actor, self.request.GET)
        page = Paginator(found.items, 25).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            title=_("Meetings"),
            filter_form=found.form,
            page=page,
            columns=MEETINGS.page_columns(),
            rows=MEETINGS.page_rows(page.object_list),
            query=query.urlencode(),
            can_plan=policies.allowed(actor, policies.MEETING_PLAN),
            orgs=selectors.orgs_in(actor)[:200],
        )
        return context


class MeetingCreateView(PartySideMixin, TemplateView):
    template_name = "orglife/meeting_form.html"

    def _form(self, data=None):
        org = None
        pk = self.request.GET.get("org", "")
        if pk.isdigit():
            org = _org(self.request, int(pk))
        return forms.MeetingForm(data, actor=self.request.user, org=org)

    def get(self, request, *args, **kwargs):
        if not policies.allowed(request.user, policies.MEETING_PLAN):
            raise PermissionDenied
        return self.render_to_response({"form": self._form(), "title": _("Plan a meeting")})

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            org = data.pop("org")
            try:
                meeting = services.meeting_plan(actor=request.user, org=org, **data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(meeting.get_absolute_url())
        return self.render_to_response({"form": form, "title": _("Plan a meeting")}, status=400)


class MeetingDetailView(PartySideMixin, TemplateView):
    template_name = "orglife/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        meeting = _meeting(self.request, kwargs["pk"])
        services.read(actor=actor, org=meeting.org, what="meeting")
        context.update(
            title=str(meeting),
            meeting=meeting,
            attendance=selectors.attendance_of(meeting),
            rate=selectors.meeting_rate(meeting),
            files=meeting.attachments.all(),
            corrections=meeting.corrections.all(),
            steps=services.MEETING_WORKFLOW.available(actor, meeting),
            can_edit=policies.allowed(actor, policies.MEETING_EDIT, meeting)
            and meeting.status != MeetingStatus.CANCELLED,
            files_form=forms.FilesForm(actor=actor),
            month_closed=selectors.month_closed(meeting.date),
            answers=meeting.task_answers.select_related("item", "recipient__task_list"),
        )
        return context


class MeetingEditView(PartySideMixin, TemplateView):
    template_name = "orglife/meeting_form.html"

    def _meeting(self):
        meeting = _meeting(self.request, self.kwargs["pk"])
        policies.require(self.request.user, policies.MEETING_EDIT, meeting)
        return meeting

    def get(self, request, *args, **kwargs):
        meeting = self._meeting()
        form = forms.MeetingForm(actor=request.user, instance=meeting)
        return self.render_to_response({"form": form, "meeting": meeting, "title": _("Edit the meeting")})

    def post(self, request, *args, **kwargs):
        meeting = self._meeting()
        form = forms.MeetingForm(request.POST, actor=request.user, instance=meeting)
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason", "")
            version = request.POST.get("version", "")
            try:
                services.meeting_edit(
                    actor=request.user,
                    meeting=meeting,
                    version=int(version) if version.isdigit() else 0,
                    reason=reason,
                    **data,
                )
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(meeting.get_absolute_url())
        context = {"form": form, "meeting": meeting, "title": _("Edit the meeting")}
        return self.render_to_response(context, status=400)


class AttendanceView(PartySideMixin, TemplateView):
    template_name = "orglife/attendance_form.html"

    def _meeting(self):
        meeting = _meeting(self.request, self.kwargs["pk"])
        policies.require(self.request.user, policies.MEETING_EDIT, meeting)
        return meeting

    def _context(self, meeting, form):
        return {
            "meeting": meeting,
            "form": form,
            "title": _("Attendance"),
            "month_closed": selectors.month_closed(meeting.date),
        }

    def get(self, request, *args, **kwargs):
        meeting = self._meeting()
        services.read(actor=request.user, org=meeting.org, what="attendance")
        return self.render_to_response(
            self._context(meeting, forms.AttendanceForm(actor=request.user, meeting=meeting))
        )

    def post(self, request, *args, **kwargs):
        meeting = self._meeting()
        form = forms.AttendanceForm(request.POST, actor=request.user, meeting=meeting)
        if form.is_valid():
            version = request.POST.get("version", "")
            try:
                services.attendance_record(
                    actor=request.user,
                    meeting=meeting,
                    lines=form.lines(),
                    version=int(version) if version.isdigit() else 0,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(meeting.get_absolute_url())
        return self.render_to_response(self._context(meeting, form), status=400)


class MeetingTransitionView(PartySideMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        meeting = _meeting(request, pk)
        version = request.POST.get("version", "")
        try:
            services.meeting_transition(
                actor=request.user,
                meeting=meeting,
                action=action,
                version=int(version) if version.isdigit() else 0,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect(meeting.get_absolute_url())


class MeetingFilesView(PartySideMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        meeting = _meeting(request, pk)
        form = forms.FilesForm(request.POST, request.FILES, actor=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, str(message))
            return redirect(meeting.get_absolute_url())
        try:
            services.attachment_add(
                actor=request.user,
                meeting=meeting,
                uploads=form.cleaned_data["uploads"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect(meeting.get_absolute_url())


class MeetingFileView(PartySideMixin, View):
    def get(self, request, pk: int):
        stored = get_object_or_404(selectors.attachment_list(request.user), pk=pk)
        services.read(actor=request.user, org=stored.meeting.org, what="file")
        return file_response(stored)


class MeetingPdfView(PartySideMixin, View):
    def get(self, request, pk: int):
        meeting = _meeting(request, pk)
        services.read(actor=request.user, org=meeting.org, what="pdf")
        return records.meeting_pdf(meeting)


class OrgView(PartySideMixin, TemplateView):
    """An organization's year: its standing against each rule, members' attendance, its meetings."""

    template_name = "orglife/org_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor, org, year = self.request.user, _org(self.request, kwargs["pk"]), _year(self.request)
        services.read(actor=actor, org=org, what="org_year")
        today = timezone.localdate()
        keeps = policies.allowed(actor, policies.MEETING_PLAN, org)
        context.update(
            title=org.name,
            org=org,
            year=year,
            years=list(range(today.year, today.year - 4, -1)),
            standing=selectors.standing(org, year, today),
            rates=selectors.member_rates(org, year),
            meetings=selectors.meeting_list(actor).filter(org=org, date__year=year).order_by("date", "id"),
            recipients=selectors.recipient_list(actor).filter(org=org).order_by("-task_list__month")[:12],
            can_plan=keeps,
            feed_url=self.request.build_absolute_uri(
                reverse("orglife:feed", args=[services.feed_for(org=org).token])
            )
            if keeps
            else "",
        )
        return context


class OrgRecordsView(PartySideMixin, View):
    def get(self, request, pk: int):
        org, year = _org(request, pk), _year(request)
        services.read(actor=request.user, org=org, what="records_xlsx")
        return records.year_response(request.user, org, year)


class FeedRenewView(PartySideMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        org = _org(request, pk)
        services.feed_renew(actor=request.user, org=org)
        messages.success(request, _("The calendar has a new address; the old one no longer works."))
        return redirect(reverse("orglife:org_detail", args=[org.pk]))


class FeedView(View):
    """The iCalendar feed of one organization, for a calendar program: the unguessable token in the
    address is the credential (no log-in, no session); a renewed token ends the old address."""

    def get(self, request, token: str):
        feed = ical.feed_by_token(token)
        if feed is None:
            raise Http404
        services.read(actor=None, org=feed.org, what="ical")
        return ical.ical_response(feed.org)


class CalendarView(PartySideMixin, TemplateView):
    """A month of planned and held meetings of an organization's or a region's subtree."""

    template_name = "orglife/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor, get = self.request.user, self.request.GET
        today = timezone.localdate()
        month = today.replace(day=1)
        text = get.get("month", "")
        if (
            len(text) == 7
            and text[4] == "-"
            and text[:4].isdigit()
            and text[5:].isdigit()
            and 1 <= int(text[5:]) <= 12
        ):
            month = date(int(text[:4]), int(text[5:]), 1)
        org = _org(self.request, int(get["org"])) if get.get("org", "").isdigit() else None
        region = (
            selectors.stats_region(actor, int(get["region"])) if get.get("region", "").isdigit() else None
        )
        end = selectors.next_month(month)
        meetings = list(
            selectors.meetings_between(
                actor, month, date.fromordinal(end.toordinal() - 1), org=org, region=region
            )
        )
        by_day: dict[int, list[Meeting]] = {}
        for m in meetings:
            by_day.setdefault(m.date.day, []).append(m)
        weeks = [
            [(d, by_day.get(d, []) if d else []) for d in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdayscalendar(month.year, month.month)
        ]
        previous = date.fromordinal(month.toordinal() - 1).replace(day=1)
        narrow = f"&org={org.pk}" if org else (f"&region={region.pk}" if region else "")
        context.update(
            title=_("Calendar"),
            month=month,
            weeks=weeks,
            org=org,
            region=region,
            count=len(meetings),
            previous=f"?month={previous:%Y-%m}{narrow}",
            following=f"?month={end:%Y-%m}{narrow}",
            orgs=selectors.orgs_in(actor)[:200],
            today=today,
        )
        return context


class RulesView(PartySideMixin, TemplateView):
    template_name = "orglife/rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        context.update(
            title=_("Frequency rules"),
            rules=selectors.rules(),
            can_edit=policies.allowed(actor, policies.RULE_EDIT),
            form=kwargs.get("form") or forms.RuleForm(actor=actor),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = forms.RuleForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                services.rule_set(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("orglife:rules")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TaskListsView(PartySideMixin, TemplateView):
    """The committee's task lists with their completion; an organization's own lists; who is behind."""

    template_name = "orglife/tasklist_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        today = timezone.localdate()
        lists = selectors.tasklist_list(actor)[:60]
        context.update(
            title=_("Task lists"),
            lists=lists,
            recipients=[
                (r, selectors.is_complete(r))
                for r in selectors.recipient_list(actor).order_by("-task_list__month", "org__path")[:60]
            ],
            behind=selectors.behind(actor, today)[:100],
            months=selectors.monthly_completion(actor, today.year),
            can_create=policies.allowed(actor, policies.TASKLIST_CREATE),
        )
        return context


class TaskListCreateView(PartySideMixin, TemplateView):
    template_name = "orglife/simple_form.html"

    def get(self, request, *args, **kwargs):
        policies.require(request.user, policies.TASKLIST_CREATE)
        return self.render_to_response(
            {"form": forms.TaskListForm(actor=request.user), "title": _("New task list")}
        )

    def post(self, request, *args, **kwargs):
        form = forms.TaskListForm(request.POST, actor=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                task_list = services.tasklist_create(
                    actor=request.user,
                    region=data["region"],
                    month=data["month"].replace(day=1),
                    title=data["title"],
                    audience_region=data["audience_region"],
                    org_kinds=data["org_kinds"],
                )
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                return redirect(task_list.get_absolute_url())
        return self.render_to_response({"form": form, "title": _("New task list")}, status=400)


class TaskListDetailView(PartySideMixin, TemplateView):
    template_name = "orglife/tasklist_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        task_list = get_object_or_404(selectors.tasklist_list(actor), pk=kwargs["pk"])
        recipients, districts = selectors.completion(task_list)
        can_edit = policies.allowed(actor, policies.TASKLIST_EDIT, task_list) and not task_list.is_published
        context.update(
            title=task_list.title,
            task_list=task_list,
            items=task_list.items.all(),
            recipients=[(r, selectors.is_complete(r)) for r in recipients],
            districts=districts,
            can_edit=can_edit,
            item_form=kwargs.get("item_form") or forms.TaskItemForm(actor=actor),
            audience=services.audience_orgs(task_list).count() if not task_list.is_published else None,
        )
        return context

    def post(self, request, *args, **kwargs):
        actor = request.user
        task_list = get_object_or_404(selectors.tasklist_list(actor), pk=kwargs["pk"])
        if request.POST.get("publish"):
            try:
                services.tasklist_publish(actor=actor, task_list=task_list)
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, _("Published."))
            return redirect(task_list.get_absolute_url())
        if request.POST.get("remove", "").isdigit():
            item = get_object_or_404(task_list.items, pk=int(request.POST["remove"]))
            try:
                services.tasklist_item_remove(actor=actor, item=item)
            except ValidationError as exc:
                _refused(request, exc)
            return redirect(task_list.get_absolute_url())
        form = forms.TaskItemForm(request.POST, actor=actor)
        if form.is_valid():
            try:
                services.tasklist_item_add(actor=actor, task_list=task_list, **form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                return redirect(task_list.get_absolute_url())
        return self.render_to_response(self.get_context_data(item_form=form, **kwargs), status=400)


class RecipientView(PartySideMixin, TemplateView):
    """An organization's task list: each item with its state, the meeting linked or the reason."""

    template_name = "orglife/recipient_detail.html"

    def _recipient(self) -> TaskRecipient:
        return get_object_or_404(selectors.recipient_list(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        recipient = self._recipient()
        may = policies.allowed(actor, policies.TASK_ANSWER, recipient)
        rows = selectors.recipient_items(recipient)
        context.update(
            title=f"{recipient.org.name} · {recipient.task_list.title}",
            recipient=recipient,
            complete=selectors.is_complete(recipient),
            rows=[
                (
                    row,
                    forms.AnswerForm(
                        meetings=selectors.candidate_meetings(recipient, row.item), prefix=f"i{row.item.pk}"
                    )
                    if may
                    else None,
                )
                for row in rows
            ],
            can_answer=may,
            can_plan=policies.allowed(actor, policies.MEETING_PLAN, recipient.org),
        )
        return context

    def post(self, request, *args, **kwargs):
        recipient = self._recipient()
        item = get_object_or_404(
            TaskItem,
            pk=request.POST.get("item", "0") if request.POST.get("item", "").isdigit() else 0,
            task_list=recipient.task_list,
        )
        form = forms.AnswerForm(
            request.POST, meetings=selectors.candidate_meetings(recipient, item), prefix=f"i{item.pk}"
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, str(message))
            return redirect(recipient.get_absolute_url())
        try:
            services.task_answer(actor=request.user, recipient=recipient, item=item, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect(recipient.get_absolute_url())


def statistics_chart(stats: selectors.Statistics) -> dict:
    months = [f"{m}月" for m in range(1, 13)]
    return charts.bar_chart(
        months,
        [
            charts.bar(MeetingKind(kind).label, counts)
            for kind, counts in stats.by_kind_month.items()
            if any(counts)
        ],
        stacked=True,
        axes=(_("Meetings held"),),
    )


def rules_chart(stats: selectors.Statistics) -> dict:
    return charts.bar_chart(
        [f.rule.label for f in stats.rules],
        [
            charts.bar(_("Met in every period"), [f.met for f in stats.rules], color="#2e7d32"),
            charts.bar(_("Behind"), [f.behind for f in stats.rules], color="#c0392b"),
        ],
        stacked=True,
        axes=(_("Organizations"),),
    )


class StatisticsView(PartySideMixin, TemplateView):
    template_name = "orglife/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor, get = self.request.user, self.request.GET
        region = (
            selectors.stats_region(actor, int(get["region"])) if get.get("region", "").isdigit() else None
        )
        year = _year(self.request)
        today = timezone.localdate()
        stats = selectors.statistics(actor, year, today, region=region)
        context.update(
            title=_("Organizational life: statistics"),
            stats=stats,
            region=region,
            year=year,
            years=list(range(today.year, today.year - 4, -1)),
            regions=selectors.stats_regions(actor),
            kinds_chart=statistics_chart(stats),
            rules_chart=rules_chart(stats),
            attendance=[(MeetingKind(k).label, v) for k, v in stats.attendance.items()],
        )
        return context


class OrgIcsView(PartySideMixin, View):
    """The feed of an organization for a signed-in user (the page's download link)."""

    def get(self, request, pk: int):
        org = _org(request, pk)
        services.read(actor=request.user, org=org, what="ical")
        return ical.ical_response(org)
