"""`object_url` (core/links.py): given any URL name of the project whose pattern takes one integer, when a
record's URL is made, then it is what `reverse` makes, for any key and under any script prefix."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter

from lvxie.core.links import fixed_url, object_url


def _one_integer_names(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _one_integer_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if len(converters) == 1 and isinstance(next(iter(converters.values())), IntConverter):
                yield f"{namespace}{entry.name}"


NAMES = sorted(set(_one_integer_names()))


def test_the_project_has_record_urls_to_compare():
    assert {"registry:lawyer_detail", "registry:firm_detail", "party:org_detail"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_object_url_is_what_reverse_gives(name):
    for pk in (1, 7, 42, 2147483647, 10**12):
        assert object_url(name, pk) == reverse(name, args=[pk])


def test_under_another_script_prefix_the_url_follows_it():
    try:
        set_script_prefix("/lvxie/")
        assert object_url("registry:lawyer_detail", 5) == reverse("registry:lawyer_detail", args=[5])
        assert object_url("registry:lawyer_detail", 5).startswith("/lvxie/")
    finally:
        set_script_prefix("/")
    assert object_url("registry:lawyer_detail", 5) == "/lawyers/5/"


@pytest.mark.parametrize(
    "name, args", [("home", ()), ("accounts:my_data", ("json",)), ("dataio:export", ("firms",))]
)
def test_fixed_url_is_what_reverse_gives_under_any_script_prefix(name, args):
    assert fixed_url(name, *args) == reverse(name, args=list(args))
    try:
        set_script_prefix("/lvxie/")
        assert fixed_url(name, *args) == reverse(name, args=list(args))
        assert fixed_url(name, *args).startswith("/lvxie/")
    finally:
        set_script_prefix("/")


def test_the_link_tag_writes_what_the_url_tag_writes():
    from django.template import Context, Template

    link = Template(
        "{% load lvxie %}{% link 'accounts:my_data' 'json' %} {% link 'home' as home %}{{ home }}"
    )
    url = Template("{% url 'accounts:my_data' 'json' %} {% url 'home' as home %}{{ home }}")
    assert link.render(Context()) == url.render(Context())
