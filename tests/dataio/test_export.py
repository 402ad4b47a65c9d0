"""The export machinery (dataio): given a registered list, when it is downloaded, then only a user with a
scope gets it, an unmasked one needs the separate permission (granted by a security administrator) and a
reason, the file is streamed as it is sent, and the download is in the audit log. What each registry
export holds is tested in tests/registry/test_exports.py."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.dataio import policies, services
from tests.downloads import content_of, rows_of
from tests.factories import make_user

MATRIX_URLS = ["dataio:export", "dataio:export_unmasked"]


@pytest.mark.parametrize("what", ["firms", "lawyers", "committees", "offices"])
def test_export_anonymous_redirects_and_nobody_gets_404(client, world, what):
    url = reverse("dataio:export", args=[what])
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["nobody"])
    assert client.get(url).status_code == 404


def test_unknown_export_is_404(client, world):
    client.force_login(world["users"]["city"])
    assert client.get(reverse("dataio:export", args=["users"])).status_code == 404


def test_unmasked_export_form_and_file_for_a_holder_of_the_permission(client, world, exporter):
    lawyer = world["ft_lawyer"]
    client.force_login(exporter)
    url = reverse("dataio:export_unmasked", args=["lawyers"])
    page = client.get(reverse("registry:lawyer_list")).content.decode()
    assert url in page
    form = client.get(url, {"q": "張斌"})
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    # When they give a reason, the file holds the unmasked values of the lawyers in their scope
    response = client.post(f"{url}?q=張斌", {"format": "xlsx", "reason": "核查执业信息（2026-12 专项）"})
    assert response.status_code == 200 and response.streaming
    rows = rows_of(response)
    assert rows[1][0] == "張斌" and rows[1][-2:] == [lawyer.id_number, lawyer.phone]
    # Then the audit event holds the reason, the row count, the columns and the filter
    event = AuditEvent.objects.get(action="export.download")
    assert event.after["reason"] == "核查执业信息（2026-12 专项）" and event.after["rows"] == 1
    assert event.after["unmasked"] is True and event.after["filters"] == {"q": "張斌"}
    assert event.after["columns"] == rows[0] and event.actor_id == exporter.pk


def test_unmasked_export_needs_a_reason_and_changes_nothing_without_one(client, world, exporter):
    client.force_login(exporter)
    url = reverse("dataio:export_unmasked", args=["lawyers"])
    for reason in ("", "   "):
        response = client.post(url, {"format": "csv", "reason": reason})
        assert response.status_code == 400 and not response.streaming
        assert "请说明需要未脱敏身份证号和电话的理由。" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export.download").exists()
    with pytest.raises(ValidationError) as error:
        services.export_start(actor=exporter, what="lawyers", query={}, fmt="csv", unmasked=True, reason=" ")
    assert error.value.code == "reason_required"


@pytest.mark.parametrize("user", ["futian", "city", "firm", "auditor", "nobody"])
def test_unmasked_export_is_refused_without_the_permission(client, world, user):
    # Given any user without the permission (sensitive readers included), the form and the file are 404
    client.force_login(world["users"][user])
    url = reverse("dataio:export_unmasked", args=["lawyers"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"format": "csv", "reason": "核查"}).status_code == 404
    assert not AuditEvent.objects.filter(action="export.download").exists()
    with pytest.raises(PermissionDenied):
        services.export_start(
            actor=world["users"][user], what="lawyers", query={}, fmt="csv", unmasked=True, reason="核查"
        )


def test_unmasked_export_anonymous_redirects_and_other_lists_are_404(client, world, exporter):
    assert client.get(reverse("dataio:export_unmasked", args=["lawyers"])).status_code == 302
    client.force_login(exporter)
    assert client.get(reverse("dataio:export_unmasked", args=["firms"])).status_code == 404


def test_a_duty_role_given_after_the_grant_ends_the_unmasked_export(client, world, exporter):
    RoleAssignment.objects.create(user=exporter, role=Role.AUDITOR)
    client.force_login(exporter)
    assert client.get(reverse("dataio:export_unmasked", args=["lawyers"])).status_code == 404


# Granting the permission ---------------------------------------------------------------------------


def test_only_a_security_administrator_grants_and_the_grant_is_audited(world, secadmin):
    user = world["users"]["futian"]
    with pytest.raises(PermissionDenied):
        services.export_unmasked_grant(actor=world["users"]["city"], user=user)
    services.export_unmasked_grant(actor=secadmin, user=user)
    user = type(user).objects.get(pk=user.pk)  # a fresh object: permissions are cached per instance
    assert user.has_perm(policies.EXPORT_UNMASKED_PERMISSION) and policies.allowed(
        user, policies.EXPORT_UNMASKED, "lawyers"
    )
    event = AuditEvent.objects.get(action="permission.grant")
    assert event.actor_id == secadmin.pk and event.object_id == str(user.pk)
    assert event.after == {"permission": "dataio.export_unmasked"}
    services.export_unmasked_revoke(actor=secadmin, user=user)
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm(policies.EXPORT_UNMASKED_PERMISSION)
    assert AuditEvent.objects.filter(action="permission.revoke", object_id=str(user.pk)).exists()


def test_the_grant_refuses_oneself_administrators_and_accounts_that_cannot_unmask(world, secadmin):
    other_secadmin = make_user(Role.SECURITY_ADMIN)
    refusals = [
        (secadmin, "self_grant"),
        (other_secadmin, "duty_role"),
        (world["users"]["auditor"], "duty_role"),
        (world["users"]["sysadmin"], "duty_role"),
        (world["users"]["firm"], "not_sensitive_reader"),
        (world["users"]["lawyer"], "not_sensitive_reader"),
        (world["users"]["nobody"], "not_sensitive_reader"),
    ]
    for user, code in refusals:
        with pytest.raises(ValidationError) as error:
            services.export_unmasked_grant(actor=secadmin, user=user)
        assert error.value.code == code, user
    assert not AuditEvent.objects.filter(action="permission.grant").exists()
    assert not any(
        type(u).objects.get(pk=u.pk).has_perm(policies.EXPORT_UNMASKED_PERMISSION) for u, _ in refusals
    )


def test_the_command_grants_and_revokes_as_a_named_security_administrator(world, secadmin):
    out = io.StringIO()
    call_command("export_unmasked", "grant", "futian", "--actor", "secadmin", stdout=out)
    assert "futian" in out.getvalue()
    assert type(secadmin).objects.get(username="futian").has_perm(policies.EXPORT_UNMASKED_PERMISSION)
    with pytest.raises(CommandError):
        call_command("export_unmasked", "grant", "firmadmin", "--actor", "secadmin")
    with pytest.raises(CommandError):
        call_command("export_unmasked", "grant", "nanshan", "--actor", "city")
    call_command("export_unmasked", "revoke", "futian", "--actor", "secadmin", stdout=out)
    assert not type(secadmin).objects.get(username="futian").has_perm(policies.EXPORT_UNMASKED_PERMISSION)


# Cost and streaming -------------------------------------------------------------------------------


def test_the_export_is_streamed_and_reads_its_rows_only_as_it_is_sent(client, world):
    # Given an export of the city's lawyers
    client.force_login(world["users"]["city"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dataio:export", args=["lawyers"]), {"format": "xlsx"})
        before = len(queries)
        # When the response is returned, the rows have not been read yet (the audit event has been written)
        assert response.streaming and AuditEvent.objects.filter(action="export.download").exists()
        assert not any('"registry_lawyer"."id_number"' in q["sql"] for q in queries.captured_queries)
        content = content_of(response)
    # Then reading the file runs the rows' query, and the file opens
    assert len(queries) > before + 1
    assert load_workbook(io.BytesIO(content)).active["A2"].value in {"張斌", "刘伟东"}
