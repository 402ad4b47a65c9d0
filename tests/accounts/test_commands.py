"""`lvxie api_token`: a token for another system, its key printed once and only its hash stored."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from lvxie.accounts.models import ApiToken
from lvxie.audit.models import AuditEvent


def test_api_token_command_prints_a_working_key_once(world):
    out = StringIO()
    call_command("api_token", "futian", "case system", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=world["users"]["futian"])
    assert token.key_hash == ApiToken.hash_key(key) and key not in str(ApiToken.objects.values())
    assert Client().get("/api/v1/firms", headers={"authorization": f"Bearer {key}"}).status_code == 200
    event = AuditEvent.objects.get(action="api_token.create")
    assert key not in str(event.after) and event.after["name"] == "case system"


def test_api_token_command_refuses_an_unknown_account(db):
    with pytest.raises(CommandError, match="No active account"):
        call_command("api_token", "ghost", "x")
