"""A Party organization's rectification ledger: its secretary keeps it and never closes its own items;
Party committee staff over its region close (销号) and send back; region staff and firms never see it.
Pages and API as anonymous, in-scope and out-of-scope users."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lvxie.ledgers import services
from lvxie.ledgers.choices import ItemAction, ItemStatus
from lvxie.ledgers.models import Ledger, RectificationItem
from lvxie.notifications.models import Notification
from tests import uploads
from tests.api.conftest import API
from tests.ledgers.conftest import add_item

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "ledgers:list",
    "ledgers:create",
    "ledgers:detail",
    "ledgers:export",
    "ledgers:item",
    "ledgers:item_create",
    "ledgers:transition",
    "ledgers:evidence_add",
]


@pytest.fixture
def org_ledger(party):
    """The A branch's 2023 ledger, opened by its secretary."""
    return services.ledger_create(
        actor=party["users"]["secretary_a"], party_org=party["orgs"]["a"], title="A支部整改台账", year=2023
    )


@pytest.fixture
def org_item(party, org_ledger):
    return add_item(party["users"]["secretary_a"], org_ledger, responsible="支部书记")


def _evidence(actor, item):
    services.item_evidence_add(actor=actor, item=item, files=[uploads.checked(uploads.pdf("记录.pdf"))])


def test_a_ledger_has_exactly_one_owner(party, org_ledger):
    # The service wants one owner
    with pytest.raises(ValidationError):
        services.ledger_create(actor=None, title="x", year=2023)
    with pytest.raises(ValidationError):
        services.ledger_create(
            actor=None, firm=party["firms"]["a"], party_org=party["orgs"]["a"], title="x", year=2023
        )
    # And so does the database
    with pytest.raises(IntegrityError), transaction.atomic():
        Ledger.objects.filter(pk=org_ledger.pk).update(firm=party["firms"]["a"])


def test_who_opens_an_org_ledger(party):
    users, orgs = party["users"], party["orgs"]
    # Region staff and a firm may not; the other district's committee may not either
    for name in ("city", "firm", "party_nanshan"):
        with pytest.raises(PermissionDenied):
            services.ledger_create(actor=users[name], party_org=orgs["a"], title="x", year=2023)
    # The secretary may not open one for another organization
    with pytest.raises(PermissionDenied):
        services.ledger_create(actor=users["secretary_a"], party_org=orgs["joint"], title="x", year=2023)
    # The committee over the region may
    ledger = services.ledger_create(
        actor=users["party_futian"], party_org=orgs["joint"], title="x", year=2023
    )
    assert ledger.region == party["regions"]["futian"] and ledger.owner == orgs["joint"]


def test_the_secretary_keeps_and_the_committee_closes(party, org_item):
    users = party["users"]
    secretary, committee = users["secretary_a"], users["party_futian"]
    # The secretary starts, adds evidence and submits; the committee is told of the submission
    item = services.item_transition(actor=secretary, item=org_item, action=ItemAction.START, version=1)
    _evidence(secretary, item)
    item = services.item_transition(
        actor=secretary, item=item, action=ItemAction.SUBMIT, version=item.version
    )
    assert Notification.objects.filter(recipient=committee).exists()
    assert Notification.objects.filter(recipient=users["party_city"]).exists()
    assert not Notification.objects.filter(recipient=users["futian"]).exists()
    # The secretary never closes their own item; region staff cannot even see it
    with pytest.raises(PermissionDenied):
        services.item_transition(actor=secretary, item=item, action=ItemAction.CLOSE, version=item.version)
    assert not RectificationItem.objects.visible_to(users["futian"]).exists()
    # The committee closes it (销号) and the secretary hears of it
    item = services.item_transition(actor=committee, item=item, action=ItemAction.CLOSE, version=item.version)
    assert item.status == ItemStatus.CLOSED
    assert Notification.objects.filter(recipient=secretary, title__contains=item.number).count() == 1


def test_the_responsible_account_must_act_for_the_org(party, org_ledger):
    with pytest.raises(ValidationError) as refused:
        add_item(party["users"]["secretary_a"], org_ledger, responsible_user=party["users"]["firm"])
    assert "responsible_user" in refused.value.message_dict
    item = add_item(party["users"]["secretary_a"], org_ledger, responsible_user=party["users"]["secretary_a"])
    assert item.responsible_user == party["users"]["secretary_a"]


def test_org_ledgers_are_party_side_data(party, org_item):
    users = party["users"]
    for name in ("party_futian", "party_city", "secretary_a"):
        assert Ledger.objects.visible_to(users[name]).count() == 1, name
        assert RectificationItem.objects.visible_to(users[name]).count() == 1, name
    for name in ("city", "futian", "firm", "lawyer", "party_nanshan"):
        assert not Ledger.objects.visible_to(users[name]).exists(), name
        assert not RectificationItem.objects.visible_to(users[name]).exists(), name


def test_pages_for_org_ledgers(client, party, org_item):
    users, ledger = party["users"], org_item.ledger
    reads = [
        reverse("ledgers:detail", args=[ledger.pk]),
        reverse("ledgers:export", args=[ledger.pk, "xlsx"]),
        reverse("ledgers:item", args=[org_item.pk]),
        reverse("ledgers:item_create", args=[ledger.pk]),
    ]
    start = reverse("ledgers:transition", args=[org_item.pk, "start"])
    evidence = reverse("ledgers:evidence_add", args=[org_item.pk])
    # Anonymous: log in first
    for url in reads:
        assert client.get(url).status_code == 302
    assert client.post(start, {"version": 1}).status_code == 302
    # Out of scope: 404 everywhere, and the list does not show it
    for name in ("city", "futian", "firm", "party_nanshan"):
        client.force_login(users[name])
        for url in reads:
            assert client.get(url).status_code == 404, (name, url)
        assert client.post(start, {"version": 1}).status_code == 404
        assert client.post(evidence, {"files": [uploads.pdf()]}).status_code == 404
        assert "A支部整改台账" not in client.get(reverse("ledgers:list")).content.decode()
    # The secretary: the list, the ledger with its owner, the item; adds evidence and starts it
    client.force_login(users["secretary_a"])
    assert "A支部整改台账" in client.get(reverse("ledgers:list")).content.decode()
    page = client.get(reads[0]).content.decode()
    assert "A支部 · 福田区" in page and "ledger-owner" in page
    for url in reads:
        assert client.get(url).status_code == 200, url
    assert client.post(evidence, {"files": [uploads.pdf()]}).status_code == 302
    assert client.post(start, {"version": 1}).status_code == 302
    assert RectificationItem.objects.get().status == ItemStatus.IN_PROGRESS


def test_the_secretary_opens_the_org_ledger_on_the_page(client, party):
    users, url = party["users"], reverse("ledgers:create")
    assert client.get(url).status_code == 302
    client.force_login(users["lawyer"])
    assert client.get(url).status_code == 403
    client.force_login(users["secretary_a"])
    page = client.get(url).content.decode()
    assert 'name="firm"' not in page and "A支部" in page
    response = client.post(url, {"party_org": party["orgs"]["a"].pk, "title": "台账", "year": 2024})
    assert response.status_code == 302
    assert Ledger.objects.get(title="台账").party_org == party["orgs"]["a"]


def test_the_api_shows_the_owner(client, party, org_item):
    url = f"{API}/ledgers/{org_item.ledger.pk}"
    assert client.get(url).status_code == 401
    client.force_login(party["users"]["futian"])
    assert client.get(url).status_code == 404
    client.force_login(party["users"]["party_futian"])
    body = client.get(url).json()
    assert body["firm"] is None and body["party_org"]["name"] == "A支部"
