"""Notices to Party organizations: Party committee staff write and publish them, an organization's
secretary receives, reads, acknowledges and replies; region staff and firms never see them. Pages
and API as anonymous, in-scope and out-of-scope users."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.notices import selectors, services
from lvxie.notices.choices import AudienceKind
from lvxie.notices.models import Notice, Receipt
from lvxie.notifications.models import Notification
from tests import uploads
from tests.api.conftest import API
from tests.downloads import content_of
from tests.notices.conftest import write_notice

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "notices:detail",
    "notices:inbox",
    "notices:create",
    "notices:acknowledge",
    "notices:reply",
    "notices:receipts_export",
    "notices:list",
]


def to_orgs(party, user="party_futian", region="futian", **fields):
    """A draft from Party committee staff to Party organizations (all of the region unless listed)."""
    return write_notice(
        party["users"][user], party["regions"][region], audience_kind=AudienceKind.PARTY_ORGS, **fields
    )


@pytest.fixture
def org_notice(party):
    """The Futian committee's notice to the A branch and the joint branch, published."""
    orgs = party["orgs"]
    notice = to_orgs(party, audience_party_orgs=[orgs["a"], orgs["joint"]])
    services.notice_publish(actor=party["users"]["party_futian"], notice=notice)
    return notice


def test_publishing_to_listed_orgs_makes_one_receipt_each_and_tells_their_secretaries(party, org_notice):
    # Given the notice to two listed organizations, published
    receipts = Receipt.objects.filter(notice=org_notice)
    # Then each has a receipt in its region, and no firm received it
    assert {r.party_org for r in receipts} == {party["orgs"]["a"], party["orgs"]["joint"]}
    assert {r.region for r in receipts} == {party["regions"]["futian"]}
    assert not receipts.filter(firm__isnull=False).exists()
    # And the A branch's secretary was told
    assert Notification.objects.filter(recipient=party["users"]["secretary_a"]).count() == 1


def test_no_org_listed_means_every_org_in_existence_in_the_region(party):
    # Given a city notice to the Party organizations of Nanshan, none listed
    notice = to_orgs(party, user="party_city", region="city", audience_region=party["regions"]["nanshan"])
    # When it is published
    count = services.notice_publish(actor=party["users"]["party_city"], notice=notice)
    # Then the Nanshan committee and the N branch received it
    assert count == 2
    assert set(notice.receipts.values_list("party_org__name", flat=True)) == {"南山区律师行业党委", "N支部"}


def test_who_may_issue_which_kind(party):
    users, regions, orgs = party["users"], party["regions"], party["orgs"]
    # Region staff may not write to Party organizations
    with pytest.raises(PermissionDenied):
        write_notice(users["city"], regions["city"], audience_kind=AudienceKind.PARTY_ORGS)
    # Party committee staff may not write to firms
    with pytest.raises(PermissionDenied):
        write_notice(users["party_city"], regions["city"])
    # Nor to organizations outside their region
    with pytest.raises(ValidationError) as refused:
        to_orgs(party, audience_party_orgs=[orgs["n"]])
    assert "audience_party_orgs" in refused.value.message_dict


def test_a_receipt_has_exactly_one_recipient(party, org_notice):
    receipt = org_notice.receipts.first()
    # Both owners, or none: the database refuses
    for firm, org in ((party["firms"]["a"], receipt.party_org), (None, None)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Receipt.objects.filter(pk=receipt.pk).update(firm=firm, party_org=org)


def test_org_receipts_are_party_side_data(party, org_notice):
    users = party["users"]
    # The committee over the region and the secretary see the notice; the secretary only their own receipt
    assert Notice.objects.visible_to(users["party_futian"]).filter(pk=org_notice.pk).exists()
    assert Notice.objects.visible_to(users["party_city"]).filter(pk=org_notice.pk).exists()
    assert Receipt.objects.visible_to(users["party_futian"]).filter(notice=org_notice).count() == 2
    assert [r.party_org for r in Receipt.objects.visible_to(users["secretary_a"])] == [party["orgs"]["a"]]
    # Region staff (even of the city), firms and the other district's committee see nothing of it
    for name in ("city", "futian", "firm", "lawyer", "party_nanshan"):
        assert not Notice.objects.visible_to(users[name]).filter(pk=org_notice.pk).exists(), name
        assert not Receipt.objects.visible_to(users[name]).filter(notice=org_notice).exists(), name


def test_the_secretary_answers_and_the_committee_does_not(party, org_notice):
    users = party["users"]
    receipt = org_notice.receipts.get(party_org=party["orgs"]["a"])
    # The committee may not answer for the organization
    with pytest.raises(PermissionDenied):
        services.receipt_acknowledge(actor=users["party_futian"], receipt=receipt)
    # The secretary acknowledges and replies
    services.receipt_acknowledge(actor=users["secretary_a"], receipt=receipt)
    services.receipt_reply(actor=users["secretary_a"], receipt=receipt, text="支部学习计划")
    receipt.refresh_from_db()
    assert receipt.state() == "replied"
    # The progress by district counts it
    rows = selectors.progress_by_district(users["party_futian"], org_notice)
    assert [(r["region__name"], r["total"], r["replied"]) for r in rows] == [("福田区", 2, 1)]


def test_reminders_reach_the_secretaries(party, org_notice):
    reminded = services.notice_remind(actor=party["users"]["party_futian"], notice=org_notice)
    assert reminded == 2
    assert Notification.objects.filter(recipient=party["users"]["secretary_a"]).count() == 2


def test_detail_inbox_and_answers_through_the_pages(client, party, org_notice):
    users = party["users"]
    receipt = org_notice.receipts.get(party_org=party["orgs"]["a"])
    detail = reverse("notices:detail", args=[org_notice.pk])
    inbox = reverse("notices:inbox")
    acknowledge = reverse("notices:acknowledge", args=[receipt.pk])
    reply = reverse("notices:reply", args=[receipt.pk])
    export = reverse("notices:receipts_export", args=[org_notice.pk])
    # Anonymous: log in first
    for url in (detail, inbox, export):
        assert client.get(url).status_code == 302
    for url in (acknowledge, reply):
        assert client.post(url).status_code == 302
    # Out of scope: region staff, a firm, the other committee
    for name in ("city", "firm", "party_nanshan"):
        client.force_login(users[name])
        for url in (detail, export):
            assert client.get(url).status_code == 404, (name, url)
        for url in (acknowledge, reply):
            assert client.post(url).status_code == 404, (name, url)
        assert org_notice.title not in client.get(inbox).content.decode()
    # The secretary: the inbox lists it; opening marks it read; acknowledge and reply with a file
    client.force_login(users["secretary_a"])
    page = client.get(inbox).content.decode()
    assert org_notice.title in page
    assert client.get(detail).status_code == 200
    assert Receipt.objects.get(pk=receipt.pk).read_at is not None
    assert client.post(acknowledge).status_code == 302
    client.post(reply, {"text": "计划", "files": [uploads.pdf()]})
    assert Receipt.objects.get(pk=receipt.pk).replied_at is not None
    # The committee: progress and the receipts, exported with the organizations' names
    client.force_login(users["party_futian"])
    page = client.get(detail).content.decode()
    assert "A支部" in page and "J联合支部" in page
    sheet = load_workbook(io.BytesIO(content_of(client.get(export)))).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"A支部", "J联合支部"}
    assert client.post(acknowledge).status_code == 403  # the committee does not answer for the organization


def test_the_committee_writes_to_chosen_orgs_on_the_page(client, party):
    users, orgs = party["users"], party["orgs"]
    url = reverse("notices:create")
    # Anonymous, and a firm: not for them
    assert client.get(url).status_code == 302
    client.force_login(users["firm"])
    assert client.get(url).status_code == 403
    # Region staff are not offered Party organizations
    client.force_login(users["city"])
    assert 'value="party_orgs"' not in client.get(url).content.decode()
    # The committee is offered only Party organizations, and sees those of its region
    client.force_login(users["party_futian"])
    page = client.get(url).content.decode()
    assert 'value="party_orgs"' in page and 'value="subtree"' not in page
    assert "A支部" in page and "N支部" not in page
    response = client.post(
        url,
        {
            "title": "支部通知",
            "body": "学习",
            "sender_region": party["regions"]["futian"].pk,
            "audience_kind": "party_orgs",
            "audience_party_orgs": [orgs["a"].pk],
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get(title="支部通知")
    assert list(notice.audience_party_orgs.all()) == [orgs["a"]]
    # The notice list shows it to the committee only
    assert "支部通知" in client.get(reverse("notices:list")).content.decode()
    client.force_login(users["futian"])
    assert "支部通知" not in client.get(reverse("notices:list")).content.decode()


def test_the_api_lists_and_acknowledges_org_receipts(client, party, org_notice):
    users = party["users"]
    receipt = org_notice.receipts.get(party_org=party["orgs"]["a"])
    receipts = f"{API}/notices/{org_notice.pk}/receipts"
    acknowledge = f"{API}/receipts/{receipt.pk}/acknowledge"
    assert client.get(receipts).status_code == 401
    assert client.post(acknowledge).status_code == 401
    client.force_login(users["futian"])
    assert client.get(receipts).status_code == 404
    assert client.post(acknowledge).status_code == 404
    client.force_login(users["party_futian"])
    items = client.get(receipts).json()["items"]
    assert {i["party_org"]["name"] for i in items} == {"A支部", "J联合支部"}
    assert all(i["firm"] is None for i in items)
    client.force_login(users["secretary_a"])
    response = client.post(acknowledge)
    assert response.status_code == 200 and response.json()["party_org"]["id"] == party["orgs"]["a"].pk
