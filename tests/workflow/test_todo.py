"""待办: each workflow's provider gives the actor what waits for them, and never another unit's; the
list is sorted overdue first, then due soon, then by due date; the home page and the top bar show it."""

import datetime as dt
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.ledgers.choices import ItemAction
from lvxie.ledgers.services import item_evidence_add, item_transition, ledger_create
from lvxie.notices.services import notice_create, notice_publish, receipt_acknowledge
from lvxie.party.choices import MemberStatus
from lvxie.party.services import membership_transfer
from lvxie.workflow.todo import Todo, todo, todos_for
from tests import uploads
from tests.factories import make_user
from tests.ledgers.conftest import add_item
from tests.party.world import build_party_world

MATRIX_URLS = ["workflow:todo_count"]


def titles(actor) -> list[str]:
    return [item.title for item in todos_for(actor)]


@pytest.fixture
def work(world):
    """A Futian notice to firms (reply due in 5 days), an item in each district's firm's ledger."""
    users, regions = world["users"], world["regions"]
    today = timezone.localdate()
    notice = notice_create(
        actor=users["city"],
        title="年度学习计划报送",
        body="请报送",
        sender_region=regions["city"],
        reply_required=True,
        reply_due=today + timedelta(days=5),
    )
    notice_publish(actor=users["city"], notice=notice)
    ft_ledger = ledger_create(actor=users["firm"], firm=world["ft_firm"], title="福田台账", year=2023)
    ns_ledger = ledger_create(actor=users["nanshan"], firm=world["ns_firm"], title="南山台账", year=2023)
    ft_item = add_item(users["firm"], ft_ledger, problem="福田的问题", deadline=today - timedelta(days=2))
    ns_item = add_item(users["nanshan"], ns_ledger, problem="南山的问题")
    return {"notice": notice, "ft_item": ft_item, "ns_item": ns_item}


def test_a_firm_administrator_sees_its_notice_and_its_items_never_another_firms(world, work):
    firm = world["users"]["firm"]
    found = todos_for(firm)
    assert [t.title for t in found] == [f"{work['ft_item'].number} · 福田的问题", "年度学习计划报送"]
    # The overdue item first, with its clock; the notice due in 5 days after it
    item, notice = found
    assert item.overdue and work["ft_item"].deadline.isoformat() in item.label
    assert notice.due == work["notice"].reply_due and not notice.overdue
    assert all("南山" not in title for title in titles(firm))


def test_once_answered_a_notice_leaves_the_list(world, work):
    firm = world["users"]["firm"]
    receipt = work["notice"].receipts.get(firm=world["ft_firm"])
    receipt_acknowledge(actor=firm, receipt=receipt)
    # Acknowledged but a reply is still required: it stays until replied
    assert "年度学习计划报送" in titles(firm)
    from lvxie.notices.services import receipt_reply

    receipt_reply(actor=firm, receipt=receipt, text="已报送")
    assert "年度学习计划报送" not in titles(firm)


def test_the_level_above_sees_items_submitted_for_closure_in_its_district_only(world, work):
    users = world["users"]
    item = work["ft_item"]
    item_evidence_add(actor=users["firm"], item=item, files=[uploads.checked(uploads.pdf())])
    item.refresh_from_db()
    item_transition(actor=users["firm"], item=item, action=ItemAction.SUBMIT, version=item.version)
    wanted = f"{item.number} · 福田的问题"
    assert wanted in titles(users["futian"])
    assert wanted in titles(users["city"])
    assert wanted not in titles(users["nanshan"])
    # The firm now waits for the decision: nothing for it to do on the item
    assert wanted not in titles(users["firm"])
    # The district's own firm's item is the Nanshan district's to keep, not Futian's
    assert f"{work['ns_item'].number} · 南山的问题" not in titles(users["futian"])


def test_a_lawyer_sees_the_items_they_are_responsible_for(world, work):
    users = world["users"]
    lawyer_user = users["lawyer"]
    ledger = work["ft_item"].ledger
    mine = add_item(users["firm"], ledger, problem="律师负责的问题", responsible_user=lawyer_user)
    assert titles(lawyer_user) == [f"{mine.number} · 律师负责的问题"]
    assert titles(users["nobody"]) == []


def test_a_transfer_waits_for_the_receiving_side_only(world):
    party = build_party_world(world)
    users = party["users"]
    secretary_j = make_user(None, username="secretary_j")
    RoleAssignment.objects.create(user=secretary_j, role=Role.ORG_SECRETARY, party_org=party["orgs"]["joint"])
    member = party["lawyers"]["a"][0].party_memberships.get(status=MemberStatus.ACTIVE)
    transfer = membership_transfer(
        actor=users["secretary_a"], member=member, to_org=party["orgs"]["joint"], on=dt.date(2024, 5, 1)
    )

    def waiting(user) -> bool:
        return any(t.url == transfer.get_absolute_url() for t in todos_for(user))

    # The receiving secretary and the committee staff over it; not the sender, not another district
    assert waiting(secretary_j) and waiting(users["party_futian"])
    assert not waiting(users["secretary_a"]) and not waiting(users["party_nanshan"])
    assert not waiting(users["futian"])


def test_the_list_is_sorted_overdue_then_due_soon_then_by_date_then_oldest(db):
    today = dt.date(2026, 9, 28)
    created = timezone.now()

    def make(title, due, minutes=0):
        return todo(
            title=title, url="/", kind="k", created=created - timedelta(minutes=minutes), due=due, today=today
        )

    items = [
        make("later", dt.date(2026, 11, 30)),
        make("none-old", None, minutes=10),
        make("soon", dt.date(2026, 9, 29)),
        make("late", dt.date(2026, 9, 25)),
        make("none-new", None),
    ]
    ordered = sorted(items, key=lambda t: t.urgency)
    assert [t.title for t in ordered] == ["late", "soon", "later", "none-old", "none-new"]
    soon = ordered[1]
    assert (soon.left, soon.due_soon, soon.overdue) == (1, True, False)
    assert isinstance(soon, Todo) and "2026-09-29" in soon.label


def test_home_page_lists_the_work_and_the_top_bar_counts_it(client, world, work):
    client.force_login(world["users"]["firm"])
    page = client.get(reverse("home")).content.decode()
    assert "年度学习计划报送" in page and "福田的问题" in page and "南山的问题" not in page
    count = client.get(reverse("workflow:todo_count")).content.decode()
    assert 'id="todo-count">2<' in count
    # Out of scope: the Nanshan district has nothing of Futian's to do (its own firm's item is the firm's)
    client.force_login(world["users"]["nanshan"])
    assert titles(world["users"]["nanshan"]) == []
    assert client.get(reverse("workflow:todo_count")).content.decode() == ""
    client.force_login(world["users"]["nobody"])
    assert client.get(reverse("workflow:todo_count")).content.decode() == ""
    # Anonymous: nothing (the top bar shows the link only to the signed-in)
    client.logout()
    anonymous = client.get(reverse("workflow:todo_count"))
    assert anonymous.status_code == 200 and anonymous.content.decode() == ""
