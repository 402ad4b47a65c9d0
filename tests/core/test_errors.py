"""Error pages (core/errors.py): given any error, when a user meets it, then they see a page in their
language that says what happened and where to go instead (JSON with a code under /api/), never Django's
bare English page nor a debug page with the URL list or a traceback."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from lvxie.accounts.choices import Role
from tests.factories import make_user


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [("zh-hans", "页面不存在", "我的首页"), ("en", "Page not found", "Your home page")],
)
def test_an_address_outside_the_scope_gets_the_404_page_with_where_to_go(
    client, world, language, title, advice
):
    client.force_login(world["users"]["lawyer"])
    response = client.get(reverse("registry:region_list"), HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 404 and title in page and advice in page
    assert "URLconf" not in page and reverse("home") in page


def test_a_refused_action_gets_the_403_page_in_the_users_language(world):
    client = Client()
    client.force_login(make_user(Role.SECURITY_ADMIN, username="secadmin"))
    response = client.post(reverse("access:user_list"), {"username": "x"})
    assert response.status_code == 403 and "您无权打开此页面" in response.content.decode()
    english = client.post(reverse("access:user_list"), {"username": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 403 and "You may not open this page" in english.content.decode()


def test_a_form_without_its_csrf_token_gets_a_403_page_that_says_reload(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["futian"])
    response = client.post(reverse("registry:firm_create"), {})
    assert response.status_code == 403 and "请刷新页面后重新提交" in response.content.decode()


def test_a_server_error_gets_the_500_page_with_the_request_number(world):
    client = Client(raise_request_exception=False)
    with mock.patch("lvxie.public.selectors.public_lookup", side_effect=RuntimeError("boom")):
        response = client.get(reverse("public:lookup"), {"q": "张"}, HTTP_X_REQUEST_ID="support-call-42")
    page = response.content.decode()
    assert response.status_code == 500 and "系统出现错误" in page and "support-call-42" in page
    assert "boom" not in page and "Traceback" not in page


def test_api_errors_are_json_with_a_code(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"]["futian"])
    assert client.get("/api/v1/no-such-endpoint").json()["code"] == "not_found"
    with mock.patch("lvxie.registry.api.page", side_effect=RuntimeError("boom")):
        response = client.get("/api/v1/firms")
    assert response.status_code == 500 and response.json() == {
        "detail": "系统出现错误",
        "code": "server_error",
    }
