"""Every registry page, as anonymous, in-scope and out-of-scope users (the matrix of the house rules).
The Futian administrator is in scope for Futian objects; the Nanshan administrator is not (404)."""

import pytest
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.registry.models import CommitteeMembership
from tests.factories import CommitteeFactory, OfficeFactory, TraineeFactory


@pytest.fixture
def objects(world):
    regions = world["regions"]
    committee = CommitteeFactory(name="福田区工委", kind="district", region=regions["futian"])
    seat = CommitteeMembership.objects.create(
        committee=committee, lawyer=world["ft_lawyer"], position="member"
    )
    return {
        "firm": world["ft_firm"],
        "lawyer": world["ft_lawyer"],
        "trainee": TraineeFactory(firm=world["ft_firm"], supervisor=world["ft_lawyer"]),
        "committee": committee,
        "seat": seat,
        "office": OfficeFactory(firm=world["ft_firm"]),
        "region": regions["futian"],
    }


# (url name, object key or None, method). Each is requested by three users.
DETAIL_PAGES = [
    ("registry:region_detail", "region"),
    ("registry:firm_detail", "firm"),
    ("registry:firm_update", "firm"),
    ("registry:lawyer_detail", "lawyer"),
    ("registry:lawyer_update", "lawyer"),
    ("registry:lawyer_sensitive", "lawyer"),
    ("registry:trainee_detail", "trainee"),
    ("registry:trainee_update", "trainee"),
    ("registry:trainee_sensitive", "trainee"),
    ("registry:committee_detail", "committee"),
    ("registry:committee_update", "committee"),
    ("registry:office_detail", "office"),
    ("registry:office_update", "office"),
]
LIST_PAGES = [
    "home",
    "registry:region_list",
    "registry:firm_list",
    "registry:lawyer_list",
    "registry:trainee_list",
    "registry:committee_list",
    "registry:office_list",
    "registry:firm_create",
    "registry:lawyer_create",
    "registry:trainee_create",
    "registry:committee_create",
    "registry:office_create",
]

# Covered by the matrix tests below (tests/test_url_matrix.py collects these).
MATRIX_URLS = [
    *(name for name, _ in DETAIL_PAGES),
    *LIST_PAGES,
    "registry:committee_member_add",
    "registry:committee_member_remove",
]


@pytest.mark.parametrize(("name", "key"), DETAIL_PAGES)
def test_detail_pages_matrix(client, world, objects, name, key):
    url = reverse(name, args=[objects[key].pk])
    # Anonymous: sent to log in
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    # In scope: the page
    client.force_login(world["users"]["futian"])
    assert client.get(url).status_code == 200
    # Out of scope: it does not exist
    client.force_login(world["users"]["nanshan"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_matrix(client, world, objects, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    client.force_login(world["users"]["futian"])
    page = client.get(url)
    assert page.status_code in (200, 302)  # the region list redirects to the user's one region
    client.force_login(world["users"]["nanshan"])
    other = client.get(url, follow=True)
    assert other.status_code == 200
    assert "福田律师事务所" not in other.content.decode()


def test_post_actions_matrix(client, world, objects):
    committee, seat = objects["committee"], objects["seat"]
    add = reverse("registry:committee_member_add", args=[committee.pk])
    remove = reverse("registry:committee_member_remove", args=[committee.pk, seat.pk])
    data = {"licence_no": world["ft_lawyer"].licence_no, "position": "deputy"}
    assert client.post(add, data).status_code == 302 and "login" in client.post(add, data)["Location"]
    client.force_login(world["users"]["nanshan"])
    assert client.post(add, data).status_code == 404
    assert client.post(remove).status_code == 404
    assert CommitteeMembership.objects.filter(pk=seat.pk).exists()
    client.force_login(world["users"]["futian"])
    assert client.post(remove).status_code == 302
    assert not CommitteeMembership.objects.filter(pk=seat.pk).exists()


def test_district_list_shows_only_own_district(client, world):
    client.force_login(world["users"]["futian"])
    body = client.get(reverse("registry:lawyer_list")).content.decode()
    assert "張斌" in body and "刘伟东" not in body


def test_search_box_finds_traditional_by_simplified_and_pinyin(client, world):
    client.force_login(world["users"]["city"])
    for q in ("张斌", "張斌", "zhangbin", "zb"):
        body = client.get(reverse("registry:lawyer_list"), {"q": q}).content.decode()
        assert "張斌" in body, q
        assert "刘伟东" not in body, q


def test_firm_admin_may_read_and_edit_only_contact_fields_of_own_lawyer(client, world):
    # Issue 18: a firm keeps its lawyers' contact details current; the licence record stays the bureau's.
    client.force_login(world["users"]["firm"])
    lawyer = world["ft_lawyer"]
    assert client.get(reverse("registry:lawyer_detail", args=[lawyer.pk])).status_code == 200
    edit = client.get(reverse("registry:lawyer_update", args=[lawyer.pk]))
    assert edit.status_code == 200 and "licence_no" not in edit.context["form"].fields
    assert client.get(reverse("registry:lawyer_sensitive", args=[lawyer.pk])).status_code == 404
    assert client.get(reverse("registry:firm_update", args=[world["ft_firm"].pk])).status_code == 403


def test_lawyer_sees_own_record_only(client, world):
    client.force_login(world["users"]["lawyer"])
    own, other = world["ft_lawyer"], world["ns_lawyer"]
    assert client.get(reverse("registry:lawyer_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("registry:lawyer_sensitive", args=[own.pk])).status_code == 200
    assert client.get(reverse("registry:lawyer_detail", args=[other.pk])).status_code == 404


def test_sensitive_fields_masked_until_revealed_and_reveal_is_audited(client, world):
    lawyer = world["ft_lawyer"]
    client.force_login(world["users"]["futian"])
    page = client.get(reverse("registry:lawyer_detail", args=[lawyer.pk])).content.decode()
    assert lawyer.id_number not in page and lawyer.phone not in page
    assert lawyer.id_number[-4:] in page  # masked form shows the tail
    reveal = client.get(reverse("registry:lawyer_sensitive", args=[lawyer.pk]))
    assert lawyer.id_number in reveal.content.decode()
    assert reveal["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="lawyer.reveal")
    assert event.actor_id == world["users"]["futian"].pk and event.object_id == str(lawyer.pk)


@pytest.mark.parametrize("name", ["registry:lawyer_detail", "registry:firm_detail"])
def test_a_detail_page_fetched_by_one_reader_is_still_404_to_the_next_out_of_scope(client, world, name):
    """The detail pages' fetch is compiled once per scope (core.statements): readers take turns on the
    same object, in one process, and each gets what their own scope gives."""
    obj = world["ft_lawyer"] if name == "registry:lawyer_detail" else world["ft_firm"]
    url = reverse(name, args=[obj.pk])
    for user, status in (("futian", 200), ("nanshan", 404), ("city", 200), ("nanshan", 404), ("futian", 200)):
        client.force_login(world["users"][user])
        assert client.get(url).status_code == status, user


def test_the_reveal_link_and_committee_seats_follow_each_reader(client, world):
    lawyer = world["ft_lawyer"]
    CommitteeMembership.objects.create(
        committee=CommitteeFactory(region=world["regions"]["city"]), lawyer=lawyer
    )
    url = reverse("registry:lawyer_detail", args=[lawyer.pk])
    reveal = reverse("registry:lawyer_sensitive", args=[lawyer.pk])
    client.force_login(world["users"]["lawyer"])  # their own record: may reveal it
    first = client.get(url).content.decode()
    client.force_login(world["users"]["firm"])  # their firm's administrator: sees the record, may not reveal
    second = client.get(url).content.decode()
    assert reveal in first and reveal not in second
    seat = lawyer.committee_memberships.get().committee.name
    assert seat in first and seat in second
