"""`object_url(name, pk)`: `reverse(name, args=[pk])` for the URL of one record, made from a template;
`fixed_url(name, *args)`: `reverse(name, args=args)` for a link whose arguments are constants (a page's
header links: `{% link %}`).

Django's `reverse` looks the name up and checks the arguments against the pattern on every call; a list
page links each of its 25 rows, and those calls were a tenth of the page. The first call for a URL name
reverses it once with a stand-in key and keeps the text either side of it; later calls put the key in
between. Kept per URL name, URLconf and script prefix (what `reverse` reads besides the name), so it
gives exactly what `reverse` gives for an integer key."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = "2147483647"  # the largest integer key: its digits stand for the key in the template


def object_url(name: str, pk: int) -> str:
    head, tail = _template(name, get_urlconf(), get_script_prefix())
    return f"{head}{int(pk)}{tail}"


@functools.lru_cache(maxsize=512)
def _template(name: str, urlconf: str | None, prefix: str) -> tuple[str, str]:
    url = reverse(name, args=[int(_MARK)], urlconf=urlconf)
    head, found, tail = url.partition(_MARK)
    if not found or _MARK in tail:
        raise ValueError(f"{name}: the URL must hold its key once, got {url}")
    return head, tail


def fixed_url(name: str, *args: str) -> str:
    """`reverse(name, args=args)`, reversed once per URL name, arguments, URLconf and script prefix
    (base.html's header links were a tenth of a list page's templates)."""
    return _fixed(name, args, get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=512)
def _fixed(name: str, args: tuple[str, ...], urlconf: str | None, prefix: str) -> str:
    return reverse(name, args=list(args), urlconf=urlconf)
