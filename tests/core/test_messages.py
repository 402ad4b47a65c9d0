"""Messages a user reads come in their language, with something useful to say: given Chinese (the default)
or English, when a password is too short or an API request fails the schema, then the message is in that
language (Django's own validator and pydantic would answer in English)."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("language", "expected"), [("zh-hans", "密码太短，至少需要 8 个字符"), ("en", "too short")]
)
def test_a_too_short_password_is_refused_in_the_users_language(db, language, expected):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_password("aB1!")
    assert any(expected in message for message in refused.value.messages), refused.value.messages


def test_the_password_change_page_says_too_short_in_chinese(client, world):
    client.force_login(world["users"]["futian"])
    page = client.post(
        "/accounts/password/",
        {"old_password": "pw-Test-12345", "new_password1": "aB1!", "new_password2": "aB1!"},
    ).content.decode()
    assert "密码太短" in page and "too short" not in page


@pytest.fixture
def futian(world):
    client = Client()
    client.force_login(world["users"]["futian"])
    return client


def _schema_errors(client, language: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/firms",
        {"name": "新律所", "kind": "partnership", "region": "440304", "founded_on": "not a date"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    return {row["field"]: row["message"] for row in response.json()["detail"]}


def test_api_schema_errors_are_in_the_users_language(futian):
    chinese = _schema_errors(futian, "zh-hans")
    assert chinese["credit_code"] == "这个字段是必填项。"
    assert all(CJK.search(message) for message in chinese.values()), chinese
    english = _schema_errors(futian, "en")
    assert english["credit_code"] == "This field is required."
    assert english["founded_on"] == "Enter a valid date."
