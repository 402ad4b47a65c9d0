from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.registry.services import lawyer_update

MATRIX_URLS = ["audit:event_list"]


def test_audit_page_matrix(client, world):
    url = reverse("audit:event_list")
    assert client.get(url).status_code == 302
    for other in ("city", "sysadmin", "futian", "lawyer"):
        client.force_login(world["users"][other])
        assert client.get(url).status_code == 404, other
    client.force_login(world["users"]["auditor"])
    assert client.get(url).status_code == 200


def test_auditor_searches_by_action_and_search_is_recorded(client, world):
    lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], status="suspended")
    client.force_login(world["users"]["auditor"])
    body = client.get(reverse("audit:event_list"), {"action": "lawyer.update"}).content.decode()
    assert "lawyer.update" in body and "張斌" in body
    assert AuditEvent.objects.filter(action="audit.search", actor_id=world["users"]["auditor"].pk).exists()
