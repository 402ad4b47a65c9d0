"""What a secretary learns when a lawyer cannot be added to their organization: one neutral answer for
an unknown licence number, a lawyer outside the firms their organization covers, a lawyer of another
district and a member of another organization; a specific one only about what they may see."""

import pytest
from django.urls import reverse

from lvxie.party import services
from lvxie.party.models import PartyMembership

pytestmark = pytest.mark.django_db


def _add(client, org, licence_no):
    data = {"lawyer": licence_no, "kind": "full", "joined_party_on": "2015-07-01", "joined_on": "2021-01-01"}
    response = client.post(reverse("party:member_add", args=[org.pk]), data)
    assert response.status_code == 400, licence_no
    return [str(e) for e in response.context["form"].errors["lawyer"]], response.content.decode()


def test_the_secretary_learns_nothing_of_lawyers_and_members_outside_their_organization(client, party):
    client.force_login(party["users"]["secretary_a"])
    org, lawyers = party["orgs"]["a"], party["lawyers"]
    before = PartyMembership.objects.count()
    cases = {
        "unknown licence": "34403199999999999",
        "a Futian lawyer of another firm, no member": party["firms"]["f"].lawyers.get().licence_no,
        "a Nanshan lawyer": lawyers["n"][1].licence_no,
        "a member kept by the Futian committee": lawyers["d"][0].licence_no,
        "a member of the joint branch": lawyers["b"][0].licence_no,
    }
    answers = {case: _add(client, org, number) for case, number in cases.items()}
    neutral = [str(services.UNAVAILABLE)]
    for case, (errors, text) in answers.items():
        assert errors == neutral, case
        assert "福田区律师行业党委" not in text and "J联合支部" not in text, case
    assert PartyMembership.objects.count() == before  # and nothing changed


def test_what_the_actor_may_see_is_still_said_plainly(client, party):
    client.force_login(party["users"]["secretary_a"])
    errors, _text = _add(client, party["orgs"]["a"], party["lawyers"]["a"][0].licence_no)
    assert "A支部" in errors[0] and errors != [str(services.UNAVAILABLE)]  # their own member
    client.force_login(party["users"]["party_futian"])
    errors, _text = _add(client, party["orgs"]["a"], party["lawyers"]["d"][0].licence_no)
    assert "福田区律师行业党委" in errors[0]
    errors, _text = _add(client, party["orgs"]["a"], party["lawyers"]["n"][1].licence_no)
    assert errors == [str(services.UNAVAILABLE)]  # Nanshan is outside Futian's staff too


def test_the_secretary_adds_a_lawyer_of_their_own_firm(client, party):
    client.force_login(party["users"]["secretary_a"])
    lawyer = party["lawyers"]["a"][4]
    data = {
        "lawyer": lawyer.licence_no,
        "kind": "full",
        "joined_party_on": "2015-07-01",
        "joined_on": "2021-01-01",
    }
    assert client.post(reverse("party:member_add", args=[party["orgs"]["a"].pk]), data).status_code == 302
    assert lawyer.party_memberships.get().org == party["orgs"]["a"]
