"""End-to-end tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django must allow its ORM calls anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("LVXIE_REQUIRE_E2E"):
            pytest.fail(f"{CHROMIUM} is missing and LVXIE_REQUIRE_E2E is set (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, audit_purge):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def login(page, username: str, password: str = "pw-Test-12345") -> None:
    """Log in through the form; for the administrator roles also give the one-time code (setting one up
    the first time, as a real administrator would with an authenticator app)."""
    import pyotp

    from lvxie.accounts.models import User

    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/login/code/" in page.url:
        secret = User.objects.get(username=username).totp_secret or page.locator("code.secret").inner_text()
        page.fill("#id_code", pyotp.TOTP(secret).now())
        page.click("button[type=submit]")
