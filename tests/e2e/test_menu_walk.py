"""Every demo role's menu, walked in Chromium in Chinese and then in English: given a small demo city,
when each demo user opens every link their menu offers, then each page opens (no debug page, no 5xx, no
error page), and the page's own words (menu, headings, labels, buttons, table headers) are in the chosen
language: in English no Chinese character outside the data, in Chinese no English word nor dotted code.
An address outside the role's scope shows the translated error page, never Django's."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from lvxie.registry.demo.logins import logins_path, read_logins
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("LVXIE_SCREENSHOTS") or "/tmp")
SCALE = "0.005"  # seven firms, a hundred lawyers, every role: a few seconds to seed

# The page's chrome: what lvxie itself writes (choices in filters and status badges included). Values
# from the database (names, titles) are data and are taken out before the check; so are the brand (律协
# lvxie, the same in both languages) and the button that switches language (it names the other language
# in that language).
CHROME_TEXT = """() => {
  const skip = el => el.closest('.brand, form.lang');
  const parts = [];
  for (const el of document.querySelectorAll(
      'nav a, header a, h1, h2, h3, label, legend, button, th, .actions a, .badge, option, ' +
      'input[type=submit]')) {
    const shown = el.offsetParent || el.tagName === 'INPUT' || el.tagName === 'OPTION';
    if (skip(el) || !shown) continue;
    parts.push((el.tagName === 'INPUT' ? el.value : el.innerText).trim());
  }
  return parts.filter(Boolean);
}"""
CHARTS = re.compile(r"echarts\.min\.js|world\.json")
DEBUG_PAGE = re.compile(r"Traceback|Using the URLconf|DEBUG = True|Django tried these URL patterns")
FOREIGN = {"en": "Chinese in English", "zh-hans": "English in Chinese"}
CJK = re.compile(r"[\u3400-\u9fff]")
# A word of four letters or more; acronyms (JSON, PDF), file extensions (.xlsx) and the product name
# Excel are what a Chinese page writes in Latin letters too.
ENGLISH_WORD = re.compile(r"(?<![.\w])(?!Excel\b)[A-Za-z][a-z]{3,}\b")
DOTTED_CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def _data_strings() -> list[str]:
    """Every name and title the demo city holds, longest first (so a name is taken out before its parts)."""
    from django.apps import apps

    values: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("lvxie."):
            continue
        for field in model._meta.concrete_fields:
            if field.name in {"name", "title", "display_name", "username", "city", "country", "employer"}:
                values.update(str(v) for v in model.objects.values_list(field.name, flat=True) if v)
    return sorted(values, key=len, reverse=True)


def _foreign(text: str, language: str) -> bool:
    if language == "en":
        return CJK.search(text) is not None
    return ENGLISH_WORD.search(text) is not None or DOTTED_CODE.search(text) is not None


def _problems(page, url: str, status: int, language: str, data: list[str]) -> list[str]:
    html = page.content()
    found = []
    if status >= 400:
        found.append(f"{status}")
    if DEBUG_PAGE.search(html):
        found.append("a debug page")
    if page.locator(".error-page").count():
        found.append("the error page")
    for text in page.evaluate(CHROME_TEXT):
        if _foreign(text, language):
            for value in data:  # only now: the data's own words are not the page's
                text = text.replace(value, " ")
            if _foreign(text, language):
                found.append(f"{FOREIGN[language]}: {text!r}")
    return [f"{url} [{language}]: {problem}" for problem in dict.fromkeys(found)]


def _menu(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "nav.mainnav a, header .tools a", "els => els.map(a => a.getAttribute('href'))"
    )
    # The data download is a file, not a page (tests/core/test_personal_data.py checks it)
    return list(dict.fromkeys(h for h in hrefs if h and not h.startswith("/accounts/me/data")))


def _walk(page, language: str, data: list[str], role: str) -> list[str]:
    problems = []
    page.unroute(CHARTS)
    page.goto(page.base_url + "/", wait_until="networkidle")
    page.screenshot(path=str(SHOTS / f"edges-{role}-{language}.png"), full_page=False)
    menu = _menu(page)
    # Charts and the world map are drawn by script from data, not chrome text: not loaded, for speed
    page.route(CHARTS, lambda route: route.abort())
    for href in menu:
        response = page.goto(page.base_url + href, wait_until="domcontentloaded")
        problems += _problems(page, href, response.status if response else 0, language, data)
    # Out of scope or not for this role: the translated error page, never Django's
    response = page.goto(page.base_url + "/no-such-page/", wait_until="domcontentloaded")
    if response.status != 404 or not page.locator(".error-page").count() or DEBUG_PAGE.search(page.content()):
        problems.append(f"/no-such-page/ [{language}]: not the translated 404 page")
    return [f"{role}: {problem}" for problem in problems]


@pytest.fixture
def demo_city(transactional_db, audit_purge, tmp_path):
    with override_settings(VAR_DIR=tmp_path):
        call_command("seed", "demo", "--scale", SCALE, stdout=StringIO())
        yield read_logins(logins_path())


def test_every_role_opens_every_menu_link_in_both_languages(browser, live_server, demo_city):
    data = _data_strings()
    problems: list[str] = []
    for account in demo_city:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.base_url = live_server.url
        login(page, account.username, account.password)
        page.wait_for_load_state()
        problems += _walk(page, "zh-hans", data, account.username)
        # Switch with the language button, as a user would
        page.goto(page.base_url + "/")
        page.click("form.lang button")
        page.wait_for_load_state()
        problems += _walk(page, "en", data, account.username)
        context.close()
    assert problems == [], "\n".join(problems)
