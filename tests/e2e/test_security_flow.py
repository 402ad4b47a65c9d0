"""Log-in controls in a real browser: an administrator sets up a one-time code at the first log-in, a
newcomer changes an initial password before anything else opens."""

import os
import re
from pathlib import Path

import pyotp
import pytest

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from tests.e2e.conftest import login
from tests.factories import make_user

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("LVXIE_SCREENSHOTS", "")) if os.environ.get("LVXIE_SCREENSHOTS") else None


def shot(page, tmp_path, name):
    page.screenshot(path=str((SHOTS or tmp_path) / f"{name}.png"), full_page=True)


def test_the_e2e_login_helper_gives_the_code_for_administrators(page, db):
    make_user(Role.AUDITOR, username="auditor")
    login(page, "auditor")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.base_url + "/audit/")
    assert page.locator("h1").inner_text() == "审计日志"


def test_administrator_sets_up_a_one_time_code(page, db, tmp_path):
    make_user(Role.SYSTEM_ADMIN, username="sysadmin")
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "sysadmin")
    page.fill("#id_password", "pw-Test-12345")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/login/code/$"))
    secret = page.locator("code.secret").inner_text()
    shot(page, tmp_path, "totp-setup")
    page.fill("#id_code", "000000")
    page.click("button[type=submit]")
    page.wait_for_selector("text=动态口令错误或已使用过")
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.base_url + "/accounts/users/")
    assert page.locator("h1").inner_text() == "账号管理"
    shot(page, tmp_path, "accounts")
    page.click("td >> text=sysadmin")
    page.wait_for_selector("text=结束全部会话")
    shot(page, tmp_path, "account-detail")
    assert User.objects.get(username="sysadmin").totp_secret == secret


def test_newcomer_changes_the_initial_password_first(page, db, tmp_path):
    user = make_user(username="newbie")
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    login(page, "newbie")
    page.wait_for_url(re.compile(r"/accounts/password/$"))
    page.goto(page.base_url + "/firms/")
    page.wait_for_url(re.compile(r"/accounts/password/$"))
    shot(page, tmp_path, "password-change")
    page.fill("#id_old_password", "pw-Test-12345")
    page.fill("#id_new_password1", "Mine-2026-better")
    page.fill("#id_new_password2", "Mine-2026-better")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    assert not User.objects.get(pk=user.pk).must_change_password


def test_a_locked_account_is_told_until_when_and_the_security_administrator_unlocks_it(page, db, tmp_path):
    # Given an account whose password was typed wrong five times
    target = make_user(username="zhangsan")
    make_user(Role.SECURITY_ADMIN, username="secadmin")
    page.goto(page.base_url + "/accounts/login/")
    for _ in range(5):
        page.fill("#id_username", "zhangsan")
        page.fill("#id_password", "wrong-Pw-1")
        page.click("button[type=submit]")
        page.wait_for_load_state()
    # Then the page says it is locked and until when (not "wrong password")
    page.wait_for_selector("text=此账户因登录失败次数过多已被锁定")
    shot(page, tmp_path, "auth-locked")
    # When the security administrator opens the account, sees the lock and unlocks it
    login(page, "secadmin")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.base_url + f"/accounts/users/{target.pk}/")
    page.wait_for_selector("#login-lock >> text=登录锁定")
    shot(page, tmp_path, "auth-unlock-button")
    page.click("button[value=unlock]")
    page.wait_for_selector("text=账户已解锁")
    assert page.locator("#login-lock").count() == 0
    shot(page, tmp_path, "auth-unlocked")
    # Then the account logs in again
    page.context.clear_cookies()
    login(page, "zhangsan")
    page.wait_for_url(re.compile(r"/$"))
