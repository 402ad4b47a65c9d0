"""Bearer tokens (config/api.py `TokenAuth`, services.api_token_create): tokens of accounts that log in with a
one-time code expire, expired and revoked tokens are refused, read-only tokens only read."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from lvxie.accounts import services
from lvxie.accounts.models import ApiToken
from lvxie.registry.models import LawFirm

from .conftest import API, make_token


def get_firms(key: str):
    return Client().get(f"{API}/firms", headers={"authorization": f"Bearer {key}"})


def codes_on(user) -> None:
    services.totp_enroll(actor=None, user=user, secret=services.totp_new_secret(), confirmed=True)


def test_tokens_of_accounts_with_one_time_codes_expire_after_30_days(world):
    # Given the 福田 administrator, who turned one-time codes on
    user = world["users"]["futian"]
    codes_on(user)
    # When a token is issued without saying for how long
    with time_machine.travel(timezone.now(), tick=False):
        key, token = services.api_token_create(actor=None, user=user, name="case system")
        issued = timezone.now()
    # Then it ends after LVXIE_ADMIN_TOKEN_DAYS (30): it works until then, and is refused after
    assert token.expires_at == issued + timedelta(days=30)
    with time_machine.travel(issued + timedelta(days=29, hours=23), tick=False):
        assert get_firms(key).status_code == 200
    with time_machine.travel(issued + timedelta(days=30, seconds=1), tick=False):
        response = get_firms(key)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_tokens_of_code_holders_last_at_most_the_configured_days(world, settings):
    # Given a deployment that allows administrators' tokens 7 days
    settings.LVXIE_ADMIN_TOKEN_DAYS = 7
    sysadmin = world["users"]["sysadmin"]
    # When a longer one is asked for, then it is refused and nothing is issued
    with pytest.raises(ValidationError) as caught:
        services.api_token_create(actor=None, user=sysadmin, name="monitor", days=8)
    assert caught.value.code == "too_long"
    with pytest.raises(ValidationError) as caught:
        services.api_token_create(actor=None, user=world["users"]["city"], name="x", days=0)
    assert caught.value.code == "too_short"
    assert not ApiToken.objects.exists()
    # The default is the limit; accounts without codes get tokens without an end unless they ask
    _key, token = services.api_token_create(actor=None, user=sysadmin, name="monitor")
    assert token.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert token.expires_at - timezone.now() <= timedelta(days=7)
    _key, token = services.api_token_create(actor=None, user=world["users"]["city"], name="stats")
    assert token.expires_at is None


def test_a_token_without_an_end_is_refused_once_its_account_holds_a_code(world):
    # Given a token issued, without an end, before its account turned codes on
    user = world["users"]["futian"]
    key, _token = make_token(user)
    assert get_firms(key).status_code == 200
    # When codes are turned on, then the token no longer stands in for them
    codes_on(user)
    assert get_firms(key).status_code == 401


def test_expired_tokens_are_refused(world):
    # Given a token of an account without codes, issued for one day
    key, token = services.api_token_create(actor=None, user=world["users"]["futian"], name="x", days=1)
    assert get_firms(key).status_code == 200
    # When the day has passed, then it is refused
    with time_machine.travel(token.expires_at + timedelta(seconds=1), tick=False):
        assert get_firms(key).status_code == 401


@pytest.mark.parametrize(
    ("language", "message"), [("zh-hans", "此令牌只能读取数据"), ("en", "This token may only read")]
)
def test_read_only_tokens_may_only_read(world, firm_payload, language, message):
    # Given a read-only token of the 福田 administrator
    key, _token = services.api_token_create(
        actor=None, user=world["users"]["futian"], name="dash", read_only=True
    )
    client = Client(headers={"authorization": f"Bearer {key}", "accept-language": language})
    firm = world["ft_firm"]
    # When it reads, then it may
    assert client.get(f"{API}/firms").status_code == 200
    assert client.get(f"{API}/firms/{firm.pk}").status_code == 200
    # When it writes, then 403 with a translated message, and nothing changes
    created = client.post(f"{API}/firms", json.dumps(firm_payload), content_type="application/json")
    changed = client.patch(
        f"{API}/firms/{firm.pk}", json.dumps({"address": "改过的地址"}), content_type="application/json"
    )
    for response in (created, changed):
        assert response.status_code == 403
        assert message in response.json()["detail"]
    assert not LawFirm.objects.filter(credit_code=firm_payload["credit_code"]).exists()
    firm.refresh_from_db()
    assert firm.address != "改过的地址"
    # The same account's full token writes
    full, _token = services.api_token_create(actor=None, user=world["users"]["futian"], name="full")
    response = Client().post(
        f"{API}/firms",
        json.dumps(firm_payload),
        content_type="application/json",
        headers={"authorization": f"Bearer {full}"},
    )
    assert response.status_code == 201
