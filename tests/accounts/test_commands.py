"""`lvxie api_token`: a token for another system, its key printed once and only its hash stored."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

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


def test_api_token_command_issues_read_only_and_expiring_tokens(world):
    with time_machine.travel(timezone.now(), tick=False):
        # Given the 福田 administrator: a read-only token for 7 days, as asked
        out = StringIO()
        call_command(
            "api_token", "futian", "dashboard", "--read-only", "--days", "7", stdout=out, stderr=StringIO()
        )
        token = ApiToken.objects.get(name="dashboard")
        assert token.key_hash == ApiToken.hash_key(out.getvalue().strip())
        assert token.read_only and token.expires_at == timezone.now() + timedelta(days=7)
        # An administrator (who logs in with a one-time code): 30 days unless asked for fewer, never more
        call_command("api_token", "sysadmin", "monitor", stdout=StringIO(), stderr=StringIO())
        monitor = ApiToken.objects.get(name="monitor")
        assert not monitor.read_only and monitor.expires_at == timezone.now() + timedelta(days=30)
        with pytest.raises(CommandError, match="30"):
            call_command(
                "api_token", "sysadmin", "longer", "--days", "31", stdout=StringIO(), stderr=StringIO()
            )
        assert not ApiToken.objects.filter(name="longer").exists()
