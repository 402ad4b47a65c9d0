"""Public pages: no log-in, only public fields, rate-limited per address."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from lvxie.calls import selectors as call_selectors
from lvxie.commendations import selectors as commendation_selectors
from lvxie.complaints import captcha
from lvxie.complaints import selectors as complaint_selectors
from lvxie.complaints import services as complaint_services
from lvxie.complaints.fields import IntakeForm
from lvxie.core import charts
from lvxie.discipline import selectors as discipline_selectors
from lvxie.registry.models import LawFirm, Lawyer
from lvxie.workflow import services as workflow_services
from lvxie.workflow.publication import OBJECTION_CONTACT_MAX, OBJECTION_NAME_MAX, OBJECTION_TEXT_MAX
from lvxie.workflow.publication import get_kind as get_publication_kind

from . import selectors
from .ratelimit import rate_limited


@rate_limited
def lookup(request):
    q = request.GET.get("q", "")[:60]
    results = selectors.public_lookup(q) if q.strip() else None
    # The sanctions published now of the lawyers and firms found (workflow.publication windows only).
    sanctions = (
        discipline_selectors.published_sanctions(
            lawyer_ids=[lawyer.pk for lawyer in results["lawyers"]],
            firm_ids=[firm.pk for firm in results["firms"]],
        )
        if results and (results["lawyers"] or results["firms"])
        else []
    )
    if results is not None:
        found = commendation_selectors.public_honours(
            lawyer_ids=[lawyer.pk for lawyer in results["lawyers"]],
            firm_ids=[firm.pk for firm in results["firms"]],
        )
        for lawyer in results["lawyers"]:
            lawyer.public_honours = found.get(("lawyer", lawyer.pk), [])
        for firm in results["firms"]:
            firm.public_honours = found.get(("firm", firm.pk), [])
    return render(
        request,
        "public/lookup.html",
        {"q": q, "results": results, "sanctions": sanctions, "title": _("Look up a lawyer or law firm")},
    )


@rate_limited
def sanctions(request):
    """The bar's sanctions published now, each for its period."""
    return render(
        request,
        "public/sanctions.html",
        {"sanctions": discipline_selectors.published_sanctions(), "title": _("Published sanctions")},
    )


@rate_limited
def firm_detail(request, pk: int):
    try:
        firm = selectors.public_firm(pk)
    except LawFirm.DoesNotExist as exc:
        raise Http404 from exc
    honours = commendation_selectors.public_honours(firm_ids=[firm.pk]).get(("firm", firm.pk), [])
    return render(request, "public/firm_detail.html", {"firm": firm, "honours": honours, "title": firm.name})


def _world_map_option(directory) -> dict:
    points = [
        (f"{firm.name} · {office.city}", float(office.longitude), float(office.latitude))
        for firm in directory
        for office in firm.overseas_offices.all()
        if office.longitude is not None and office.latitude is not None
    ]
    return charts.world_map(_("Overseas offices"), points)


def world_geojson_url() -> str:
    """Where the page loads the world map from: the deployment's own file if LVXIE_WORLD_GEOJSON names
    one (served by `world_geojson`), else the bundled one among the static files."""
    if settings.LVXIE_WORLD_GEOJSON:
        return reverse("public:world_geojson")
    return static("vendor/world.json")


def world_geojson(request):
    """The deployment's world map file (LVXIE_WORLD_GEOJSON); there is none to serve without it."""
    if not settings.LVXIE_WORLD_GEOJSON:
        raise Http404
    path = Path(settings.LVXIE_WORLD_GEOJSON)
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@rate_limited
def directory(request):
    firms = list(selectors.office_directory())
    return render(
        request,
        "public/directory.html",
        {
            "firms": firms,
            "countries": selectors.offices_by_country(),
            "map_option": _world_map_option(firms),
            "geojson_url": world_geojson_url(),
            "map_approval": settings.LVXIE_MAP_APPROVAL,
            "title": _("Overseas offices of our law firms"),
        },
    )


# Published results of calls for submissions, while their publication window is open (no log-in).


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your objection"), max_length=OBJECTION_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=OBJECTION_NAME_MAX, required=False)
    contact = forms.CharField(
        label=_("How to reach you (optional)"), max_length=OBJECTION_CONTACT_MAX, required=False
    )


def _objection(request, window) -> tuple[ObjectionForm, bool]:
    """The objection form of a page showing a window: on a POST, the public's objection taken (a fresh
    form and True) or refused (the form with its errors)."""
    if request.method != "POST":
        return ObjectionForm(), False
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            workflow_services.objection_submit(window=window, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return ObjectionForm(), True
    return form, False


@rate_limited
def call_results(request):
    return render(
        request,
        "public/call_results.html",
        {"entries": call_selectors.published_results(), "title": _("Published results")},
    )


@rate_limited
def call_result(request, pk: int):
    entry = call_selectors.published_result(pk)
    if entry is None:
        raise Http404
    form, sent = _objection(request, entry["window"])
    call = entry["call"]
    return render(
        request,
        "public/call_result.html",
        {
            "window": entry["window"],
            "call": call,
            "rows": [r for r in call_selectors.results(call) if r.total is not None],
            "objections": get_publication_kind(entry["window"].kind).objections,
            "form": form,
            "sent": sent,
            "title": call.title,
        },
        status=400 if form.errors else 200,
    )


# Complaints (投诉) from the public: the form (the lawyer or firm picked through the look-up, a CAPTCHA
# drawn here), and the tracking page (number and secret code). No log-in; rate-limited like the rest.


class ComplaintForm(IntakeForm):
    captcha_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    captcha_answer = forms.CharField(label=_("Answer to the check question"), max_length=8)


def _complaint_page(request, form, q: str, *, status: int = 200):
    token = captcha.challenge_new()
    form.data = form.data.copy() if form.is_bound else form.data
    if form.is_bound:
        form.data["captcha_token"] = token
        form.data["captcha_answer"] = ""
    else:
        form.initial["captcha_token"] = token
    chosen = {
        "lawyer": str(form.data.get("lawyer", "")) if form.is_bound else request.GET.get("lawyer", ""),
        "firm": str(form.data.get("firm", "")) if form.is_bound else request.GET.get("firm", ""),
    }
    return render(
        request,
        "public/complaint_form.html",
        {
            "form": form,
            "q": q,
            "results": selectors.public_lookup(q) if q.strip() else None,
            "chosen": chosen,
            "captcha_token": token,
            "title": _("Make a complaint about a lawyer or law firm"),
        },
        status=status,
    )


@rate_limited
def complaint_form(request):
    q = request.GET.get("q", "")[:60]
    subjects = (Lawyer.objects.all(), LawFirm.objects.all())
    if request.method != "POST":
        return _complaint_page(request, ComplaintForm(subjects=subjects), q)
    form = ComplaintForm(request.POST, request.FILES, subjects=subjects)
    if form.is_valid():
        try:
            captcha.challenge_check(form.cleaned_data["captcha_token"], form.cleaned_data["captcha_answer"])
            done = complaint_services.complaint_submit(
                intake=form.intake(), files=form.cleaned_data.get("papers") or []
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request,
                "public/complaint_done.html",
                {
                    "complaint": done.complaint,
                    "code": complaint_services.format_code(done.code),
                    "title": _("Your complaint has been received"),
                },
            )
    else:
        # A wrong form uses the challenge up too: one answer per challenge.
        captcha.challenge_discard(request.POST.get("captcha_token", ""))
    return _complaint_page(request, form, q, status=400)


@rate_limited
def complaint_captcha(request, token: str):
    image = captcha.challenge_image(token)
    if image is None:
        raise Http404
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20)
    code = forms.CharField(label=_("Secret code"), max_length=20, widget=forms.PasswordInput())


@rate_limited
def complaint_track(request):
    """A complaint's status and steps for its number and code. A wrong code or another case's number
    gets the same answer as a number that does not exist: nothing about any complaint."""
    form = TrackForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = complaint_selectors.track(form.cleaned_data["number"], form.cleaned_data["code"])
        if found is None:
            form.add_error(None, _("No complaint matches this number and code."))
    return render(
        request,
        "public/complaint_track.html",
        {
            "form": form,
            "complaint": found,
            "steps": complaint_selectors.public_steps(found) if found is not None else [],
            "title": _("Follow your complaint"),
        },
        status=400 if form.errors else 200,
    )


# The public notice of commendations (公示) and the collections of contests' winning entries, while
# their windows are open: only what the call publishes (name, unit, category; title, unit, prize).


@rate_limited
def commendation_notices(request):
    return render(
        request,
        "public/commendation_notices.html",
        {"entries": commendation_selectors.notices_published(), "title": _("Public notice of commendations")},
    )


@rate_limited
def commendation_notice(request, pk: int):
    entry = commendation_selectors.notice_published(pk)
    if entry is None:
        raise Http404
    form, sent = _objection(request, entry["window"])
    return render(
        request,
        "public/commendation_notice.html",
        {"entry": entry, "form": form, "sent": sent, "title": entry["name"]},
        status=400 if form.errors else 200,
    )


@rate_limited
def collections(request):
    return render(
        request,
        "public/collections.html",
        {
            "entries": commendation_selectors.collections_published(),
            "title": _("Collections of winning entries"),
        },
    )
