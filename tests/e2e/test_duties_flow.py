"""Roles in a real browser: the security administrator is offered no role for their own account; a city
administrator gives a role in their city from the account page, and the auditor is told."""

import os
import re
from pathlib import Path

import pytest

from lvxie.accounts.choices import Role
from lvxie.notifications.models import Notification
from tests.e2e.conftest import login
from tests.factories import make_user

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("LVXIE_SCREENSHOTS", "")) if os.environ.get("LVXIE_SCREENSHOTS") else None


def shot(page, tmp_path, name):
    page.screenshot(path=str((SHOTS or tmp_path) / f"{name}.png"), full_page=True)


def test_security_admin_sees_no_role_form_for_themself(page, world, tmp_path):
    secadmin = make_user(Role.SECURITY_ADMIN, username="secadmin")
    login(page, "secadmin")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=账号管理")
    page.wait_for_url(re.compile(r"/accounts/users/$"))
    shot(page, tmp_path, "duties-secadmin-list")
    page.goto(page.base_url + f"/accounts/users/{secadmin.pk}/")
    assert page.locator("text=分配角色").count() == 0
    shot(page, tmp_path, "duties-secadmin-self")
    # Nor for the system administrator's account (a second duty or a data role would both be refused)
    page.goto(page.base_url + f"/accounts/users/{world['users']['sysadmin'].pk}/")
    assert page.locator("text=分配角色").count() == 0
    shot(page, tmp_path, "duties-secadmin-sysadmin")
    # An account without roles is offered every role, the city administrator's included
    page.goto(page.base_url + f"/accounts/users/{world['users']['nobody'].pk}/")
    assert "市级管理员" in page.locator("#id_role option").all_inner_texts()
    shot(page, tmp_path, "duties-secadmin-nobody")


def test_city_admin_gives_a_role_in_their_city(page, world, tmp_path):
    login(page, "city")
    page.wait_for_url(re.compile(r"/$"))
    page.click("nav >> text=账号管理")
    page.wait_for_url(re.compile(r"/accounts/users/$"))
    assert page.locator("td >> text=sysadmin").count() == 0
    shot(page, tmp_path, "duties-city-list")
    page.click("td >> text=nobody")
    # Wait for the account's page: reading the options before it loads would find none
    page.wait_for_selector("#id_role")
    offered = page.locator("#id_role option").all_inner_texts()
    assert "市级管理员" not in offered and "司法局工作人员" in offered
    page.select_option("#id_role", "judicial_officer")
    page.select_option("#id_region", label="福田区")
    page.click("button[type=submit] >> text=保存")
    page.wait_for_selector("text=角色已分配")
    shot(page, tmp_path, "duties-city-granted")
    assert world["users"]["nobody"].roles.get().role == Role.JUDICIAL_OFFICER
    assert Notification.objects.filter(recipient=world["users"]["auditor"], title__contains="city").exists()
