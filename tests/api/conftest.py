from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lvxie.accounts.models import ApiToken, User
from lvxie.accounts.selectors import needs_totp
from tests.factories import credit_code

API = "/api/v1"


def make_token(user: User, *, revoked: bool = False) -> tuple[str, ApiToken]:
    """A token for `user` as `lvxie api_token` issues it (expiring after LVXIE_ADMIN_TOKEN_DAYS for an
    account that logs in with a one-time code), without an audit event; returns the key (shown once) and
    the stored row (hash only)."""
    key = ApiToken.new_key()
    days = settings.LVXIE_ADMIN_TOKEN_DAYS if needs_totp(user) else None
    token = ApiToken.objects.create(
        user=user,
        name="test",
        key_hash=ApiToken.hash_key(key),
        prefix=key[:8],
        revoked=revoked,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    return key, token


@pytest.fixture
def as_user(client):
    """A session client logged in as the given user (CSRF not enforced, as in Django's test client)."""

    def login(user: User) -> Client:
        client.force_login(user)
        return client

    return login


@pytest.fixture
def firm_payload(regions):
    """A valid new firm in 福田 (region given by code)."""
    return {
        "name": "前海新律师事务所",
        "kind": "partnership",
        "credit_code": credit_code(900001),
        "licence_no": "34403000000900001",
        "region": regions["futian"].code,
        "address": "福田区深南大道 1 号",
    }


@pytest.fixture
def lawyer_payload(world):
    """A valid new lawyer in the 福田 firm (firm given by id; the district follows the firm)."""
    return {
        "name": "李明",
        "gender": "M",
        "kind": "full_time",
        "licence_no": "44032018110900001",
        "firm": world["ft_firm"].pk,
        "first_licensed_year": 2018,
        "practice_areas": ["ip", "civil"],
        "phone": "13912345678",
    }
