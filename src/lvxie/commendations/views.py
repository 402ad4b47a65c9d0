"""Pages of commendations and contests. Calls, submissions and nominations come from `visible_to(actor)`
(404 outside scope; a call of another kind is 404 here too); every change goes through `services`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lvxie.calls import policies as call_policies
from lvxie.calls import selectors as call_selectors
from lvxie.calls.models import Call, Submission
from lvxie.core.views import ActionView, ScopedObjectMixin
from lvxie.workflow.models import Objection
from lvxie.workflow.publication import objections_visible_to, windows_of

from . import forms, policies, reports, selectors, services
from .choices import NominationStatus
from .kinds import COMMENDATION_KINDS
from .models import Nomination, Vote


def _run(request: HttpRequest, action: Any, **kwargs: Any) -> bool:
    """Run a service for a button; a refusal becomes a message on the page it came from."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


def _call(request: HttpRequest, pk: int, *, commendation: bool) -> Call:
    call = get_object_or_404(Call.objects.visible_to(request.user).select_related("region"), pk=pk)
    if (call.kind in COMMENDATION_KINDS) != commendation or (not commendation and not call.spec.scored):
        raise Http404
    return call


class IndexView(ScopedObjectMixin, TemplateView):
    """The commendation rounds and contests the actor may see."""

    template_name = "commendations/index.html"
    model = Call

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        calls = list(call_selectors.call_list(self.request.user))
        return super().get_context_data(
            rounds=[c for c in calls if c.kind in COMMENDATION_KINDS],
            contests=[c for c in calls if c.kind not in COMMENDATION_KINDS and c.spec.scored],
            title=_("Commendations and contests"),
            **kwargs,
        )


@dataclass
class Line:
    """One nomination on the round's page, with what this reader may see of its votes and objections."""

    n: Nomination
    tally: tuple[int, int] | None
    mine: Vote | None
    conflict: str
    objections: list[Objection] = field(default_factory=list)


class RoundView(ScopedObjectMixin, TemplateView):
    """A commendation round: the places per category; the nominations the actor may see with their
    standing; the unit's nomination form; the panel's votes; the public notice and its objections."""

    template_name = "commendations/round.html"
    model = Call

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor = self.request.user
        call = _call(self.request, self.kwargs["pk"], commendation=True)
        rows = list(selectors.nominations(actor, call))
        if call.party and rows:
            services.nominations_read(actor=actor, call=call, what="page")
        issuer, panel = call_policies.may_issue(actor, call), call_policies.is_reviewer(actor, call)
        lines = [
            Line(
                n=row,
                tally=selectors.tally_visible_to(actor, row),
                mine=selectors.own_vote(actor, row) if panel else None,
                conflict=policies.conflict_reason(actor, row) if panel else "",
                objections=[o for w in windows_of(row) for o in objections_visible_to(actor, w)]
                if issuer and row.status in (NominationStatus.IN_NOTICE, NominationStatus.STOPPED)
                else [],
            )
            for row in rows
        ]
        own = [
            (s, forms.NominateForm(submission=s, prefix=f"s{s.pk}"))
            for s in call_selectors.own_submissions(actor, call).select_related("call", "party_org")
        ]
        return super().get_context_data(
            object=call,
            title=call.title,
            categories=[(c, call.quota(c.code)) for c in call.spec.categories],
            rows=lines,
            own=own,
            may_issue=issuer,
            is_panel=panel,
            votes_missing=services.votes_missing(call) if issuer else None,
            may_export=policies.allowed(actor, policies.RESULTS_EXPORT, call),
            notice_form=forms.NoticeForm(),
            vote_form=forms.VoteForm(),
            decision_form=forms.ObjectionDecisionForm(),
            **kwargs,
        )


class RoundExportView(ScopedObjectMixin, TemplateView):
    """A round's results as .xlsx or PDF, for the issuing side (404 to anyone else)."""

    model = Call

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        call = _call(request, kwargs["pk"], commendation=True)
        fmt = kwargs["fmt"]
        if fmt not in ("xlsx", "pdf") or not policies.allowed(request.user, policies.RESULTS_EXPORT, call):
            raise Http404
        results = selectors.round_results(request.user, call)
        services.results_export(actor=request.user, call=call, fmt=fmt, rows=len(results))
        return reports.results_response(call, results, fmt)


class NominateView(ScopedObjectMixin, ActionView):
    model = Submission

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = get_object_or_404(
            Submission.objects.visible_to(request.user).select_related("call", "party_org", "firm"), pk=pk
        )
        if submission.call.kind not in COMMENDATION_KINDS:
            raise Http404
        form = forms.NominateForm(request.POST, submission=submission, prefix=f"s{submission.pk}")
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, str(message))
        else:
            data = form.cleaned_data
            try:
                nominee = services.nominee_for(
                    submission=submission,
                    category=data["category"],
                    licence_no=data.get("licence_no") or "",
                    party_org=data.get("party_org"),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                if _run(
                    request,
                    services.nominate,
                    submission=submission,
                    category=data["category"],
                    nominee=nominee,
                    deeds=data["deeds"],
                ):
                    messages.success(request, _("Nominated."))
        return redirect(reverse("commendations:round", args=[submission.call_id]))


class _NominationAction(ScopedObjectMixin, ActionView):
    model = Nomination

    def nomination(self) -> Nomination:
        return get_object_or_404(
            Nomination.objects.visible_to(self.request.user).select_related("call", "submission"),
            pk=self.kwargs["pk"],
        )

    def back(self, nomination: Nomination) -> HttpResponse:
        return redirect(reverse("commendations:round", args=[nomination.call_id]))


class WithdrawView(_NominationAction):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = self.nomination()
        policies.require(request.user, policies.NOMINATION_WITHDRAW, nomination)
        if _run(request, services.nomination_withdraw, nomination=nomination):
            messages.success(request, _("Withdrawn."))
        return self.back(nomination)


class VoteView(_NominationAction):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = self.nomination()
        if not call_policies.is_reviewer(request.user, nomination.call):
            raise Http404
        policies.require(request.user, policies.VOTE, nomination)
        form = forms.VoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose for or against."))
        elif _run(request, services.vote_cast, nomination=nomination, **form.cleaned_data):
            messages.success(request, _("Your vote is recorded."))
        return self.back(nomination)


class _RoundAction(ScopedObjectMixin, ActionView):
    """A button of the issuing side on a round: its policy action and its service."""

    model = Call
    action = ""
    service: Any = None

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = _call(request, pk, commendation=True)
        policies.require(request.user, self.action, call)
        arguments = self.arguments()
        if arguments is None:
            messages.error(request, _("Between 1 and 30 working days."))
        elif _run(request, self.service, call=call, **arguments):
            messages.success(request, _("Done."))
        return redirect(reverse("commendations:round", args=[call.pk]))

    def arguments(self) -> dict[str, Any] | None:
        return {}


class PanelDecideView(_RoundAction):
    action = policies.PANEL_DECIDE
    service = staticmethod(services.panel_decide)


class NoticeOpenView(_RoundAction):
    action = policies.NOTICE_OPEN
    service = staticmethod(services.notice_open)

    def arguments(self) -> dict[str, Any] | None:
        form = forms.NoticeForm(self.request.POST)
        return {"days": form.cleaned_data["days"]} if form.is_valid() else None


class AwardView(_RoundAction):
    action = policies.AWARD
    service = staticmethod(services.award_confirm)


class ObjectionDecideView(ScopedObjectMixin, ActionView):
    model = Objection

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        objection = get_object_or_404(
            Objection.objects.visible_to(request.user).select_related("window"), pk=pk
        )
        try:
            nomination = services.nomination_of(objection)
        except (ValidationError, Nomination.DoesNotExist) as exc:
            raise Http404 from exc
        policies.require(request.user, policies.OBJECTION_DECIDE, nomination)
        form = forms.ObjectionDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the decision and its reason."))
        elif _run(request, services.objection_decide, objection=objection, **form.cleaned_data):
            messages.success(request, _("The objection is decided."))
        return redirect(reverse("commendations:round", args=[nomination.call_id]))


class ContestView(ScopedObjectMixin, TemplateView):
    """A contest (a scored call): its ranked results with the prizes; the issuing side gives the prizes
    and publishes the collection."""

    template_name = "commendations/contest.html"
    model = Call

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor = self.request.user
        call = _call(self.request, self.kwargs["pk"], commendation=False)
        if not call_policies.allowed(actor, call_policies.RESULT_VIEW, call):
            raise Http404
        prizes = {p.submission_id: p for p in selectors.prizes(call)}
        rows = [(row, prizes.get(row.submission.pk)) for row in call_selectors.results(call)]
        return super().get_context_data(
            object=call,
            title=call.title,
            rows=rows,
            may_issue=call_policies.may_issue(actor, call),
            prizes_form=forms.PrizesForm(),
            has_prizes=bool(prizes),
            **kwargs,
        )


class PrizesView(ScopedObjectMixin, ActionView):
    model = Call

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = _call(request, pk, commendation=False)
        policies.require(request.user, policies.PRIZE_AWARD, call)
        form = forms.PrizesForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give each number of prizes as a whole number from 0 to 1000."))
        elif _run(request, services.prizes_award, call=call, counts=form.cleaned_data):
            messages.success(request, _("The prizes are given."))
        return redirect(reverse("commendations:contest", args=[call.pk]))


class CollectionPublishView(ScopedObjectMixin, ActionView):
    model = Call

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = _call(request, pk, commendation=False)
        policies.require(request.user, policies.COLLECTION_PUBLISH, call)
        if _run(request, services.collection_publish, call=call):
            messages.success(request, _("The collection is on the public site."))
        return redirect(reverse("commendations:contest", args=[call.pk]))


class HonourListView(ScopedObjectMixin, TemplateView):
    """The honours on the records the actor may see."""

    template_name = "commendations/honours.html"
    model = Call

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = list(selectors.honours(self.request.user)[:500])
        if any(h.party for h in rows):
            services.honours_read(actor=self.request.user, what="page")
        return super().get_context_data(rows=rows, title=_("Honours"), **kwargs)
