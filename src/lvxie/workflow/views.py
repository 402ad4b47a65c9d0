"""The working-day calendar of a year, for the city's staff: days off, adjusted working days, who
confirmed the year; confirm it, add or remove an override. Anyone else: 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from . import services
from .forms import OverrideForm
from .models import WorkdayOverride
from .policies import WORKDAYS_EDIT, WORKDAYS_VIEW, allowed
from .workdays import year_calendar


def _year(value: int) -> int:
    if not 1990 <= value <= 2100:
        raise Http404
    return value


class WorkdaysView(LoginRequiredMixin, TemplateView):
    template_name = "workflow/workdays.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not allowed(request.user, WORKDAYS_VIEW):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _year(kwargs.get("year") or timezone.localdate().year)
        context.update(
            year=year,
            calendar=year_calendar(year),
            overrides=WorkdayOverride.objects.filter(date__year=year).select_related("created_by"),
            form=kwargs.get("form") or OverrideForm(initial={"date": dt.date(year, 1, 1)}),
            may_edit=allowed(self.request.user, WORKDAYS_EDIT),
            years=[year - 1, year + 1],
        )
        return context

    def post(self, request: HttpRequest, year: int) -> HttpResponseBase:
        year = _year(year)
        action = request.POST.get("do", "")
        form = None
        try:
            if action == "confirm":
                services.workdays_confirm(actor=request.user, year=year)
            elif action == "remove":
                day = dt.date.fromisoformat(request.POST.get("date", ""))
                services.workday_override_remove(actor=request.user, day=day)
            elif action == "set":
                form = OverrideForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(year=year, form=form), status=400)
                services.workday_override_set(
                    actor=request.user,
                    day=form.cleaned_data["date"],
                    kind=form.cleaned_data["kind"],
                    note=form.cleaned_data["note"],
                )
                year = form.cleaned_data["date"].year
            else:
                return HttpResponse(status=400)
        except ValueError:
            return HttpResponse(status=400)
        except ValidationError as error:
            form = form or OverrideForm(request.POST)
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(year=year, form=form), status=400)
        return redirect("workflow:workdays", year=year)
