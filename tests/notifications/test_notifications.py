"""Notifications: idempotent by key, e-mailed after commit, one's own only, opening marks read."""

import pytest
from django.core import mail
from django.urls import reverse

from lvxie.notifications.models import Notification
from lvxie.notifications.services import notify


def test_a_key_is_sent_once_per_person_and_mail_goes_to_those_with_an_address(
    world, django_capture_on_commit_callbacks
):
    firm = world["users"]["firm"]
    firm.email = "office@example.org"
    firm.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            notify(
                users=[firm, world["users"]["city"]], title="新通知", body="正文", url="/notices/1/", key="k"
            )
            == 2
        )
    assert notify(users=[firm], title="新通知", key="k") == 0
    assert [m.to for m in mail.outbox] == [["office@example.org"]]
    assert mail.outbox[0].subject == "新通知"


# (a key with "_" is built as usual, not compiled: core.statements leaves LIKE's characters alone)
@pytest.mark.parametrize("key", ["party.transfer:7:accepted", "notice_receipt:7"])
def test_a_repeated_key_reaches_only_those_who_have_not_had_it(world, key):
    """Once some of the people have had a key, notifying them all again with it reaches only the others,
    each with one row (a single one written as a plain row), the same one every time the shape repeats."""
    firm, city, futian = (world["users"][name] for name in ("firm", "city", "futian"))
    assert notify(users=[firm], title="一", key=key) == 1
    assert notify(users=[firm, city, futian], title="二", key=key) == 2
    # (and again: this time the check's statement is the one compiled the first time)
    assert notify(users=[firm, city, futian], title="二", key=key) == 0
    assert Notification.objects.filter(key=key).count() == 3
    assert sorted(Notification.objects.filter(key=key).values_list("recipient_id", flat=True)) == sorted(
        [firm.pk, city.pk, futian.pk]
    )
    assert Notification.objects.get(key=key, recipient=firm).title == "一"
    other = f"{key}:again"
    assert notify(users=[city], title="三", key=other) == 1
    assert notify(users=[city], title="三", key=other) == 0


def test_pages_show_ones_own_and_opening_marks_read(client, world):
    notify(users=[world["users"]["firm"]], title="给律所的消息", url="/ledgers/")
    mine = Notification.objects.get()
    url = reverse("notifications:open", args=[mine.pk])
    assert client.get(reverse("notifications:list")).status_code == 302
    assert client.post(url).status_code == 302 and Notification.objects.get().read_at is None
    client.force_login(world["users"]["city"])
    assert "给律所的消息" not in client.get(reverse("notifications:list")).content.decode()
    assert client.post(url).status_code == 404
    client.force_login(world["users"]["firm"])
    page = client.get(reverse("notifications:list")).content.decode()
    assert "给律所的消息" in page and 'id="unread-count">1<' in page
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/ledgers/"
    assert Notification.objects.get().read_at is not None


def test_a_link_elsewhere_is_not_followed(client, world):
    notify(users=[world["users"]["firm"]], title="x", url="https://evil.example/")
    client.force_login(world["users"]["firm"])
    response = client.post(reverse("notifications:open", args=[Notification.objects.get().pk]))
    assert response["Location"] == reverse("notifications:list")


def test_read_all(client, world):
    notify(users=[world["users"]["firm"]], title="一")
    notify(users=[world["users"]["firm"]], title="二")
    client.force_login(world["users"]["firm"])
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.parametrize("user", ["city", "firm"])
def test_api_lists_only_ones_own(client, world, user):
    notify(users=[world["users"]["firm"]], title="给律所的消息")
    client.force_login(world["users"][user])
    body = client.get("/api/v1/notifications").json()
    assert body["count"] == (1 if user == "firm" else 0)


def test_people_of_is_firm_and_region_people_together_each_once(world):
    """`people_of` (one query, compiled once per shape) gives the users `firm_people` and `region_people`
    give, for any values of the same shape."""
    from lvxie.notifications.selectors import firm_people, people_of, region_people

    firms, seen = [world["ft_firm"].pk], set()
    for path in (world["ft_firm"].region.path, world["ns_firm"].region.path):
        for party in (False, True):
            expected = set(firm_people(firms, [])) | set(region_people(path, party=party))
            found = people_of(firm_ids=firms, over=[path], party=party)
            assert set(found) == expected and len(found) == len(set(found))
            seen |= expected
    assert seen and people_of() == []
