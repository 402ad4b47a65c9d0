"""Every URL pattern is covered by the matrix of the house rules: anonymous, in-scope and out-of-scope users.

How to register: the test module that holds a URL's matrix tests declares, at module level,
    MATRIX_URLS = ["app:name", ...]
and this test collects those lists from every test module. A URL public by design goes in PUBLIC_URLS
below, with the reason; the test checks that it answers anonymous callers without personal data.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests

PUBLIC_URLS = {
    "healthz": "load balancer probe: says only whether the database answers",
    "set_language": "switches the interface language; no data",
    "api:openapi-json": "the API's schema (no data)",
    "api:openapi-view": "the API's documentation page (no data)",
    "api:api-root": "ninja's root listing, not routed to any data",
    "public:lookup": "the public look-up: public fields only, rate-limited (tests/public)",
    "public:firm_detail": "a firm's public page: address and overseas offices (tests/public)",
    "public:directory": "the public directory and world map of overseas offices (tests/public)",
    "api:public_call_results": "public API: results while their window is open (tests/workflow)",
    "public:call_results": "results of calls while their window is open (tests/workflow)",
    "public:call_result": "a published result and the objection form (tests/workflow)",
    "public:complaint_form": "the public complaint form: CAPTCHA, rate limit, uploads (tests/complaints)",
    "public:complaint_captcha": "the CAPTCHA's picture of one live challenge (tests/complaints)",
    "public:complaint_track": "a complaint's status for its number and secret code only (tests/complaints)",
    "api:public_complaint_captcha": "public API: a CAPTCHA challenge (tests/complaints)",
    "api:public_complaint_create": "public API: a complaint, with the form's checks (tests/complaints)",
    "api:public_complaint_track": "public API: the tracking page's answer (tests/complaints)",
    "public:commendation_notices": "the public notice: name, unit, category only (tests/commendations)",
    "public:commendation_notice": "one nominee in public notice and the objection form (tests/commendations)",
    "public:collections": "contests' winning entries while their window is open (tests/commendations)",
    "api:public_notices": "public API: the public notice of commendations (tests/commendations)",
    "api:public_collections": "public API: contests' collections of winning entries (tests/commendations)",
    "public:world_geojson": "the deployment's approved world map file, if it names one (tests/public)",
}


def url_names(resolver=None, namespaces=()) -> set[str]:
    """ "namespace:name" of every pattern (a pattern without a name cannot be covered: name it)."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            names |= url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            names.add(":".join((*namespaces, entry.name or f"<unnamed {entry.pattern}>")))
    return names


def declared() -> dict[str, list[str]]:
    """URL name → the test modules that declare they cover it."""
    found: dict[str, list[str]] = {}
    for module_info in pkgutil.walk_packages(tests.__path__, "tests."):
        if not module_info.name.rsplit(".", 1)[-1].startswith("test_"):
            continue
        module = importlib.import_module(module_info.name)
        for name in getattr(module, "MATRIX_URLS", ()):
            found.setdefault(name, []).append(module_info.name)
    return found


def test_every_url_pattern_is_covered_by_the_matrix():
    missing = url_names() - set(declared()) - set(PUBLIC_URLS)
    assert not missing, (
        f"URL patterns without anonymous/in-scope/out-of-scope tests: {sorted(missing)}. Test them and list "
        "them in MATRIX_URLS of that test module (or, if public by design, in PUBLIC_URLS here)."
    )


def test_declarations_name_urls_that_exist():
    stale = set(declared()) - url_names()
    assert not stale, f"MATRIX_URLS name URL patterns that do not exist: {sorted(stale)}"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/healthz"),
        ("post", "/i18n/setlang/"),
        ("get", "/api/v1/openapi.json"),
        ("get", "/api/v1/docs"),
    ],
)
def test_public_urls_answer_anonymous_callers_without_data(client, world, method, path):
    response = getattr(client, method)(path)
    assert response.status_code in (200, 302)
    body = response.content.decode()
    assert world["ft_lawyer"].id_number not in body and world["ft_lawyer"].name not in body


def _unlisted_view(request):  # pragma: no cover (never requested)
    raise AssertionError


# A URLconf with one pattern nobody covers, to show the check would catch it.
urlpatterns = [*get_resolver().url_patterns]


def test_an_uncovered_pattern_is_named(settings):
    from django.urls import path

    urlpatterns.append(path("new/", _unlisted_view, name="brand_new"))
    settings.ROOT_URLCONF = __name__
    with pytest.raises(AssertionError, match="brand_new"):
        test_every_url_pattern_is_covered_by_the_matrix()
