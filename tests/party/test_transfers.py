"""Transferring a member (组织关系转接): the sending secretary picks any organization under their Party
committee, the receiving side (its secretary or the committee staff) accepts or refuses with a reason,
the member stays where they were until then, and every step is audited and told to both sides."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.notifications.models import Notification
from lvxie.party import services
from lvxie.party.choices import MemberStatus, TransferStatus
from lvxie.party.models import MemberTransfer
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "party:transfer_list",
    "party:transfer_detail",
    "party:transfer_decide",
]


@pytest.fixture
def transfer_world(party):
    secretary_j = make_user(None, username="secretary_j")
    RoleAssignment.objects.create(user=secretary_j, role=Role.ORG_SECRETARY, party_org=party["orgs"]["joint"])
    party["users"]["secretary_j"] = secretary_j
    member = party["lawyers"]["a"][0].party_memberships.get(status=MemberStatus.ACTIVE)
    return {**party, "member": member}


def _targets_url(w, q: str = "") -> str:
    """The shared picker's suggestions for the transfer page's receiving organization."""
    query = urlencode({"field": "to_org", "member": w["member"].pk, "q": q})
    return reverse("core:pick", args=["party.transfer_targets"]) + f"?{query}"


def _request(client, w, to_org, on="2024-05-01"):
    client.force_login(w["users"]["secretary_a"])
    return client.post(
        reverse("party:member_transfer", args=[w["member"].pk]), {"to_org": to_org.pk, "on": on}
    )


def test_the_secretary_may_send_a_member_to_any_organization_of_the_committee(client, transfer_world):
    w = transfer_world
    client.force_login(w["users"]["secretary_a"])
    page = client.get(reverse("party:member_transfer", args=[w["member"].pk])).content.decode()
    # Not a drop-down of their own organization only: the committee's organizations in the lawyer's
    # region, without the member's own, and nothing of another district.
    offered = {int(pk) for pk in re.findall(r'name="to_org" value="(\d+)"', page)}
    assert offered == {w["orgs"]["joint"].pk, w["orgs"]["futian"].pk}  # not the city committee above
    assert "N支部" not in page
    found = client.get(_targets_url(w, "联合")).content.decode()
    assert "J联合支部" in found and "福田区律师行业党委" not in found
    assert "N支部" not in client.get(_targets_url(w, "N")).content.decode()
    # An organization of another district is refused even when posted by hand, and nothing changes.
    assert _request(client, w, w["orgs"]["n"]).status_code == 400
    assert not MemberTransfer.objects.exists()


def test_the_transfer_waits_for_the_receiving_secretary_who_accepts_it(client, transfer_world):
    w = transfer_world
    users, member, joint = w["users"], w["member"], w["orgs"]["joint"]
    response = _request(client, w, joint)
    assert response.status_code == 302
    transfer = MemberTransfer.objects.get()
    assert transfer.status == TransferStatus.PENDING and transfer.from_org == w["orgs"]["a"]
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and member.org == w["orgs"]["a"]  # stays until accepted
    assert AuditEvent.objects.filter(action="party.member_transfer", object_id=str(transfer.pk)).exists()
    told = set(
        Notification.objects.filter(url=transfer.get_absolute_url()).values_list(
            "recipient__username", flat=True
        )
    )
    assert {"secretary_j", "party_futian", "party_city"} <= told and "secretary_a" not in told
    assert all(member.lawyer.name not in n.title + n.body for n in Notification.objects.all())
    # The sending secretary cannot accept their own request.
    decide = reverse("party:transfer_decide", args=[transfer.pk])
    assert client.post(decide, {"action": "accept"}).status_code == 403
    member_list = client.get(reverse("party:member_list", args=[w["orgs"]["a"].pk])).content.decode()
    assert reverse("party:transfer_detail", args=[transfer.pk]) in member_list
    client.force_login(users["secretary_j"])
    detail = client.get(transfer.get_absolute_url())
    assert detail.status_code == 200 and member.lawyer.name in detail.content.decode()
    read = AuditEvent.objects.filter(action="party.members_read").latest("id")
    assert read.actor_id == users["secretary_j"].pk and read.after == {"what": f"transfer:{transfer.pk}"}
    assert client.post(decide, {"action": "accept"}).status_code == 302
    transfer.refresh_from_db()
    member.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and transfer.decided_by == users["secretary_j"]
    assert member.status == MemberStatus.TRANSFERRED and transfer.moved.org == joint
    assert transfer.moved.transferred_from == member and transfer.moved.joined_on == date(2024, 5, 1)
    assert AuditEvent.objects.filter(action="party.member_transfer_accept").exists()
    assert (
        Notification.objects.filter(recipient=users["secretary_a"], title__contains="J联合支部").count() == 1
    )
    # Decided once: a second decision is refused and changes nothing.
    client.post(decide, {"action": "refuse", "reason": "晚了"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and transfer.reason == ""


def test_the_receiving_side_may_refuse_with_a_reason_and_the_member_stays(client, transfer_world):
    w = transfer_world
    _request(client, w, w["orgs"]["joint"])
    transfer = MemberTransfer.objects.get()
    client.force_login(w["users"]["party_futian"])  # the committee staff decide for the receiving side too
    decide = reverse("party:transfer_decide", args=[transfer.pk])
    client.post(decide, {"action": "refuse", "reason": "  "})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING  # no reason: nothing changes
    client.post(decide, {"action": "refuse", "reason": "不在本支部所覆盖的律所执业"})
    transfer.refresh_from_db()
    w["member"].refresh_from_db()
    assert transfer.status == TransferStatus.REFUSED and transfer.reason == "不在本支部所覆盖的律所执业"
    assert w["member"].status == MemberStatus.ACTIVE and w["member"].org == w["orgs"]["a"]
    told = Notification.objects.get(recipient=w["users"]["secretary_a"], title__contains="J联合支部")
    assert told.body == "不在本支部所覆盖的律所执业"
    assert AuditEvent.objects.filter(action="party.member_transfer_refuse").exists()
    # Refused, the sender may ask again; and withdraw a request themselves.
    assert _request(client, w, w["orgs"]["futian"]).status_code == 302
    again = MemberTransfer.objects.get(status=TransferStatus.PENDING)
    assert (
        client.post(reverse("party:transfer_decide", args=[again.pk]), {"action": "withdraw"}).status_code
        == 302
    )
    again.refresh_from_db()
    assert again.status == TransferStatus.WITHDRAWN


def test_committee_staff_over_the_receiving_side_transfer_at_once(transfer_world):
    w = transfer_world
    transfer = services.membership_transfer(
        actor=w["users"]["party_futian"], member=w["member"], to_org=w["orgs"]["joint"], on=date(2024, 5, 1)
    )
    assert transfer.status == TransferStatus.ACCEPTED and transfer.moved.org == w["orgs"]["joint"]


def test_transfer_pages_outside_the_scope_or_the_party_side_are_404(client, transfer_world):
    w = transfer_world
    _request(client, w, w["orgs"]["joint"])
    transfer = MemberTransfer.objects.get()
    urls = [
        reverse("party:transfer_detail", args=[transfer.pk]),
        _targets_url(w),
        reverse("party:transfer_list"),
    ]
    client.logout()
    for url in (urls[0], urls[2]):
        assert client.get(url).status_code == 302
    # The shared picker offers nothing to an anonymous user (no login page inside a suggestion box).
    assert client.get(urls[1]).status_code == 404
    assert (
        client.post(reverse("party:transfer_decide", args=[transfer.pk]), {"action": "accept"}).status_code
        == 302
    )
    for outsider in ("party_nanshan", "city", "futian", "firm", "lawyer", "auditor"):
        client.force_login(w["users"][outsider])
        for url in urls[:2]:
            assert client.get(url).status_code == 404, (outsider, url)
        decide = reverse("party:transfer_decide", args=[transfer.pk])
        assert client.post(decide, {"action": "accept"}).status_code == 404, outsider
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING
    client.force_login(w["users"]["party_nanshan"])
    assert f"#{transfer.pk}" not in client.get(urls[2]).content.decode()


def test_a_member_that_moved_meanwhile_cannot_be_accepted(transfer_world):
    w = transfer_world
    transfer = services.membership_transfer(
        actor=w["users"]["secretary_a"], member=w["member"], to_org=w["orgs"]["joint"], on=date(2024, 5, 1)
    )
    services.membership_end(actor=None, member=w["member"], status=MemberStatus.LEFT, on=date(2024, 4, 1))
    with pytest.raises(services.ValidationError) as error:
        services.transfer_decide(actor=w["users"]["secretary_j"], transfer=transfer, action="accept")
    assert error.value.code == "moved"


def test_a_second_transfer_while_one_awaits_is_refused_with_its_message(client, transfer_world):
    w = transfer_world
    assert _request(client, w, w["orgs"]["joint"]).status_code == 302
    transfers = AuditEvent.objects.filter(action__startswith="party.member_transfer")
    events = transfers.count()
    # (refused by the pending-transfer constraint, read before anything is written)
    with pytest.raises(services.ValidationError) as error:
        services.membership_transfer(
            actor=w["users"]["secretary_a"],
            member=w["member"],
            to_org=w["orgs"]["futian"],
            on=date(2024, 5, 2),
        )
    assert error.value.error_dict["__all__"][0].code == "pending"
    client.cookies["django_language"] = "zh-hans"
    page = _request(client, w, w["orgs"]["futian"], on="2024-05-02")
    assert page.status_code == 400 and "已有" in page.content.decode()
    assert MemberTransfer.objects.count() == 1
    assert transfers.count() == events  # (the page shown again records its read of the member, as always)


def test_the_compiled_target_check_agrees_with_the_targets_for_every_organization(transfer_world):
    """`is_transfer_target` (compiled once per shape, run on every transfer) answers as
    `transfer_targets` does, for every organization, each reader, and a second member of the same shape."""
    from lvxie.party import selectors
    from lvxie.party.models import PartyMembership, PartyOrg

    w = transfer_world
    members = [
        w["member"],
        *PartyMembership.objects.filter(status=MemberStatus.ACTIVE).exclude(pk=w["member"].pk),
    ]
    readers = [
        None,
        *(w["users"][name] for name in ("secretary_a", "secretary_j", "party_futian", "party_city")),
    ]
    orgs = list(PartyOrg.objects.all())
    for member in members[:3]:
        for reader in readers:
            targets = set(selectors.transfer_targets(reader, member).values_list("pk", flat=True))
            assert {o.pk for o in orgs if selectors.is_transfer_target(reader, member, o)} == targets
    assert selectors.is_transfer_target(w["users"]["secretary_a"], w["member"], w["orgs"]["joint"])
