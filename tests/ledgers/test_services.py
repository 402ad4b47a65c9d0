"""A rectification item through every status and back, the refusals, numbering, optimistic locking and
reminders."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lvxie.ledgers.choices import ItemAction, ItemStatus
from lvxie.ledgers.models import RectificationItem
from lvxie.ledgers.services import (
    item_evidence_add,
    item_transition,
    item_update,
    ledger_create,
    ledger_reminders_send,
)
from lvxie.notifications.models import Notification
from tests import uploads
from tests.ledgers.conftest import add_item


def step(actor, item, action, reason=""):
    item.refresh_from_db()
    return item_transition(actor=actor, item=item, action=action, version=item.version, reason=reason)


def test_an_item_goes_through_every_status_and_back(world, item):
    firm, futian = world["users"]["firm"], world["users"]["futian"]
    assert item.status == ItemStatus.OPEN
    step(firm, item, ItemAction.START)
    assert item.status == ItemStatus.IN_PROGRESS
    item_evidence_add(actor=firm, item=item, files=[uploads.checked(uploads.pdf("学习记录.pdf"))])
    step(firm, item, ItemAction.SUBMIT)
    assert item.status == ItemStatus.SUBMITTED
    # The level above sends it back with a reason; the firm works on and submits again
    step(futian, item, ItemAction.RETURN, "缺少签到表")
    assert (item.status, item.reason) == (ItemStatus.RETURNED, "缺少签到表")
    step(firm, item, ItemAction.START)
    step(firm, item, ItemAction.SUBMIT)
    # The level above closes it (销号)
    step(futian, item, ItemAction.CLOSE)
    assert item.status == ItemStatus.CLOSED and item.closed_at is not None
    # A closed item is reopened with a reason
    step(futian, item, ItemAction.REOPEN, "问题复发")
    assert item.status == ItemStatus.IN_PROGRESS and item.closed_at is None
    assert list(item.events.values_list("action", flat=True)) == [
        "add",
        "start",
        "evidence",
        "submit",
        "return",
        "start",
        "submit",
        "close",
        "reopen",
    ]
    # The firm heard of each decision, the district of each submission
    assert Notification.objects.filter(recipient=firm).count() == 3
    assert Notification.objects.filter(recipient=futian).count() == 2


def test_closing_without_evidence_is_refused(world, item):
    with pytest.raises(ValidationError) as error:
        step(world["users"]["firm"], item, ItemAction.SUBMIT)
    assert error.value.code == "no_evidence"
    # Even when it reached "submitted" without any (files removed outside lvxie), it cannot be closed
    RectificationItem.objects.filter(pk=item.pk).update(status=ItemStatus.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        step(world["users"]["futian"], item, ItemAction.CLOSE)
    assert error.value.code == "no_evidence"


def test_the_items_own_firm_may_not_close_it(world, item):
    firm = world["users"]["firm"]
    item_evidence_add(actor=firm, item=item, files=[uploads.checked(uploads.text())])
    step(firm, item, ItemAction.SUBMIT)
    for action in (ItemAction.CLOSE, ItemAction.RETURN):
        with pytest.raises(PermissionDenied):
            step(firm, item, action, "自己销号")
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


def test_another_district_may_not_close(world, item):
    firm = world["users"]["firm"]
    item_evidence_add(actor=firm, item=item, files=[uploads.checked(uploads.text())])
    step(firm, item, ItemAction.SUBMIT)
    with pytest.raises(PermissionDenied):
        step(world["users"]["nanshan"], item, ItemAction.CLOSE)


def test_a_transition_from_the_wrong_status_is_refused_with_a_code(world, item):
    with pytest.raises(ValidationError) as error:
        step(world["users"]["futian"], item, ItemAction.CLOSE)
    assert error.value.code == "transition"
    with pytest.raises(ValidationError) as error:
        step(world["users"]["futian"], item, ItemAction.REOPEN, "原因")
    assert error.value.code == "transition"


def test_sending_back_and_reopening_need_a_reason(world, item):
    firm = world["users"]["firm"]
    item_evidence_add(actor=firm, item=item, files=[uploads.checked(uploads.text())])
    step(firm, item, ItemAction.SUBMIT)
    with pytest.raises(ValidationError) as error:
        step(world["users"]["futian"], item, ItemAction.RETURN, "  ")
    assert error.value.error_dict["reason"][0].code == "reason_required"


def test_items_are_numbered_by_year_and_never_renumbered(world, ledger):
    firm = world["users"]["firm"]
    numbers = [add_item(firm, ledger).number for _ in range(3)]
    assert numbers == ["2023-001", "2023-002", "2023-003"]
    other = ledger_create(actor=firm, firm=world["ft_firm"], title="2024年整改台账", year=2024)
    assert add_item(firm, other).number == "2024-001"
    # A failed addition uses no number that a later one would skip or repeat
    with pytest.raises(ValidationError):
        add_item(firm, ledger, responsible="")
    assert add_item(firm, ledger).number in ("2023-004", "2023-005")
    assert len(set(RectificationItem.objects.values_list("number", "ledger"))) == 5


def test_a_second_editor_on_a_stale_version_is_told_and_changes_nothing(world, item):
    firm, futian = world["users"]["firm"], world["users"]["futian"]
    seen_by_both = item.version
    first = RectificationItem.objects.get(pk=item.pk)
    second = RectificationItem.objects.get(pk=item.pk)
    item_update(actor=firm, item=first, version=seen_by_both, measures="第一位的措施")
    with pytest.raises(ValidationError) as error:
        item_update(actor=futian, item=second, version=seen_by_both, measures="第二位的措施")
    assert error.value.code == "stale"
    item.refresh_from_db()
    assert item.measures == "第一位的措施" and item.version == seen_by_both + 1
    # A transition on a stale version is refused the same way
    with pytest.raises(ValidationError) as error:
        item_transition(actor=firm, item=second, action=ItemAction.START, version=seen_by_both)
    assert error.value.code == "stale"


def test_submitted_and_closed_items_cannot_be_edited(world, item):
    firm = world["users"]["firm"]
    item_evidence_add(actor=firm, item=item, files=[uploads.checked(uploads.text())])
    step(firm, item, ItemAction.SUBMIT)
    with pytest.raises(ValidationError) as error:
        item_update(actor=firm, item=item, version=item.version, goal="改")
    assert error.value.code == "not_editable"


def test_only_keepers_add_items(world, ledger):
    for role in ("nanshan", "lawyer", "auditor"):
        with pytest.raises(PermissionDenied):
            add_item(world["users"][role], ledger)
    assert add_item(world["users"]["futian"], ledger).number == "2023-001"
    # Staff adding to a firm's ledger tell the firm
    assert Notification.objects.filter(recipient=world["users"]["firm"]).count() == 1


def test_reminders_for_due_soon_and_overdue_items_once_a_day(world, ledger):
    firm = world["users"]["firm"]
    today = timezone.localdate()
    add_item(firm, ledger, deadline=today + timedelta(days=3))  # due soon
    add_item(firm, ledger, deadline=today - timedelta(days=1))  # overdue
    add_item(firm, ledger, deadline=today + timedelta(days=60))  # not yet
    assert ledger_reminders_send() == 2
    assert ledger_reminders_send() == 0  # hourly cron: once a day
    assert RectificationItem.objects.overdue().count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert ledger_reminders_send() == 2
    assert Notification.objects.filter(recipient=firm).count() == 4


def test_the_responsible_persons_account_is_told_and_must_act_for_the_firm(world, ledger):
    firm, lawyer = world["users"]["firm"], world["users"]["lawyer"]  # 張斌 practises in the Futian firm
    item = add_item(world["users"]["futian"], ledger, responsible="張斌", responsible_user=lawyer)
    assert Notification.objects.filter(recipient=lawyer, url=item.get_absolute_url()).count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        ledger_reminders_send()
    assert Notification.objects.filter(recipient=lawyer, key__contains=":overdue:").count() == 1
    with pytest.raises(ValidationError) as error:
        add_item(firm, ledger, responsible_user=world["users"]["nanshan"])
    assert error.value.error_dict["responsible_user"][0].code == "not_of_firm"
