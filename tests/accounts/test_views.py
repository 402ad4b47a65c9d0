from django.urls import reverse

from lvxie.audit.models import AuditEvent


def test_login_page_renders_in_chinese_by_default(client, db):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "登录" in body


def test_login_success_and_failure_are_audited(client, world):
    assert not client.login(username="futian", password="wrong")
    client.post(reverse("accounts:login"), {"username": "futian", "password": "wrong"})
    assert AuditEvent.objects.filter(action="auth.login_failed", object_repr="futian").exists()
    response = client.post(reverse("accounts:login"), {"username": "futian", "password": "pw-Test-12345"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="auth.login", actor_id=world["users"]["futian"].pk).exists()
    assert "pw-Test-12345" not in str(list(AuditEvent.objects.values()))
